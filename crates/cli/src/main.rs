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
    // Commands run sandboxes on this thread: it needs the stack the VM's
    // workers have.
    let run = std::thread::Builder::new()
        .name("v8vm".into())
        .stack_size(v8vm_runtime::THREAD_STACK_BYTES)
        .spawn(move || cmd::dispatch(cli))
        .expect("the main thread starts");
    match run.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
