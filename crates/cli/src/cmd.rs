//! Subcommands.

mod batch;
mod bench;
mod client;
mod compile;
mod load;
mod node;
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
    /// Run a node: JSON-RPC, a transaction pool, blocks produced or validated, RocksDB.
    Node(node::NodeArgs),
    /// Create or show an account on a node.
    Account(client::AccountArgs),
    /// Deploy a contract to a node (its sources, compiled by the node).
    Deploy(client::DeployArgs),
    /// Call a method read-only on a node (nothing is signed or kept).
    Call(client::CallArgs),
    /// Sign and send a transaction calling a method, and wait for its receipt.
    Send(client::SendArgs),
    /// Show a transaction's receipt.
    Receipt(client::ReceiptArgs),
}

impl Cli {
    /// Whether the command runs a node (which logs by default).
    pub(crate) fn is_node(&self) -> bool {
        matches!(self.command, Command::Node(_))
    }
}

/// Runs the chosen subcommand. `Err` is bad usage (exit 2).
pub(crate) fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run(args) => run::run(args),
        Command::Compile(args) => compile::compile(&args),
        Command::Batch(args) => batch::batch(&args),
        Command::State(args) => state::state(&args),
        Command::Bench(args) => bench::bench(&args),
        Command::Node(args) => node::node(&args),
        Command::Account(args) => client::account(&args),
        Command::Deploy(args) => client::deploy(&args),
        Command::Call(args) => client::call(&args),
        Command::Send(args) => client::send_command(&args),
        Command::Receipt(args) => client::receipt(&args),
    }
}
