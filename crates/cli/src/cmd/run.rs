//! `v8vm run`: deploy a contract the first time its name is seen, then call
//! a method, in one block committed to the state database (RocksDB with
//! `--db`, else memory).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Context as _;
use clap::Args;
use serde_json::Value;
use sha2::{Digest, Sha256};
use v8vm_runtime::{
    deployment, Action, BlockInfo, Contract, PoolConfig, Receipt, SandboxOptions, Transaction, VmConfig, VmManager,
    DEFAULT_GAS_LIMIT,
};
use v8vm_state::{Backend, MemoryBackend, RocksBackend, RocksOptions, StateDb, StateOptions};

use super::load::{default_name, load_artifact};

/// The largest gas limit a transaction may ask for.
pub(crate) const MAX_GAS_LIMIT: u64 = 1_000_000_000_000;

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
    /// Keep state, deployed contracts and blocks in this RocksDB folder between runs
    /// (created if missing); without it state starts empty. `--state` is an alias.
    #[arg(long, alias = "state")]
    db: Option<PathBuf>,
    /// The contract's name [default: the file name up to its first dot, or the folder name].
    #[arg(long)]
    name: Option<String>,
    /// The account that publishes and signs the transaction.
    #[arg(long, default_value = "admin")]
    publisher: String,
    /// Most gas each call (and the deploy) may use.
    #[arg(long, default_value_t = DEFAULT_GAS_LIMIT, value_parser = clap::value_parser!(u64).range(1..=MAX_GAS_LIMIT))]
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
    match &args.db {
        Some(path) => run_on(&args, &contract, open_db(path)?),
        None => run_on(&args, &contract, StateDb::open(MemoryBackend::new(), StateOptions::default())?),
    }
}

/// Opens (or creates) the RocksDB state database in `path`.
pub(crate) fn open_db(path: &Path) -> anyhow::Result<StateDb<RocksBackend>> {
    let backend = RocksBackend::open(path, &RocksOptions::default())
        .with_context(|| format!("cannot open the state database {}", path.display()))?;
    Ok(StateDb::open(backend, StateOptions::default())?)
}

/// Runs the deploy (first time the name is seen) or the update (when the
/// code changed) and the call in one block over `db`, commits the block,
/// prints, and picks the exit code.
fn run_on<B: Backend + 'static>(args: &RunArgs, contract: &Arc<Contract>, db: StateDb<B>) -> anyhow::Result<ExitCode> {
    let db = Arc::new(db);
    let block = next_block(&db)?;
    let heap_limit_bytes = (args.heap_limit_mb as usize) << 20;
    let sandbox = SandboxOptions { heap_limit_bytes, ..SandboxOptions::default() };
    let pool = PoolConfig { min_workers: 1, max_workers: 1, sandbox, ..PoolConfig::default() };
    let config = VmConfig { pool, call_timeout: Duration::from_millis(args.timeout_ms), ..VmConfig::default() };
    let vm = VmManager::new(Arc::clone(&db), config)?;
    let transaction = |action: Action| {
        let kind = match &action {
            Action::Deploy(_) => "deploy",
            Action::Update { .. } => "update",
            Action::Call { .. } => "call",
        };
        let hash = hex::encode(Sha256::digest(format!("{}|{}|{kind}|{}", block.number, contract.name, args.publisher)));
        Transaction::signed_by(&args.publisher, &hash, block.time, args.gas_limit, action)
    };
    let mut txs = Vec::new();
    let mut setup = None;
    match deployment(db.as_ref(), &contract.name)? {
        None => {
            txs.push(transaction(Action::Deploy(Arc::clone(contract))));
            setup = Some(format!("deploy {} (init)", contract.name));
        }
        Some(deployed) if deployed.code_hash != contract.code_hash() => {
            eprintln!(
                "note: {} or its ABI changed since '{}' was deployed: updating its code (init does not run \
                 again; use another --db folder or --name to deploy afresh)",
                args.contract.display(),
                contract.name
            );
            txs.push(transaction(Action::Update { contract: Arc::clone(contract), data: String::new() }));
            setup = Some(format!("update {}", contract.name));
        }
        Some(_) => {}
    }
    let call_too = setup.is_none() || args.method != "init";
    if call_too {
        txs.push(transaction(Action::call(&contract.name, &args.method, &args.args)));
    }
    // The call runs only if the deploy or update succeeded.
    let mut receipts = Vec::new();
    for tx in &txs {
        let receipt = vm.execute_tx(&block, tx)?;
        let failed = !receipt.is_success();
        receipts.push(receipt);
        if failed {
            break;
        }
    }
    vm.commit_block(&block, &receipts)?;
    let mut receipts = receipts.into_iter();
    let setup = setup.map(|title| (title, receipts.next().expect("the first transaction ran")));
    let call = receipts.next();
    finish(args, call, setup)
}

/// Prints the receipts and picks the exit code.
fn finish(args: &RunArgs, call: Option<Receipt>, setup: Option<(String, Receipt)>) -> anyhow::Result<ExitCode> {
    let ok = call.iter().chain(setup.iter().map(|(_, r)| r)).all(Receipt::is_success);
    if args.json {
        let (receipt, deploy) = match (&call, &setup) {
            (Some(call), setup) => (call, setup.as_ref().map(|(_, r)| r)),
            (None, Some((_, setup))) => (setup, None),
            (None, None) => unreachable!("a run deploys, updates or calls"),
        };
        println!("{}", serde_json::to_string(&JsonOutput { receipt, deploy })?);
    } else {
        let name = args.name.clone().unwrap_or_else(|| default_name(&args.contract).unwrap_or_default());
        if let Some((title, receipt)) = &setup {
            print_receipt(title, receipt);
        }
        if let Some(call) = &call {
            print_receipt(&format!("call {name}.{}", args.method), call);
        }
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `--json` output: the call's receipt, plus the deploy's (or update's) when
/// this run deployed (or updated).
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
/// on from the database's head, its parent the head block, timed by the
/// wall clock.
fn next_block<B: Backend>(db: &StateDb<B>) -> anyhow::Result<BlockInfo> {
    let head = db.head().height;
    let parent_hash = match db.block(head)? {
        Some(parent) => hex::encode(Sha256::digest(&parent)),
        None => String::new(),
    };
    let time = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i64);
    Ok(BlockInfo { number: head + 1, parent_hash, witness: "v8vm-run".into(), time })
}
