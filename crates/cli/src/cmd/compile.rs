//! `v8vm compile`: package, validate and instrument a contract into an artifact.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use clap::Args;
use v8vm_runtime::{Contract, Sandbox, SandboxOptions};

use super::load::{load_artifact, LoadError};

#[derive(Debug, Args)]
pub(crate) struct CompileArgs {
    /// The contract: a .js/.mjs file, or a folder with package.json or index.js.
    contract: PathBuf,
    /// Write the artifact to this file.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// ABI file [default: <entry stem>.abi beside the entry, or abi.json in the folder].
    #[arg(long)]
    abi: Option<PathBuf>,
    /// Print exactly one JSON object.
    #[arg(long)]
    json: bool,
}

pub(crate) fn compile(args: &CompileArgs) -> anyhow::Result<ExitCode> {
    let mut artifact = match load_artifact(&args.contract, args.abi.as_deref()) {
        Ok(artifact) => artifact,
        Err(error) => return error.report(args.json),
    };
    if let Err(errors) = v8vm_compiler::add_code_cache(&mut artifact) {
        return LoadError::Compile(errors).report(args.json);
    }
    // The ABI does not depend on the name the contract will be deployed under.
    let contract = Arc::new(Contract::new("contract", Arc::new(artifact.clone()))?);
    let abi = Sandbox::new(&SandboxOptions::default())?.abi_of(&contract);
    if let Some(output) = &args.output {
        std::fs::write(output, artifact.to_json()).with_context(|| format!("cannot write {}", output.display()))?;
    }
    let stats = &artifact.stats;
    let cacheable = v8vm_compiler::check_cacheable(&artifact);
    if args.json {
        let object = serde_json::json!({
            "status": if abi.is_ok() { "success" } else { "runtime_error" },
            "entry": artifact.entry,
            "code_hash": artifact.code_hash,
            "modules": artifact.modules.iter().map(|m| &m.id).collect::<Vec<_>>(),
            "source_bytes": stats.source_bytes,
            "bundle_bytes": stats.bundle_bytes,
            "gas_points": stats.gas_points,
            "code_cache_bytes": artifact.code_cache.as_ref().map_or(0, |c| c.bytes.len() / 2),
            "modules_cached": cacheable.is_ok(),
            "modules_cached_note": cacheable.as_ref().err().map(ToString::to_string),
            "abi": abi.as_ref().ok(),
            "message": abi.as_ref().err().cloned().unwrap_or_default(),
            "output": args.output,
        });
        println!("{object}");
    } else {
        println!(
            "compiled {}: {} module(s), {} bytes of source -> {} bytes of bundle, {} gas points",
            artifact.entry, stats.modules, stats.source_bytes, stats.bundle_bytes, stats.gas_points
        );
        for module in &artifact.modules {
            println!("  module {}", module.id);
        }
        println!("  code hash {}", artifact.code_hash);
        if let Some(cache) = &artifact.code_cache {
            println!("  code cache {} bytes (V8 {})", cache.bytes.len() / 2, cache.v8_version);
        }
        match &cacheable {
            Ok(()) => println!("  modules cached: evaluated once per worker, frozen, reused by every call"),
            Err(why) => println!("  modules not cached (they run afresh on every call, which is slower): {why}"),
        }
        match &abi {
            Ok(abi) => {
                let origin = if artifact.abi.is_some() { "ABI file" } else { "derived from the class" };
                println!("  abi ({origin}):");
                for method in &abi.abi {
                    let types: Vec<&str> = method.args.iter().map(|t| t.name()).collect();
                    println!("    {}({})", method.name, types.join(", "));
                }
            }
            Err(message) => println!("  abi: cannot be determined: {message}"),
        }
        if let Some(output) = &args.output {
            println!("wrote {}", output.display());
        }
    }
    Ok(if abi.is_ok() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
