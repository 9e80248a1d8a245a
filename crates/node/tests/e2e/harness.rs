//! A node served on 127.0.0.1, and signed transactions for it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use v8vm_chain::{Chain, Genesis, Transaction, TxAction, DEV_GENESIS_TIME};
use v8vm_node::{now_ns, Client, ClientError, Node, NodeApi, NodeConfig, Role, DEFAULT_MAX_BLOCK_GAS};
use v8vm_runtime::{AmountLimit, PoolConfig, VmConfig};
use v8vm_state::{RocksBackend, RocksOptions, StateDb, StateOptions};

/// A running node and its server.
pub(crate) struct Served {
    pub(crate) node: Arc<Node<RocksBackend>>,
    pub(crate) client: Client,
    pub(crate) addr: std::net::SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<std::thread::JoinHandle<()>>,
}

impl Served {
    /// A dev node producing on demand (or following `follow`) over the
    /// database in `data`.
    pub(crate) fn start(data: &Path, follow: Option<&str>) -> Served {
        match follow {
            Some(peer) => {
                let role = Role::Follower { peer: peer.to_owned(), poll: Duration::from_millis(20) };
                Served::with_role(data, role, VmConfig::default().call_timeout)
            }
            None => Served::start_within(data, VmConfig::default().call_timeout),
        }
    }

    /// A dev node producing a block when it holds a transaction, with the
    /// call deadline `call_timeout`.
    pub(crate) fn start_within(data: &Path, call_timeout: Duration) -> Served {
        let role = Role::Producer {
            key: Box::new(Genesis::dev_key("admin")),
            on_demand: true,
            interval: Duration::from_secs(1),
        };
        Served::with_role(data, role, call_timeout)
    }

    /// A dev node producing a block every `interval`.
    pub(crate) fn start_producing(data: &Path, interval: Duration) -> Served {
        Served::start_producing_within(data, interval, VmConfig::default().call_timeout)
    }

    /// A dev node producing a block every `interval`, with the call
    /// deadline `call_timeout`.
    pub(crate) fn start_producing_within(data: &Path, interval: Duration, call_timeout: Duration) -> Served {
        let role = Role::Producer { key: Box::new(Genesis::dev_key("admin")), on_demand: false, interval };
        Served::with_role(data, role, call_timeout)
    }

    fn with_role(data: &Path, role: Role, call_timeout: Duration) -> Served {
        let backend = RocksBackend::open(data, &RocksOptions::default()).unwrap();
        let db = Arc::new(StateDb::open(backend, StateOptions::default()).unwrap());
        let pool = PoolConfig { min_workers: 1, max_workers: 2, ..PoolConfig::default() };
        let config = VmConfig { pool, call_timeout, ..VmConfig::default() };
        let chain = Chain::open(db, Genesis::dev(DEV_GENESIS_TIME), config).unwrap();
        let node = Node::start(
            chain,
            NodeConfig { role, max_block_txs: 1000, max_block_gas: DEFAULT_MAX_BLOCK_GAS, mempool_limit: 10_000 },
        );
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (bound, addr) = std::sync::mpsc::channel();
        let api = Arc::new(NodeApi::new(Arc::clone(&node)));
        let server = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            runtime.block_on(async move {
                let listener = v8vm_node::listen(([127, 0, 0, 1], 0).into()).unwrap();
                bound.send(listener.local_addr().unwrap()).unwrap();
                v8vm_node::serve(listener, api, async move {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
            });
        });
        let addr = addr.recv().unwrap();
        Served { node, client: Client::new(&format!("http://{addr}")), addr, stop: Some(stop), server: Some(server) }
    }

    pub(crate) fn call(&self, method: &str, params: Value) -> Result<Value, ClientError> {
        self.client.call(method, params)
    }

    /// Signs and sends a transaction; its hash, or the node's refusal.
    pub(crate) fn send(&self, tx: &Transaction) -> Result<String, ClientError> {
        let sent = self.call("sendTx", json!({ "raw": hex::encode(tx.encode()) }))?;
        Ok(sent["hash"].as_str().unwrap().to_owned())
    }

    /// Waits for transaction `hash`'s receipt in a block.
    pub(crate) fn receipt(&self, hash: &str) -> Value {
        let start = Instant::now();
        loop {
            let receipt = self.call("getTxReceipt", json!({ "hash": hash })).unwrap();
            if receipt.get("block_number").is_some() {
                return receipt;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "no receipt for {hash}: {receipt}");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Sends `tx` and waits for its receipt.
    pub(crate) fn run(&self, tx: &Transaction) -> Value {
        let hash = self.send(tx).unwrap_or_else(|e| panic!("refused: {e}"));
        self.receipt(&hash)
    }

    /// Stops the server and the node.
    pub(crate) fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            server.join().unwrap();
        }
        self.node.shutdown();
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// A transaction of `actions` by dev account `publisher`, signed, with
/// `gas_limit` and `amount_limit` (`*:unlimited` when `None`).
pub(crate) fn tx(
    publisher: &str,
    actions: &[(&str, &str, &str)],
    gas_limit: u64,
    amount_limit: Option<Vec<AmountLimit>>,
) -> Transaction {
    static NONCE: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);
    let now = now_ns() - 1_000_000_000 + NONCE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut tx = Transaction {
        chain_id: 1024,
        time: now,
        expiration: now + 60_000_000_000,
        gas_limit,
        gas_price: 1,
        publisher: publisher.into(),
        actions: actions
            .iter()
            .map(|(c, m, a)| TxAction { contract: (*c).into(), method: (*m).into(), args: (*a).into() })
            .collect(),
        amount_limit: amount_limit.unwrap_or_else(|| vec![AmountLimit { token: "*".into(), val: "unlimited".into() }]),
        signers: Vec::new(),
        signatures: Vec::new(),
    };
    let key = Genesis::dev_key(publisher);
    tx.add_signature(key.algorithm(), key.public_key(), key.sign(&tx.hash()));
    tx
}

/// A fresh folder for a node's data.
pub(crate) fn data_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("v8vm-e2e-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The token example as `system.iost.setCode`'s argument.
pub(crate) fn token_example() -> String {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"))
        .join("../../examples");
    let source = std::fs::read_to_string(root.join("token.js")).unwrap();
    let abi: Value = serde_json::from_str(&std::fs::read_to_string(root.join("token.abi")).unwrap()).unwrap();
    let bundle = json!({ "entry": "token.js", "files": { "token.js": source }, "abi": abi });
    json!([bundle.to_string()]).to_string()
}
