//! `v8vm bench`: every benchmark of the project in one run — the VM, gas
//! metering, the compiler, the state database, the peers (revm, QuickJS)
//! and a node — as one table with each row's ratio against the baseline it
//! names, written as JSON too, and optionally into `docs/benchmarks.md`.
//!
//! Medians of repeated samples (these machines are small and noisy).

mod compiler;
mod gas;
mod hostile;
mod node;
mod peers;
mod rpc;
mod state;
mod vm;

use std::sync::Arc;
use std::time::Duration;

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use serde_json::json;
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
    /// Instead of the VM: send honest transfers at a steady rate to the dev
    /// node at this JSON-RPC address (on this machine), first alone, then
    /// while attackers hammer it from 127.0.0.2; report honest transfers
    /// committed per second in both and the longest gap between blocks.
    #[arg(long, conflicts_with = "rpc")]
    hostile: Option<String>,
    /// With --hostile: seconds of each phase.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
    seconds: u64,
    /// With --hostile: only these attacks (repeatable; default all).
    #[arg(long, value_enum)]
    attack: Vec<hostile::Attack>,
    /// With --hostile: requests a second each attacker thread sends at
    /// most (each attack has 1 to 8 threads).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    attack_rate: u64,
    /// With --hostile: honest transfers offered per second.
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    rate: u64,
    /// With --rpc: how many transfers.
    #[arg(long, default_value_t = 5000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    count: u64,
    /// With --rpc: concurrent HTTP clients.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..=256))]
    senders: u64,
    /// Also measure the state database at these sizes (e.g.
    /// `1000000,10000000`): block commits, point reads and throughput on
    /// disk, against RocksDB alone. Slow the first time: each database is
    /// loaded, then kept in --state-dir.
    #[arg(long, value_delimiter = ',', value_parser = clap::value_parser!(u64).range(1..))]
    state_keys: Vec<u64>,
    /// Where the --state-keys databases are kept between runs.
    #[arg(long, default_value_os_t = std::env::temp_dir().join("v8vm-state-bench"))]
    state_dir: PathBuf,
    /// With --state-keys: measure throughput warm (after a warm-up) rather
    /// than cold.
    #[arg(long, requires = "state_keys")]
    state_warm: bool,
    /// Run only these areas (repeatable), e.g. `--only peers`.
    #[arg(long, value_enum, conflicts_with = "write_docs")]
    only: Vec<Area>,
    /// Write the results as JSON to this file.
    #[arg(long, default_value = "v8vm-bench.json")]
    json_out: PathBuf,
    /// Replace the generated section of this Markdown file (between
    /// `<!-- v8vm bench: begin -->` and `<!-- v8vm bench: end -->`) with
    /// the results, e.g. docs/benchmarks.md.
    #[arg(long)]
    write_docs: Option<PathBuf>,
}

/// The areas of the report, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Area {
    Vm,
    Gas,
    Compiler,
    State,
    Peers,
    Node,
}

/// One row of a report.
struct Row {
    name: &'static str,
    value: String,
    /// The baseline the row names, and the ratio of its value to it.
    vs: Option<(&'static str, f64)>,
    note: String,
}

/// What measures an area, at a sample scale (1, or 10 for `--quick`).
type Rows = fn(usize) -> anyhow::Result<Vec<Row>>;

/// Rows by area, in the order they ran.
#[derive(Default)]
struct Report {
    rows: Vec<(&'static str, Row)>,
    notes: Vec<String>,
}

impl Report {
    fn add(&mut self, area: &'static str, rows: Vec<Row>) {
        self.rows.extend(rows.into_iter().map(|row| (area, row)));
    }

    /// The table, in Markdown.
    fn markdown(&self) -> String {
        let mut out =
            String::from("| area | benchmark | value | compared with | ratio | notes |\n|---|---|---|---|---|---|\n");
        for (area, row) in &self.rows {
            let (baseline, ratio) =
                row.vs.map_or((String::new(), String::new()), |(b, r)| (b.to_owned(), format!("{r:.2}x")));
            out += &format!("| {area} | {} | {} | {baseline} | {ratio} | {} |\n", row.name, row.value, row.note);
        }
        for note in &self.notes {
            out += &format!("\n{note}\n");
        }
        out
    }

    fn json(&self, command: &str, date: &str) -> serde_json::Value {
        let rows: Vec<serde_json::Value> = self
            .rows
            .iter()
            .map(|(area, row)| {
                json!({
                    "area": area,
                    "benchmark": row.name,
                    "value": row.value,
                    "compared_with": row.vs.map(|(b, _)| b),
                    "ratio": row.vs.map(|(_, r)| r),
                    "notes": row.note,
                })
            })
            .collect();
        json!({ "command": command, "date": date, "cores": cores(), "rows": rows, "notes": self.notes })
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Puts `section` between the markers of `path`.
fn write_docs(path: &std::path::Path, section: &str) -> anyhow::Result<()> {
    const BEGIN: &str = "<!-- v8vm bench: begin -->";
    const END: &str = "<!-- v8vm bench: end -->";
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let (Some(begin), Some(end)) = (text.find(BEGIN), text.find(END)) else {
        anyhow::bail!("{} has no {BEGIN} ... {END} section to replace", path.display());
    };
    let updated = format!("{}{BEGIN}\n{section}{}", &text[..begin], &text[end..]);
    std::fs::write(path, updated).with_context(|| format!("cannot write {}", path.display()))
}

pub(crate) fn bench(args: &BenchArgs) -> anyhow::Result<std::process::ExitCode> {
    let mut report = Report::default();
    if let Some(url) = &args.rpc {
        report.add("node", rpc::rows(url, args.count as usize, args.senders as usize)?);
        print!("{}", report.markdown());
        return Ok(std::process::ExitCode::SUCCESS);
    }
    if let Some(url) = &args.hostile {
        report.add("node under attack", hostile::rows(url, args.seconds, args.rate, &args.attack, args.attack_rate)?);
        print!("{}", report.markdown());
        return Ok(std::process::ExitCode::SUCCESS);
    }
    let scale = if args.quick { 10 } else { 1 };
    let areas: [(Area, &str, Rows); 6] = [
        (Area::Vm, "VM", vm::rows),
        (Area::Gas, "gas metering", gas::overhead_rows),
        (Area::Compiler, "compiler", compiler::rows),
        (Area::State, "state", state::rows),
        (Area::Peers, "peers", peers::rows),
        (Area::Node, "node", node::rows),
    ];
    for (_, area, rows) in areas.into_iter().filter(|(id, ..)| args.only.is_empty() || args.only.contains(id)) {
        eprintln!("bench: {area}...");
        report.add(area, rows(scale)?);
        if area == "state" && !args.state_keys.is_empty() {
            eprintln!(
                "bench: state at scale ({} keys)...",
                args.state_keys.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
            );
            report.add("state", state::scale_rows(&args.state_keys, &args.state_dir, args.state_warm)?);
        }
        if area == "gas metering" {
            let (rows, adversarial, summary) = gas::calibration_rows(scale)?;
            report.add("gas calibration (ns per gas)", rows);
            report.add("adversarial calibration (ns per gas)", adversarial);
            report.notes.push(summary.trim().to_owned());
        }
    }
    let table = report.markdown();
    println!("{table}");
    let command = std::env::args().collect::<Vec<_>>().join(" ");
    let date = utc_now();
    let out = serde_json::to_string_pretty(&report.json(&command, &date))?;
    std::fs::write(&args.json_out, out).with_context(|| format!("cannot write {}", args.json_out.display()))?;
    eprintln!("wrote {}", args.json_out.display());
    if let Some(path) = &args.write_docs {
        let section =
            format!("Produced by `v8vm bench` on {date} ({} cores); command: `{command}`.\n\n{table}", cores());
        write_docs(path, &section)?;
        eprintln!("updated {}", path.display());
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// The date and time, UTC, for the report (`date -u` format, from the
/// system clock).
fn utc_now() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02} UTC", rest / 3600, rest % 3600 / 60)
}

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
            output_used: 0,
            logs_used: 0,
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
