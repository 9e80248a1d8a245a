//! `v8vm`: run JavaScript smart contracts in V8 from the command line.

#![forbid(unsafe_code)]

mod cmd;

/// The Rust side of a call allocates many small, short-lived values
/// (receipts, keys, journal entries); mimalloc serves them faster than the
/// system allocator (`docs/benchmarks.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    // Logs and the VM's metrics (`tracing`), on stderr: a node logs at
    // `info` unless told otherwise; other commands when asked for, with
    // `V8VM_LOG=debug` or a filter such as `V8VM_LOG=v8vm_runtime=debug`.
    let filter = tracing_subscriber::EnvFilter::try_from_env("V8VM_LOG")
        .ok()
        .or_else(|| cli.is_node().then(|| tracing_subscriber::EnvFilter::new("info")));
    if let Some(filter) = filter {
        let ansi = std::io::stderr().is_terminal();
        tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(ansi).init();
    }
    match cmd::dispatch(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
