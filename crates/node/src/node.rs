//! The node: a chain, its transaction pool, and the thread that makes
//! blocks (a producer) or fetches and validates another node's (a
//! follower); subscribers hear of every committed block and its events.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::json;
use tokio::sync::broadcast;
use v8vm_chain::{
    Block, Chain, ChainError, KeyPair, Offered, Requester, Transaction, TxError, TxReceipt, LONG_READ_ONLY_GAS,
};
use v8vm_state::Backend;

use crate::client::Client;
use crate::mempool::{Mempool, MempoolError};
use crate::rpc::{client_key, Notification};

/// What the node does besides serving.
#[derive(Debug)]
pub enum Role {
    /// Makes blocks, signed with the genesis producer's key.
    Producer {
        /// The producer's key.
        key: Box<KeyPair>,
        /// Dev mode: a block as soon as transactions wait, and no empty
        /// blocks; else a block every `interval`.
        on_demand: bool,
        /// Time between blocks.
        interval: Duration,
    },
    /// Fetches each next block from the node at `peer` (its RPC address)
    /// and validates it by executing it.
    Follower {
        /// The producing node's RPC address.
        peer: String,
        /// How long to wait when the peer has no new block.
        poll: Duration,
    },
}

/// What the transactions of a block may ask for together by default:
/// 300,000,000 gas, about a second of work at the calibrated ~3 ns a gas
/// (see docs/benchmarks.md), so that a block is made within about a
/// second whatever its transactions do.
pub const DEFAULT_MAX_BLOCK_GAS: u64 = 300_000_000;

/// Settings of a [`Node`].
#[derive(Debug)]
pub struct NodeConfig {
    /// Producer or follower.
    pub role: Role,
    /// Most transactions in one block.
    pub max_block_txs: usize,
    /// Most gas the transactions of one block may ask for together (their
    /// gas limits; a block's first transaction may ask for more), shared
    /// fairly between publishers: [`DEFAULT_MAX_BLOCK_GAS`] unless there is
    /// a reason for another.
    pub max_block_gas: u64,
    /// Most transactions waiting in the pool.
    pub mempool_limit: usize,
}

/// Why a transaction was not accepted.
#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    /// Refused at the door.
    #[error(transparent)]
    Refused(#[from] TxError),
    /// Not taken into the pool.
    #[error("{0}")]
    Pool(String),
    /// This node does not make blocks.
    #[error("this node follows {0}: send transactions to it")]
    Follower(String),
    /// The publisher's or the client's last transaction did not finish
    /// within this node's limits (a deadline or the heap), a short while ago.
    #[error(
        "{who}'s last transaction did not finish within this node's limits: it may send again in {} s",
        wait.as_secs().max(1)
    )]
    CoolingOff {
        /// The account or client address.
        who: String,
        /// How long until it may.
        wait: Duration,
    },
}

/// How long a publisher, and the client address that sent it, may send no
/// transaction after one ran into this node's deadline or heap limit: such
/// a transaction is refused (or left out of a block) unpaid, so without a
/// pause one account could keep a worker busy for free.
pub const RESOURCE_COOL_OFF: Duration = Duration::from_secs(10);

/// Who is paused by [`RESOURCE_COOL_OFF`]: a publisher, or a client.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Sender {
    Publisher(String),
    /// The long transactions of one address (after one was refused at the
    /// door), not of its [`client_key`] group, so that neighbours in the
    /// same /24 are not paused for it.
    Client(IpAddr),
    /// All the transactions of its client group ([`client_key`]: an IPv4
    /// /24, an IPv6 /48), after one passed the door and then ran into the
    /// deadline in a block: a rarer, surer sign of abuse, which an attacker
    /// would otherwise repeat from each address it has.
    Source(IpAddr),
}

/// Who the VM's read-only work is for: one client per [`client_key`] (a
/// group of addresses, so that one attacker with a block of them counts
/// once); the node itself when `client` is `None`.
pub(crate) fn requester(client: Option<IpAddr>) -> Requester {
    match client.map(client_key) {
        None => Requester::Local,
        // IPv4 with the top bit set, where no global IPv6 prefix (2000::/3) is.
        Some(IpAddr::V4(ip)) => Requester::Client(1 << 63 | u64::from(u32::from(ip))),
        Some(IpAddr::V6(ip)) => Requester::Client((u128::from(ip) >> 64) as u64),
    }
}

impl From<MempoolError> for SubmitError {
    fn from(error: MempoolError) -> SubmitError {
        SubmitError::Pool(error.to_string())
    }
}

/// A running node.
#[derive(Debug)]
pub struct Node<B: Backend + 'static> {
    chain: Chain<B>,
    mempool: Mutex<Mempool>,
    /// Signalled when a transaction arrives or the node stops.
    arrived: Condvar,
    notifications: broadcast::Sender<Notification>,
    stopping: AtomicBool,
    worker: Mutex<Option<JoinHandle<()>>>,
    follows: Option<String>,
    max_block_txs: usize,
    max_block_gas: u64,
    /// Why a follower stopped following, if it did.
    halted: Mutex<Option<String>>,
    /// Senders paused until then ([`RESOURCE_COOL_OFF`]).
    cooling_off: Mutex<HashMap<Sender, Instant>>,
    /// Per remote client: held while one of its long transactions is
    /// checked.
    doors: Mutex<HashMap<Requester, Arc<Mutex<()>>>>,
}

/// Clients' doors kept before those nobody is at are forgotten.
const MAX_DOORS: usize = 10_000;

/// Nanoseconds since the Unix epoch: the node's clock, for block times and
/// transaction expiry (never inside contract execution).
pub fn now_ns() -> i64 {
    let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    i64::try_from(since.as_nanos()).unwrap_or(i64::MAX)
}

impl<B: Backend + 'static> Node<B> {
    /// Starts a node over `chain`: its block thread begins.
    pub fn start(chain: Chain<B>, config: NodeConfig) -> Arc<Node<B>> {
        let follows = match &config.role {
            Role::Follower { peer, .. } => Some(peer.clone()),
            Role::Producer { .. } => None,
        };
        let (notifications, _) = broadcast::channel(1024);
        let node = Arc::new(Node {
            chain,
            mempool: Mutex::new(Mempool::new(config.mempool_limit)),
            arrived: Condvar::new(),
            notifications,
            stopping: AtomicBool::new(false),
            worker: Mutex::new(None),
            follows,
            max_block_txs: config.max_block_txs,
            max_block_gas: config.max_block_gas,
            halted: Mutex::new(None),
            cooling_off: Mutex::new(HashMap::new()),
            doors: Mutex::new(HashMap::new()),
        });
        let runner = Arc::clone(&node);
        let worker = std::thread::Builder::new()
            .name("v8vm-blocks".into())
            .spawn(move || match config.role {
                Role::Producer { key, on_demand, interval } => runner.produce(&key, on_demand, interval),
                Role::Follower { peer, poll } => runner.follow(&Client::new(&peer), poll),
            })
            .expect("the block thread starts");
        *node.worker.lock().unwrap_or_else(PoisonError::into_inner) = Some(worker);
        node
    }

    /// The chain.
    pub fn chain(&self) -> &Chain<B> {
        &self.chain
    }

    /// Why this follower stopped following (a transaction of the next block
    /// did not finish within its validation limits), if it did.
    pub fn halted(&self) -> Option<String> {
        self.halted.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Transactions waiting for a block: in the pool, and in the block
    /// being built.
    pub fn pending(&self) -> usize {
        self.mempool.lock().unwrap_or_else(PoisonError::into_inner).waiting()
    }

    /// Whether transaction `hash` waits for a block.
    pub fn is_pending(&self, hash: &str) -> bool {
        self.mempool.lock().unwrap_or_else(PoisonError::into_inner).contains(hash)
    }

    /// A receiver of the node's notifications (blocks, events).
    pub fn subscribe(&self) -> broadcast::Receiver<Notification> {
        self.notifications.subscribe()
    }

    /// Checks `tx` at the door (signatures, authority, funds, a dry run on
    /// the VM) and adds it to the pool; returns the dry run's receipt.
    /// `client` is the address it came from (`None`: the node's own).
    ///
    /// # Errors
    /// Why it was refused.
    pub fn submit(&self, tx: Transaction, client: Option<IpAddr>) -> Result<TxReceipt, SubmitError> {
        if let Some(peer) = &self.follows {
            return Err(SubmitError::Follower(peer.clone()));
        }
        let hash = tx.hash_hex();
        if self.is_pending(&hash) {
            return Err(MempoolError::Pending(hash).into());
        }
        let requester = requester(client);
        // A client's long transactions (that may run into the deadline by
        // their gas alone) pass the door one at a time, and the pause is
        // checked once through: the pause one of them earns stops the ones
        // queued behind it, not only those sent after. Its publisher is
        // paused, and the client address too for long transactions; short
        // ones, such as transfers, are not paused by the address, so others
        // behind it (a NAT) still send those. (Short transactions do not
        // queue at a door: a publisher sending many at once would wait for
        // each one's turn on the VM in turn. A client's short ones that turn
        // out slow run one at a time on the VM, within its fair share.)
        let long = tx.gas_limit > LONG_READ_ONLY_GAS;
        let door = (long && requester != Requester::Local).then(|| self.door(requester));
        let _passing = door.as_ref().map(|door| door.lock().unwrap_or_else(PoisonError::into_inner));
        let mut senders = vec![Sender::Publisher(tx.publisher.clone())];
        if let Some(address) = client.filter(|_| long) {
            senders.push(Sender::Client(address.to_canonical()));
        }
        // (An address paused for a transaction that ran into the deadline in
        // a block sends nothing.)
        let source = client.map(|address| Sender::Source(client_key(address)));
        self.check_cool_off(senders.iter().chain(&source))?;
        let checked = match self.chain.check_tx(&tx, now_ns(), requester) {
            Err(error @ TxError::ResourceLimit { .. }) => {
                self.cool_off(senders);
                return Err(error.into());
            }
            checked => checked?,
        };
        let held =
            self.chain.native_balance(&tx.publisher).map_err(|e| SubmitError::Pool(format!("node error: {e}")))?;
        let offered = Offered { tried: Some(checked.took), ..Offered::new(tx, requester) };
        self.mempool.lock().unwrap_or_else(PoisonError::into_inner).push(hash, offered, client, held)?;
        self.arrived.notify_one();
        Ok(checked.receipt)
    }

    /// A client's door, made when first passed; doors nobody is at are
    /// forgotten when there are many.
    fn door(&self, requester: Requester) -> Arc<Mutex<()>> {
        let mut doors = self.doors.lock().unwrap_or_else(PoisonError::into_inner);
        if doors.len() >= MAX_DOORS {
            doors.retain(|_, door| Arc::strong_count(door) > 1);
        }
        Arc::clone(doors.entry(requester).or_default())
    }

    /// Refuses a sender that is cooling off.
    fn check_cool_off<'a>(&self, senders: impl IntoIterator<Item = &'a Sender>) -> Result<(), SubmitError> {
        let cooling_off = self.cooling_off.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        for sender in senders {
            if let Some(until) = cooling_off.get(sender).filter(|until| **until > now) {
                let who = match sender {
                    Sender::Publisher(account) => account.clone(),
                    Sender::Client(_) | Sender::Source(_) => "this client address".to_owned(),
                };
                return Err(SubmitError::CoolingOff { who, wait: *until - now });
            }
        }
        Ok(())
    }

    /// Pauses `senders` for [`RESOURCE_COOL_OFF`].
    fn cool_off(&self, senders: impl IntoIterator<Item = Sender>) {
        let mut cooling_off = self.cooling_off.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        cooling_off.retain(|_, until| *until > now);
        for sender in senders {
            cooling_off.insert(sender, now + RESOURCE_COOL_OFF);
        }
    }

    /// Stops the block thread and waits for it.
    pub fn shutdown(&self) {
        self.stopping.store(true, Ordering::Release);
        self.arrived.notify_all();
        let worker = self.worker.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some(worker) = worker {
            let _ = worker.join();
        }
    }

    fn stopping(&self) -> bool {
        self.stopping.load(Ordering::Acquire)
    }

    /// The producer's loop.
    fn produce(&self, key: &KeyPair, on_demand: bool, interval: Duration) {
        let mut next = Instant::now() + interval;
        loop {
            let txs = {
                let mut pool = self.mempool.lock().unwrap_or_else(PoisonError::into_inner);
                loop {
                    if self.stopping() {
                        return;
                    }
                    let now = Instant::now();
                    if (on_demand && pool.len() > 0) || (!on_demand && now >= next) {
                        break;
                    }
                    let wait = if on_demand { Duration::from_millis(200) } else { next - now };
                    pool = self.arrived.wait_timeout(pool, wait).unwrap_or_else(PoisonError::into_inner).0;
                }
                pool.take(self.max_block_txs, self.max_block_gas)
            };
            next = Instant::now() + interval;
            // Each taken transaction's publisher and source, by hash.
            let senders: HashMap<String, (String, Option<IpAddr>)> = txs
                .iter()
                .map(|(offered, source)| (offered.tx.hash_hex(), (offered.tx.publisher.clone(), *source)))
                .collect();
            let txs = txs.into_iter().map(|(offered, _)| offered).collect();
            // However many transactions run into the deadline, a block takes
            // about one interval (the rest wait for the next).
            match self.chain.produce_within(txs, now_ns(), key, interval) {
                Ok(produced) => {
                    let mut pool = self.mempool.lock().unwrap_or_else(PoisonError::into_inner);
                    let with_source = |offered: Offered| {
                        let source = senders.get(&offered.tx.hash_hex()).and_then(|(_, source)| *source);
                        (offered, source)
                    };
                    pool.put_back(produced.deferred.into_iter().map(with_source).collect());
                    for (hash, reason) in &produced.dropped {
                        tracing::warn!(tx = %hash, %reason, "transaction dropped from the block");
                        if let (TxError::ResourceLimit { .. }, Some((publisher, source))) = (reason, senders.get(hash))
                        {
                            // Passed the door, then ran into the deadline in
                            // the block, unpaid: its publisher's and its
                            // client group's other pending ones (however
                            // many throw-away publishers it used) would do
                            // the same; both are paused.
                            let removed = pool.drop_sender(publisher, *source);
                            tracing::warn!(%publisher, ?source, removed, "pending transactions of the sender dropped");
                            let address = source.map(|ip| Sender::Source(client_key(ip)));
                            self.cool_off(std::iter::once(Sender::Publisher(publisher.clone())).chain(address));
                        }
                    }
                    drop(pool);
                    self.publish(&produced.block, &produced.receipts);
                }
                Err(error) => {
                    tracing::error!(%error, "producing a block failed");
                    self.mempool.lock().unwrap_or_else(PoisonError::into_inner).put_back(Vec::new());
                    std::thread::sleep(Duration::from_millis(500));
                }
            }
        }
    }

    /// The follower's loop: fetch the next block, validate it, repeat.
    fn follow(&self, peer: &Client, poll: Duration) {
        while !self.stopping() {
            let next = self.chain.head().header.number + 1;
            let fetched = peer.call("getBlock", json!({ "number": next }));
            let block = match fetched.map(serde_json::from_value::<Option<Block>>) {
                Ok(Ok(Some(block))) => block,
                Ok(Ok(None)) => {
                    std::thread::sleep(poll);
                    continue;
                }
                Ok(Err(error)) => {
                    tracing::warn!(peer = peer.url(), %error, "the peer sent a block that does not parse");
                    std::thread::sleep(poll * 10);
                    continue;
                }
                Err(error) => {
                    tracing::warn!(%error, "cannot fetch the next block");
                    std::thread::sleep(poll * 10);
                    continue;
                }
            };
            match self.chain.apply(&block) {
                Ok(receipts) => self.publish(&block, &receipts),
                Err(error @ ChainError::CannotFinish { .. }) => {
                    // Not the producer's fault as far as this node can tell:
                    // stop following, clearly, rather than reject its block.
                    tracing::error!(%error, peer = peer.url(), "stopped following");
                    *self.halted.lock().unwrap_or_else(PoisonError::into_inner) = Some(error.to_string());
                    return;
                }
                Err(error @ ChainError::Rejected { .. }) => {
                    tracing::error!(%error, peer = peer.url(), "block rejected");
                    std::thread::sleep(poll * 10);
                }
                Err(error) => {
                    tracing::error!(%error, "validating a block failed");
                    std::thread::sleep(poll * 10);
                }
            }
        }
    }

    /// Tells subscribers of a committed block and its events.
    fn publish(&self, block: &Block, receipts: &[TxReceipt]) {
        let hashes: Vec<&str> = receipts.iter().map(|r| r.tx_hash.as_str()).collect();
        let summary = json!({
            "number": block.header.number,
            "hash": block.hash,
            "parentHash": block.header.parent_hash,
            "time": block.header.time,
            "witness": block.header.witness,
            "stateDigest": block.header.state_digest,
            "txHashes": hashes,
        });
        // No subscriber is not an error.
        let _ = self.notifications.send(Notification::Block(summary));
        for receipt in receipts {
            for event in &receipt.receipt.events {
                let _ = self.notifications.send(Notification::Event {
                    contract: event.contract.clone(),
                    event: json!({
                        "contract": event.contract,
                        "content": event.content,
                        "txHash": receipt.tx_hash,
                        "blockNumber": block.header.number,
                    }),
                });
            }
        }
    }
}
