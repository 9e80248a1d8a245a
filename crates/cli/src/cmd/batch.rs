//! `v8vm batch`: a JSON-lines file of deploys and calls, run through the
//! VMManager as one block; prints one JSON receipt per line, then the state
//! digest.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{bail, Context as _};
use clap::Args;
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use v8vm_runtime::{
    Action, BlockInfo, Contract, PoolConfig, SandboxOptions, Transaction, VmConfig, VmManager, DEFAULT_GAS_LIMIT,
};
use v8vm_state::{Backend, MemoryBackend, StateDb, StateOptions};

use super::load::{default_name, load_artifact, LoadError};
use super::run::{open_db, MAX_GAS_LIMIT};

#[derive(Debug, Args)]
pub(crate) struct BatchArgs {
    /// The transactions, one JSON object per line:
    /// `{"deploy": PATH, "name": NAME, "publisher": P}` or
    /// `{"call": NAME, "method": M, "args": [...], "publisher": P}`
    /// (`name`, `publisher`, `args` and `gas_limit` are optional; paths are
    /// relative to the file).
    file: PathBuf,
    /// Workers in the pool (the block's transactions still run in order,
    /// each on whichever worker is free; the output does not depend on it).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=64))]
    workers: u64,
    /// Keep state in this RocksDB folder (created if missing); the batch
    /// is the next block. Without it state starts empty.
    #[arg(long)]
    db: Option<PathBuf>,
    /// Print the pool's metrics on stderr at the end.
    #[arg(long)]
    stats: bool,
}

/// One input line.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeployLine {
    deploy: PathBuf,
    name: Option<String>,
    publisher: Option<String>,
    gas_limit: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CallLine {
    call: String,
    method: String,
    #[serde(default)]
    args: Option<Value>,
    publisher: Option<String>,
    gas_limit: Option<u64>,
}

/// The fixed genesis time of batch blocks: each block is one second after
/// its parent, so a batch's output never depends on the clock.
const GENESIS_TIME: i64 = 1_767_225_600_000_000_000; // 2026-01-01T00:00:00Z

pub(crate) fn batch(args: &BatchArgs) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    let base = args.file.parent().unwrap_or(Path::new("."));
    let mut actions = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = format!("{}:{}", args.file.display(), index + 1);
        match parse_line(line, base) {
            Ok(parsed) => actions.push((line, parsed)),
            Err(Failure::Usage(error)) => return Err(error.context(at)),
            Err(Failure::Compile(errors)) => {
                eprintln!("{at}: the contract does not compile:\n{errors}");
                return Ok(ExitCode::from(1));
            }
        }
    }
    if actions.is_empty() {
        bail!("{} has no transactions", args.file.display());
    }
    match &args.db {
        Some(path) => run_block(args, actions, open_db(path)?),
        None => run_block(args, actions, StateDb::open(MemoryBackend::new(), StateOptions::default())?),
    }
}

/// A line that cannot run.
enum Failure {
    Usage(anyhow::Error),
    Compile(v8vm_compiler::CompileErrors),
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Self {
        Failure::Usage(error)
    }
}

/// What a line asks for: the action, its publisher and gas limit.
type Parsed = (Action, String, u64);

fn parse_line(line: &str, base: &Path) -> Result<Parsed, Failure> {
    let value: Value = serde_json::from_str(line).context("not a JSON object")?;
    let publisher = |p: Option<String>| p.unwrap_or_else(|| "admin".to_owned());
    let gas = |g: Option<u64>| -> anyhow::Result<u64> {
        match g.unwrap_or(DEFAULT_GAS_LIMIT) {
            limit @ 1..=MAX_GAS_LIMIT => Ok(limit),
            limit => anyhow::bail!("gas_limit {limit} is not between 1 and {MAX_GAS_LIMIT}"),
        }
    };
    if value.get("deploy").is_some() {
        let line: DeployLine = serde_json::from_value(value).context("invalid deploy line")?;
        let path = base.join(&line.deploy);
        let name = match line.name {
            Some(name) => name,
            None => default_name(&path)?,
        };
        let artifact = match load_artifact(&path, None) {
            Ok(artifact) => artifact,
            Err(LoadError::Usage(error)) => return Err(Failure::Usage(error)),
            Err(LoadError::Compile(errors)) => return Err(Failure::Compile(errors)),
        };
        let contract = Contract::new(&name, Arc::new(artifact)).map_err(anyhow::Error::from)?;
        return Ok((Action::Deploy(Arc::new(contract)), publisher(line.publisher), gas(line.gas_limit)?));
    }
    if value.get("call").is_some() {
        let line: CallLine = serde_json::from_value(value).context("invalid call line")?;
        let args = match line.args {
            None => "[]".to_owned(),
            Some(args @ Value::Array(_)) => args.to_string(),
            Some(other) => return Err(anyhow::anyhow!("args must be a JSON array, got {other}").into()),
        };
        let action = Action::call(&line.call, &line.method, &args);
        return Ok((action, publisher(line.publisher), gas(line.gas_limit)?));
    }
    Err(anyhow::anyhow!(r#"a line is {{"deploy": PATH, ...}} or {{"call": NAME, "method": M, ...}}"#).into())
}

fn run_block<B: Backend + 'static>(
    args: &BatchArgs,
    actions: Vec<(&str, Parsed)>,
    db: StateDb<B>,
) -> anyhow::Result<ExitCode> {
    let db = Arc::new(db);
    let height = db.head().height;
    let parent = db.block(height)?.map(|header| serde_json::from_slice::<BlockInfo>(&header)).transpose();
    let parent = parent.context("the head block of the database is not a v8vm block")?;
    let block = BlockInfo {
        number: height + 1,
        parent_hash: db.block(height)?.map(|header| hex::encode(Sha256::digest(header))).unwrap_or_default(),
        witness: "v8vm-batch".into(),
        time: parent.map_or(GENESIS_TIME, |p| p.time + 1_000_000_000),
    };
    let workers = args.workers as usize;
    let pool = PoolConfig {
        min_workers: workers,
        max_workers: workers,
        sandbox: SandboxOptions::default(),
        ..PoolConfig::default()
    };
    let vm = VmManager::new(Arc::clone(&db), VmConfig { pool, ..VmConfig::default() })?;
    let mut receipts = Vec::new();
    for (index, (line, (action, publisher, gas_limit))) in actions.into_iter().enumerate() {
        let hash = hex::encode(Sha256::digest(format!("{}|{index}|{line}", block.number)));
        let tx = Transaction::signed_by(&publisher, &hash, block.time, gas_limit, action);
        receipts.push(vm.execute_tx(&block, &tx)?);
    }
    let digest = vm.commit_block(&block, &receipts)?;
    if args.stats {
        eprintln!("{}", serde_json::to_string(&vm.metrics())?);
    }
    // Printed once the block is committed: a reader that stops early (`| head`)
    // changes nothing.
    let mut out = std::io::stdout().lock();
    let printed = receipts
        .iter()
        .map(|receipt| serde_json::to_string(receipt).expect("receipts serialize"))
        .chain([serde_json::json!({ "digest": digest.to_string() }).to_string()])
        .try_for_each(|line| writeln!(out, "{line}"));
    match printed {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(error.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}
