//! `v8vm bench`: the VM's costs, measured in one run.
//!
//! Medians of repeated samples (these machines are small and noisy), printed
//! as Markdown tables for `docs/benchmarks.md`.

mod gas;
mod rpc;
mod vm;

use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use v8vm_runtime::{Action, BlockInfo, CallEnv, CallRequest, Execution, Receipt, Status, DEFAULT_GAS_LIMIT};
use v8vm_state::{MemoryBackend, StateDb, StateOptions};

#[derive(Debug, Args)]
pub(crate) struct BenchArgs {
    /// Fewer samples (a smoke run, not for recording).
    #[arg(long)]
    quick: bool,
    /// Instead of the VM: send signed transfers to the dev node at this
    /// JSON-RPC address and measure transfers per second into blocks.
    #[arg(long)]
    rpc: Option<String>,
    /// With --rpc: how many transfers.
    #[arg(long, default_value_t = 5000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    count: u64,
    /// With --rpc: concurrent HTTP clients.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..=256))]
    senders: u64,
}

/// One row of a report.
struct Row {
    name: &'static str,
    value: String,
    note: String,
}

pub(crate) fn bench(args: &BenchArgs) -> anyhow::Result<std::process::ExitCode> {
    if let Some(url) = &args.rpc {
        let rows = rpc::rows(url, args.count as usize, args.senders as usize)?;
        print_table("Signed transfers through JSON-RPC into blocks", "rate", &rows);
        return Ok(std::process::ExitCode::SUCCESS);
    }
    let scale = if args.quick { 10 } else { 1 };
    print_table("The VM", "median", &vm::rows(scale)?);
    print_table("Gas metering overhead (metered / unmetered, same sandbox)", "metered", &gas::overhead_rows(scale)?);
    let (rows, summary) = gas::calibration_rows(scale)?;
    print_table("Gas calibration (CPU time per unit of gas)", "ns per gas", &rows);
    println!("{summary}");
    Ok(std::process::ExitCode::SUCCESS)
}

fn print_table(title: &str, column: &str, rows: &[Row]) {
    println!("\n### {title}\n");
    println!("| benchmark | {column} | notes |");
    println!("|---|---|---|");
    for row in rows {
        println!("| {} | {} | {} |", row.name, row.value, row.note);
    }
}

/// State kept across benchmark calls; successful writes are applied.
/// State for benchmark calls: the state database over memory; successful
/// changes are applied, and a block is committed every `BLOCK_CALLS` calls.
struct Ledger {
    db: Arc<StateDb<MemoryBackend>>,
    env: CallEnv,
    calls: u64,
}

const BLOCK_CALLS: u64 = 100;

impl Default for Ledger {
    fn default() -> Self {
        let block = BlockInfo {
            number: 1,
            parent_hash: String::new(),
            witness: "bench".into(),
            time: 1_700_000_000_000_000_000,
        };
        let db = StateDb::open(MemoryBackend::new(), StateOptions::default()).expect("memory state opens");
        Ledger { db: Arc::new(db), env: CallEnv::signed_by("admin", block, "bench".into()), calls: 0 }
    }
}

impl Ledger {
    fn request(&self, action: Action, timeout: Duration) -> CallRequest {
        CallRequest {
            action,
            env: self.env.clone(),
            state: self.db.clone(),
            // The deadline row measures the backstop, so gas must not stop it first.
            gas_limit: if timeout < Duration::from_secs(1) { u64::MAX / 2 } else { DEFAULT_GAS_LIMIT },
            timeout,
            read_only: false,
        }
    }

    fn execute(&mut self, action: Action, run: impl FnOnce(CallRequest) -> Execution) -> Receipt {
        let execution = run(self.request(action, Duration::from_secs(5)));
        assert_eq!(execution.receipt.status, Status::Success, "{}", execution.receipt.message);
        self.db.apply(execution.writes);
        self.calls += 1;
        if self.calls.is_multiple_of(BLOCK_CALLS) {
            self.db.commit_block(self.calls / BLOCK_CALLS, b"bench block", b"").expect("the block commits");
        }
        execution.receipt
    }
}

fn sample(n: usize, mut f: impl FnMut() -> Duration) -> Vec<Duration> {
    (0..n.max(1)).map(|_| f()).collect()
}

fn median(samples: &[Duration]) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2]
}

fn micros(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}
