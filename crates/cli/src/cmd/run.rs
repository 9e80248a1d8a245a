//! `v8vm run`: deploy a contract the first time its name is seen, then call
//! a method, with state kept in a file between runs.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clap::Args;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use v8vm_runtime::{
    deployment, Action, BlockInfo, CallEnv, CallRequest, Contract, Execution, Receipt, SandboxOptions, Worker,
    DEFAULT_GAS_LIMIT, SYSTEM_CONTRACT,
};

use super::load::{default_name, load_artifact};
use v8vm_state::{MemoryState, Slot, StateRead, WriteSet};

#[derive(Debug, Args)]
pub(crate) struct RunArgs {
    /// The contract: a .js/.mjs file, a folder with package.json or index.js, or a compiled artifact (.json).
    contract: PathBuf,
    /// The method to call; `init` only deploys.
    method: String,
    /// The arguments, a JSON array.
    #[arg(default_value = "[]")]
    args: String,
    /// ABI file [default: <stem>.abi or abi.json beside the contract, else derived from the class].
    #[arg(long)]
    abi: Option<PathBuf>,
    /// Keep state (and deployed contracts) in this file between runs; without it state starts empty.
    #[arg(long)]
    state: Option<PathBuf>,
    /// The contract's name [default: the file name up to its first dot, or the folder name].
    #[arg(long)]
    name: Option<String>,
    /// The account that publishes and signs the transaction.
    #[arg(long, default_value = "admin")]
    publisher: String,
    /// Most gas each call (and the deploy) may use.
    #[arg(long, default_value_t = DEFAULT_GAS_LIMIT, value_parser = clap::value_parser!(u64).range(1..=1_000_000_000_000))]
    gas_limit: u64,
    /// Deadline of each call, in milliseconds (a backstop; gas is the real limit).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=600_000))]
    timeout_ms: u64,
    /// Heap limit of the sandbox, in MiB.
    #[arg(long, default_value_t = 128, value_parser = clap::value_parser!(u64).range(8..=4096))]
    heap_limit_mb: u64,
    /// Print exactly one JSON object instead of human output.
    #[arg(long)]
    json: bool,
}

const HEIGHT_KEY: &str = "cli.height";
const HASH_KEY: &str = "cli.block_hash";

pub(crate) fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    let name = match &args.name {
        Some(name) => name.clone(),
        None => default_name(&args.contract)?,
    };
    let artifact = match load_artifact(&args.contract, args.abi.as_deref()) {
        Ok(artifact) => artifact,
        Err(error) => return error.report(args.json),
    };
    let contract = Arc::new(Contract::new(&name, Arc::new(artifact))?);
    let mut state = match &args.state {
        Some(path) => MemoryState::load(path)?,
        None => MemoryState::default(),
    };
    let block = next_block(&state);
    let heap_limit_bytes = (args.heap_limit_mb as usize) << 20;
    let worker = Worker::spawn(SandboxOptions { heap_limit_bytes, ..SandboxOptions::default() })?;
    let request = |action: Action, state: &MemoryState| {
        let hash = hex::encode(Sha256::digest(format!("{}|{name}|{action:?}|{}", block.number, args.publisher)));
        CallRequest {
            contract: Arc::clone(&contract),
            action,
            env: CallEnv::signed_by(&args.publisher, block.clone(), hash),
            state: Arc::new(state.clone()),
            gas_limit: args.gas_limit,
            timeout: Duration::from_millis(args.timeout_ms),
        }
    };

    let deployed = deployment(&state, &name);
    if deployed.as_ref().is_some_and(|d| d.code_hash != contract.code_hash()) {
        eprintln!(
            "note: {} or its ABI changed since '{name}' was deployed; running the new code \
             (init does not run again: use another --state file or --name to deploy afresh)",
            args.contract.display()
        );
    }
    let mut deploy = None;
    if deployed.is_none() {
        let execution = worker.execute(request(Action::Deploy, &state))?;
        let deployed = execution.receipt.is_success();
        state.apply(execution.writes);
        deploy = Some(execution.receipt);
        if !deployed || args.method == "init" {
            return finish(&args, &mut state, &block, None, deploy);
        }
    }
    let action = Action::Call { method: args.method.clone(), args: args.args.clone() };
    let execution: Execution = worker.execute(request(action, &state))?;
    let receipt = execution.receipt;
    state.apply(execution.writes);
    finish(&args, &mut state, &block, Some(receipt), deploy)
}

/// Saves state if everything succeeded, prints, and picks the exit code.
fn finish(
    args: &RunArgs,
    state: &mut MemoryState,
    block: &BlockInfo,
    call: Option<Receipt>,
    deploy: Option<Receipt>,
) -> anyhow::Result<ExitCode> {
    let ok = call.iter().chain(deploy.iter()).all(Receipt::is_success);
    if ok {
        if let Some(path) = &args.state {
            record_block(state, block);
            state.save(path)?;
        }
    }
    if args.json {
        let (receipt, deploy) = match (&call, &deploy) {
            (Some(call), deploy) => (call, deploy.as_ref()),
            (None, Some(deploy)) => (deploy, None),
            (None, None) => unreachable!("a run deploys or calls"),
        };
        println!("{}", serde_json::to_string(&JsonOutput { receipt, deploy })?);
    } else {
        let name = args.name.clone().unwrap_or_else(|| default_name(&args.contract).unwrap_or_default());
        if let Some(deploy) = &deploy {
            print_receipt(&format!("deploy {name} (init)"), deploy);
        }
        if let Some(call) = &call {
            print_receipt(&format!("call {name}.{}", args.method), call);
        }
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `--json` output: the call's receipt, plus the deploy's when this run deployed.
#[derive(serde::Serialize)]
struct JsonOutput<'a> {
    #[serde(flatten)]
    receipt: &'a Receipt,
    #[serde(skip_serializing_if = "Option::is_none")]
    deploy: Option<&'a Receipt>,
}

fn print_receipt(title: &str, receipt: &Receipt) {
    println!("{title}: {}", receipt.status.as_str());
    if !receipt.ret.is_empty() {
        println!("  return: {}", receipt.ret);
    }
    if !receipt.message.is_empty() {
        println!("  message: {}", receipt.message);
    }
    for log in &receipt.logs {
        let level = serde_json::to_value(log.level).ok();
        println!("  log [{}] {}", level.as_ref().and_then(Value::as_str).unwrap_or("info"), log.message);
    }
    for entry in &receipt.receipts {
        println!("  receipt {}: {}", entry.func_name, entry.content);
    }
    for event in &receipt.events {
        println!("  event {}: {}", event.contract, event.content);
    }
    println!("  gas used: {}", receipt.gas_used);
}

/// The simulated block this run executes in: one block per run, numbered
/// on from the state file, timed by the wall clock.
fn next_block(state: &MemoryState) -> BlockInfo {
    let system = |key| state.get(&Slot::key(SYSTEM_CONTRACT, key));
    let height: u64 = system(HEIGHT_KEY).and_then(|h| h.parse().ok()).unwrap_or(0);
    let time = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i64);
    BlockInfo {
        number: height + 1,
        parent_hash: system(HASH_KEY).unwrap_or_default(),
        witness: "v8vm-run".into(),
        time,
    }
}

fn record_block(state: &mut MemoryState, block: &BlockInfo) {
    let hash = hex::encode(Sha256::digest(json!([block.number, block.parent_hash, block.time]).to_string()));
    let mut system = WriteSet::default();
    system.put(Slot::key(SYSTEM_CONTRACT, HEIGHT_KEY), block.number.to_string());
    system.put(Slot::key(SYSTEM_CONTRACT, HASH_KEY), hash);
    state.apply(system);
}
