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
    // Logs and the VM's metrics (`tracing`), on stderr, when asked for:
    // `V8VM_LOG=debug` or a filter such as `V8VM_LOG=v8vm_runtime=debug`.
    if let Ok(filter) = tracing_subscriber::EnvFilter::try_from_env("V8VM_LOG") {
        let ansi = std::io::stderr().is_terminal();
        tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(ansi).init();
    }
    let cli = cmd::Cli::parse();
    match cmd::dispatch(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
