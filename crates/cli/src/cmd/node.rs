//! `v8vm node`: a node serving JSON-RPC, producing blocks (or following a
//! producer and validating its blocks), its chain in a RocksDB folder.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context as _};
use clap::Args;
use v8vm_chain::{Chain, Genesis, KeyFile, KeyPair, DEV_GENESIS_TIME};
use v8vm_node::{Node, NodeApi, NodeConfig, Role, DEFAULT_MAX_BLOCK_GAS};
use v8vm_runtime::{PoolConfig, VmConfig};

use super::run::open_db;

#[derive(Debug, Args)]
pub(crate) struct NodeArgs {
    /// A development chain: funded accounts with well-known keys (printed,
    /// and written as key files to <data>/keys), a block as soon as
    /// transactions arrive.
    #[arg(long)]
    dev: bool,
    /// The folder of the node's database (created if missing).
    #[arg(long, default_value = "v8vm-data")]
    data: PathBuf,
    /// Where to serve JSON-RPC (HTTP and WebSocket at /ws).
    #[arg(long, default_value = "127.0.0.1:7300")]
    rpc: SocketAddr,
    /// The genesis file (JSON); not with --dev.
    #[arg(long, conflicts_with = "dev")]
    genesis: Option<PathBuf>,
    /// Produce blocks, signing with this key file (the genesis producer's).
    #[arg(long, conflicts_with_all = ["dev", "follow"])]
    producer_key: Option<PathBuf>,
    /// Follow the node at this RPC address: fetch its blocks and validate
    /// them by executing them.
    #[arg(long)]
    follow: Option<String>,
    /// Time between blocks, in milliseconds (a producer without --dev).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(10..=600_000))]
    block_ms: u64,
    /// Most workers executing contracts: one is kept for blocks, the rest
    /// answer clients (dry runs at the door, `call`, `estimateGas`), at most
    /// one per client address at a time.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u64).range(2..=64))]
    workers: u64,
    /// Deadline of each transaction this node runs for its own purposes
    /// (checks at the door, dry runs, blocks it produces): one that does
    /// not finish in time is refused or left out of the block, unpaid.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=600_000))]
    call_timeout_ms: u64,
    /// Deadline of each transaction of another node's block, executed again
    /// to validate it (default: 10 times --call-timeout-ms). A follower that
    /// cannot finish one within it stops, naming the block and transaction.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=6_000_000))]
    validation_timeout_ms: Option<u64>,
}

pub(crate) fn node(args: &NodeArgs) -> anyhow::Result<ExitCode> {
    let genesis = match (&args.genesis, args.dev) {
        (Some(path), _) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            serde_json::from_str(&text).with_context(|| format!("{} is not a genesis file", path.display()))?
        }
        (None, true) => Genesis::dev(DEV_GENESIS_TIME),
        (None, false) => bail!("give a --genesis file, or run a development chain with --dev"),
    };
    let role = match (&args.follow, &args.producer_key, args.dev) {
        (Some(peer), _, _) => Role::Follower { peer: peer.clone(), poll: Duration::from_millis(100) },
        (None, Some(path), _) => Role::Producer {
            key: Box::new(read_key_file(path)?.1),
            on_demand: false,
            interval: Duration::from_millis(args.block_ms),
        },
        (None, None, true) => Role::Producer {
            key: Box::new(Genesis::dev_key(&genesis.producer)),
            on_demand: true,
            interval: Duration::from_millis(args.block_ms),
        },
        (None, None, false) => bail!("give the producer's --producer-key, or --follow a producing node"),
    };
    std::fs::create_dir_all(&args.data).with_context(|| format!("cannot create {}", args.data.display()))?;
    let db = Arc::new(open_db(&args.data.join("chain"))?);
    let workers = args.workers as usize;
    let pool = PoolConfig { min_workers: 1, max_workers: workers, ..PoolConfig::default() };
    let call_timeout = Duration::from_millis(args.call_timeout_ms);
    let validation_timeout = args.validation_timeout_ms.map_or(call_timeout * 10, Duration::from_millis);
    let chain =
        Chain::open(db, genesis.clone(), VmConfig { pool, call_timeout, validation_timeout, ..VmConfig::default() })?;
    let head = chain.head();
    if args.dev {
        print_dev_accounts(&genesis, &args.data.join("keys"))?;
    }
    let config = NodeConfig { role, max_block_txs: 5000, max_block_gas: DEFAULT_MAX_BLOCK_GAS, mempool_limit: 50_000 };
    let node = Node::start(chain, config);
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let served = runtime.block_on(async {
        let listener = v8vm_node::listen(args.rpc).with_context(|| format!("cannot listen on {}", args.rpc))?;
        println!(
            "v8vm node: chain {}, block {} ({}), JSON-RPC on http://{} (WebSocket /ws)",
            genesis.chain_id,
            head.header.number,
            head.hash,
            listener.local_addr()?
        );
        let api = Arc::new(NodeApi::new(Arc::clone(&node)));
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        v8vm_node::serve(listener, api, shutdown).await.context("the RPC server failed")
    });
    node.shutdown();
    served?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the dev accounts and their keys, and writes their key files.
fn print_dev_accounts(genesis: &Genesis, keys: &std::path::Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(keys).with_context(|| format!("cannot create {}", keys.display()))?;
    println!("development chain: these keys are public, never use them for real funds");
    for account in &genesis.accounts {
        let key = Genesis::dev_key(&account.name);
        let file = KeyFile::new(&account.name, &key);
        let path = keys.join(format!("{}.json", account.name));
        std::fs::write(&path, serde_json::to_string_pretty(&file)?)
            .with_context(|| format!("cannot write {}", path.display()))?;
        println!(
            "  {:<6} {:>12} iost  public {}  secret {}",
            account.name, account.balance, file.public_key, file.secret_key
        );
    }
    println!("key files in {} (use --keys {} --as <account>)", keys.display(), keys.display());
    Ok(())
}

/// Reads a key file: the account it is for and its key pair.
pub(crate) fn read_key_file(path: &std::path::Path) -> anyhow::Result<(String, KeyPair)> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read key file {}", path.display()))?;
    let file: KeyFile = serde_json::from_str(&text).with_context(|| format!("{} is not a key file", path.display()))?;
    let key = file.key_pair().with_context(|| format!("key file {}", path.display()))?;
    Ok((file.account, key))
}
