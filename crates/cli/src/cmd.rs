//! Subcommands.

mod batch;
mod bench;
mod compile;
mod load;
mod run;
mod state;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Run JavaScript smart contracts in V8.
#[derive(Debug, Parser)]
#[command(name = "v8vm", version, about)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Deploy a contract (first time its name is seen) and call a method.
    Run(run::RunArgs),
    /// Package, validate and meter a contract into an artifact.
    Compile(compile::CompileArgs),
    /// Run a JSON-lines file of deploys and calls as one block through the VMManager.
    Batch(batch::BatchArgs),
    /// Inspect a state database: digest, values, map fields.
    State(state::StateArgs),
    /// Measure isolate and context creation, warm calls and transfers per second.
    Bench(bench::BenchArgs),
}

/// Runs the chosen subcommand. `Err` is bad usage (exit 2).
pub(crate) fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run(args) => run::run(args),
        Command::Compile(args) => compile::compile(&args),
        Command::Batch(args) => batch::batch(&args),
        Command::State(args) => state::state(&args),
        Command::Bench(args) => bench::bench(&args),
    }
}
