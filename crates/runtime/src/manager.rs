//! The VMManager: the one entry point for every request. It turns
//! transactions into calls, hands them to the worker pool, and applies what
//! succeeded to the state database.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::Serialize;
use v8vm_state::{Backend, Changes, Digest, Overlay, StateDb, StateError, StateView};

use crate::amount::check_limits;
use crate::env::{BlockInfo, CallEnv, Caller, TxInfo};
use crate::error::RuntimeError;
use crate::host::output_cost;
use crate::pool::{Lane, Pool, PoolConfig, PoolMetrics, Requester};
use crate::receipt::{Receipt, Status};
use crate::sandbox::{Action, CallRequest, Execution, Sandbox, DEFAULT_GAS_LIMIT};

/// Settings of a [`VmManager`].
#[derive(Debug, Clone)]
pub struct VmConfig {
    /// The worker pool.
    pub pool: PoolConfig,
    /// Wall-clock deadline of each call: a backstop behind gas.
    pub call_timeout: Duration,
    /// Deadline of each transaction of a block another node produced,
    /// executed again to validate it: much longer than `call_timeout`, so
    /// that what finished on the producer finishes here on a slower or
    /// busier machine (docs/node.md, "Resource failures").
    pub validation_timeout: Duration,
    /// Gas limit of read-only calls.
    pub query_gas_limit: u64,
}

impl Default for VmConfig {
    fn default() -> Self {
        VmConfig {
            pool: PoolConfig::default(),
            call_timeout: Duration::from_secs(1),
            validation_timeout: Duration::from_secs(10),
            query_gas_limit: DEFAULT_GAS_LIMIT,
        }
    }
}

/// A transaction as the VM runs it: what the contract sees of it, and what
/// it asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    /// Hash, publisher, signers, gas limit, times, amount limit.
    pub info: TxInfo,
    /// Deploys, updates or calls, run in order, all or nothing, on one gas
    /// budget.
    pub actions: Vec<Action>,
}

impl Transaction {
    /// A transaction of one action published and signed (`active`) by
    /// `publisher`, with `gas_limit`, at `time` (nanoseconds).
    pub fn signed_by(publisher: &str, hash: &str, time: i64, gas_limit: u64, action: Action) -> Transaction {
        Transaction { info: TxInfo::signed_by(publisher, hash.to_owned(), time, gas_limit), actions: vec![action] }
    }
}

/// Counters of a [`VmManager`] and its pool.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct VmMetrics {
    /// Contract calls executed (transactions, validations, queries).
    pub calls: u64,
    /// Resident memory of the whole process, in bytes (Linux; 0 elsewhere).
    pub resident_bytes: u64,
    /// The worker pool.
    #[serde(flatten)]
    pub pool: PoolMetrics,
}

/// The VMManager: executes transactions (alone, validated, in blocks) and
/// read-only calls on a pool of workers, over a [`StateDb`].
///
/// Transactions of a block run one after another, each seeing the writes of
/// those before it; validations and queries run in parallel on any worker.
///
/// # Example
///
/// ```
/// use std::sync::Arc;
/// use v8vm_runtime::{Action, BlockInfo, Contract, Requester, Status, Transaction, VmConfig, VmManager};
/// use v8vm_state::{MemoryBackend, StateDb, StateOptions};
///
/// let db = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default())?);
/// let vm = VmManager::new(Arc::clone(&db), VmConfig::default())?;
/// let source = "class Counter { init() { storage.put('n', '0'); }
///     /** @param {number} k */
///     add(k) { const n = Number(storage.get('n')) + k; storage.put('n', String(n)); return n; }
///     get() { return storage.get('n'); } }
///     module.exports = Counter;";
/// let counter = Arc::new(Contract::from_source("counter", "counter.js", source, None)?);
/// let block = BlockInfo { number: 1, parent_hash: String::new(), witness: "node".into(), time: 0 };
/// let txs = vec![
///     Transaction::signed_by("alice", "tx1", 0, 1_000_000, Action::Deploy(counter)),
///     Transaction::signed_by("alice", "tx2", 0, 1_000_000, Action::call("counter", "add", "[2]")),
/// ];
/// let receipts = vm.execute_block(&block, txs)?;
/// assert!(receipts.iter().all(|r| r.status == Status::Success));
/// vm.commit_block(&block, &receipts)?;
///
/// assert_eq!(vm.query("counter", "get", "[]", Requester::Local)?.ret, "2");
/// // A query cannot write.
/// assert_eq!(vm.query("counter", "add", "[40]", Requester::Local)?.status, Status::RuntimeError);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct VmManager<B: Backend> {
    db: Arc<StateDb<B>>,
    pool: Pool,
    config: VmConfig,
    /// Held while a transaction's writes go into the block: transactions
    /// apply one at a time, each over the state the previous one left.
    block: Mutex<()>,
    calls: Arc<AtomicU64>,
}

impl<B: Backend + 'static> VmManager<B> {
    /// Starts the worker pool over `db`.
    ///
    /// # Errors
    /// The first workers' sandboxes failed to load.
    pub fn new(db: Arc<StateDb<B>>, config: VmConfig) -> Result<VmManager<B>, RuntimeError> {
        let pool = Pool::new(config.pool.clone())?;
        Ok(VmManager { db, pool, config, block: Mutex::new(()), calls: Arc::new(AtomicU64::new(0)) })
    }

    /// The state database.
    pub fn state(&self) -> &Arc<StateDb<B>> {
        &self.db
    }

    /// Executes `tx` in `block` over the state so far (committed state and
    /// the block's earlier transactions); a successful transaction's writes
    /// go to the block's write cache.
    ///
    /// # Errors
    /// The worker pool is gone.
    pub fn execute_tx(&self, block: &BlockInfo, tx: &Transaction) -> Result<Receipt, RuntimeError> {
        let _block = self.block.lock().unwrap_or_else(PoisonError::into_inner);
        let execution = self.execute(block, tx)?.execution;
        self.db.apply(execution.writes);
        Ok(execution.receipt)
    }

    /// Runs `tx` over the state so far and returns its receipt and the
    /// changes it would make, applying nothing: the caller decides (a
    /// chain adds its fee, then applies them with [`StateDb::apply`]).
    ///
    /// # Errors
    /// The worker pool is gone.
    pub fn execute(&self, block: &BlockInfo, tx: &Transaction) -> Result<Ran, RuntimeError> {
        self.execute_by(block, tx, self.config.call_timeout)
    }

    /// Runs `tx` as [`execute`](Self::execute) does, with the deadline
    /// `timeout` (a producer's, for a transaction whose dry run promised
    /// less: see `Chain::produce_within`).
    ///
    /// # Errors
    /// The worker pool is gone.
    pub fn execute_by(&self, block: &BlockInfo, tx: &Transaction, timeout: Duration) -> Result<Ran, RuntimeError> {
        self.execute_within(block, tx, timeout, Lane::Block, self.db.clone())
    }

    /// Runs `tx` as [`execute`](Self::execute) does, with the validator's
    /// deadline ([`VmConfig::validation_timeout`]): for a transaction of a
    /// block another node produced.
    ///
    /// # Errors
    /// The worker pool is gone.
    pub fn execute_to_validate(&self, block: &BlockInfo, tx: &Transaction) -> Result<Ran, RuntimeError> {
        self.execute_within(block, tx, self.config.validation_timeout, Lane::Block, self.db.clone())
    }

    /// Runs `tx` as [`execute`](Self::execute) does, as read-only work over
    /// `state` (a [`StateDb::snapshot`] of the committed state, so that
    /// nothing of the block being built shows): a dry run (a transaction
    /// checked at the door, an estimate) whose changes nobody keeps. It
    /// waits behind block work and takes at most
    /// [`PoolConfig::max_read_only`] workers at once, and at most one for
    /// each client [`Requester`].
    ///
    /// # Errors
    /// The worker pool is gone.
    pub fn dry_run(
        &self,
        block: &BlockInfo,
        tx: &Transaction,
        requester: Requester,
        state: Arc<dyn StateView>,
    ) -> Result<Ran, RuntimeError> {
        let lane = Lane::ReadOnly(requester, tx.info.gas_limit);
        self.execute_within(block, tx, self.config.call_timeout, lane, state)
    }

    fn execute_within(
        &self,
        block: &BlockInfo,
        tx: &Transaction,
        timeout: Duration,
        lane: Lane,
        state: Arc<dyn StateView>,
    ) -> Result<Ran, RuntimeError> {
        let mut request = self.request(block, tx.info.clone(), false);
        request.timeout = timeout;
        request.state = state;
        let actions = tx.actions.clone();
        let calls = Arc::clone(&self.calls);
        self.pool.run(lane, move |sandbox| {
            calls.fetch_add(1, Ordering::Relaxed);
            let started = Instant::now();
            let execution = execute_actions(sandbox, request, actions);
            Ran { execution, took: started.elapsed() }
        })
    }

    /// Runs `tx` as [`execute_tx`](Self::execute_tx) would over the last
    /// committed block's state, and keeps nothing: a dry run, to check a
    /// transaction before it enters the pool.
    ///
    /// # Errors
    /// The worker pool is gone.
    pub fn validate_tx(&self, block: &BlockInfo, tx: &Transaction) -> Result<Receipt, RuntimeError> {
        let state = Arc::new(self.db.snapshot());
        Ok(self.dry_run(block, tx, Requester::Local, state)?.execution.receipt)
    }

    /// Executes a block's transactions in order, back to back on one worker,
    /// each over the writes of those before it; returns their receipts.
    /// Commit with [`commit_block`](Self::commit_block), or discard with
    /// [`StateDb::discard_block`].
    ///
    /// # Errors
    /// The worker pool is gone.
    pub fn execute_block(&self, block: &BlockInfo, txs: Vec<Transaction>) -> Result<Vec<Receipt>, RuntimeError> {
        let _block = self.block.lock().unwrap_or_else(PoisonError::into_inner);
        let requests: Vec<(CallRequest, Vec<Action>)> =
            txs.into_iter().map(|tx| (self.request(block, tx.info, false), tx.actions)).collect();
        let db = Arc::clone(&self.db);
        let calls = Arc::clone(&self.calls);
        self.pool.run(Lane::Block, move |sandbox| {
            let mut receipts = Vec::with_capacity(requests.len());
            for (request, actions) in requests {
                // The request holds a reference to the state: it is gone
                // when this returns, so the block cache is updated in place.
                let execution = execute_actions(sandbox, request, actions);
                db.apply(execution.writes);
                receipts.push(execution.receipt);
            }
            calls.fetch_add(receipts.len() as u64, Ordering::Relaxed);
            receipts
        })
    }

    /// Commits the block executed so far: its writes, header and receipts in
    /// one atomic write. Returns the state digest.
    ///
    /// # Errors
    /// The database could not write.
    pub fn commit_block(&self, block: &BlockInfo, receipts: &[Receipt]) -> Result<Digest, StateError> {
        let _block = self.block.lock().unwrap_or_else(PoisonError::into_inner);
        let header = serde_json::to_vec(block).expect("block info serializes");
        let receipts_json = serde_json::to_vec(receipts).expect("receipts serialize");
        let digest = self.db.commit_block(block.number, &header, &receipts_json)?;
        let m = self.metrics();
        tracing::debug!(
            height = block.number,
            transactions = receipts.len(),
            calls = m.calls,
            workers = m.pool.workers,
            busy_workers = m.pool.busy_workers,
            queue_depth = m.pool.queue_depth,
            cold_loads = m.pool.cold_loads,
            recycled_isolates = m.pool.recycled_isolates,
            "block committed"
        );
        Ok(digest)
    }

    /// A read-only call of `contract.method(args)` in the last committed
    /// block, over its state (a [`StateDb::snapshot`]: the block being built
    /// does not show): writes throw in the contract and nothing is kept.
    /// The receipt's `gas_used` is what the call would use. It is read-only
    /// work, as [`dry_run`](Self::dry_run) is.
    ///
    /// # Errors
    /// The worker pool is gone, or the head block cannot be read.
    pub fn query(
        &self,
        contract: &str,
        method: &str,
        args: &str,
        requester: Requester,
    ) -> Result<Receipt, RuntimeError> {
        let state = self.db.snapshot();
        let height = state.height();
        let header = self.db.block(height).map_err(RuntimeError::State)?;
        let block = header.and_then(|bytes| serde_json::from_slice::<BlockInfo>(&bytes).ok()).unwrap_or(BlockInfo {
            number: height,
            parent_hash: String::new(),
            witness: String::new(),
            time: 0,
        });
        // Nobody signs a query: no account's authority, no publisher.
        let info = TxInfo {
            auth_list: Default::default(),
            ..TxInfo::signed_by("", String::new(), block.time, self.config.query_gas_limit)
        };
        let request = CallRequest {
            action: Action::call(contract, method, args),
            state: Arc::new(state),
            ..self.request(&block, info, true)
        };
        let calls = Arc::clone(&self.calls);
        self.pool.run(Lane::ReadOnly(requester, self.config.query_gas_limit), move |sandbox| {
            calls.fetch_add(1, Ordering::Relaxed);
            sandbox.execute(&request).receipt
        })
    }

    /// Its settings.
    pub fn config(&self) -> &VmConfig {
        &self.config
    }

    /// Counters of the manager and its pool.
    pub fn metrics(&self) -> VmMetrics {
        VmMetrics {
            calls: self.calls.load(Ordering::Relaxed),
            resident_bytes: resident_bytes(),
            pool: self.pool.metrics(),
        }
    }

    /// A request in `block` for the transaction `info`, its action still to
    /// be set (an empty call until then).
    fn request(&self, block: &BlockInfo, info: TxInfo, read_only: bool) -> CallRequest {
        let caller = Caller { name: info.publisher.clone(), is_account: true };
        CallRequest {
            action: Action::call("", "", ""),
            gas_limit: info.gas_limit,
            env: CallEnv { block: block.clone(), tx: info, caller },
            state: self.db.clone(),
            timeout: self.config.call_timeout,
            read_only,
            output_used: 0,
            logs_used: 0,
        }
    }
}

/// A transaction run on a worker.
#[derive(Debug)]
pub struct Ran {
    /// What it did.
    pub execution: Execution,
    /// How long it ran (not counting the wait for a worker): for
    /// schedulers (a dry run's tells a producer what to expect of it in a
    /// block), never for consensus.
    pub took: Duration,
}

/// Runs a transaction's `actions` in order on `sandbox`, each over the
/// writes of those before it and on what is left of the gas limit of
/// `request` (whose action each of them becomes in turn); all or nothing.
/// Then checks the transaction's amount limit. The receipt returns the last
/// action's result.
fn execute_actions(sandbox: &mut Sandbox, mut request: CallRequest, actions: Vec<Action>) -> Execution {
    let limit = request.gas_limit;
    let base = Arc::clone(&request.state);
    let several = actions.len() > 1;
    let mut done =
        Execution { receipt: Receipt::succeeded(String::new()), writes: Changes::default(), spends: Vec::new() };
    for (i, action) in actions.into_iter().enumerate() {
        let overlay = Arc::new(Overlay::new(Arc::clone(&base), std::mem::take(&mut done.writes)));
        request.state = overlay.clone();
        request.gas_limit = limit - done.receipt.gas_used;
        request.action = action;
        let execution = sandbox.execute(&request);
        request.state = Arc::clone(&base);
        done.writes = Arc::try_unwrap(overlay).map(Overlay::into_changes).unwrap_or_default();
        let Execution { mut receipt, writes, spends } = execution;
        done.receipt.gas_used += receipt.gas_used;
        // The output caps are per transaction: the next action starts where
        // this one left them.
        request.output_used += receipt.receipts.iter().map(|r| output_cost(&r.func_name, &r.content)).sum::<usize>()
            + receipt.events.iter().map(|e| output_cost(&e.contract, &e.content)).sum::<usize>();
        request.logs_used += receipt.logs.iter().map(|log| log.message.len()).sum::<usize>();
        done.receipt.logs.append(&mut receipt.logs);
        if !receipt.is_success() {
            let message = if several {
                format!("action {} ({}): {}", i + 1, request.action.describe(), receipt.message)
            } else {
                receipt.message
            };
            let logs = std::mem::take(&mut done.receipt.logs);
            let failed = Receipt { logs, gas_used: done.receipt.gas_used, ..Receipt::failed(receipt.status, message) };
            return Execution { receipt: failed, writes: Changes::default(), spends: Vec::new() };
        }
        done.writes.extend(writes);
        done.spends.extend(spends);
        done.receipt.receipts.extend(receipt.receipts);
        done.receipt.events.extend(receipt.events);
        done.receipt.ret = receipt.ret;
    }
    let tx = &request.env.tx;
    if let Some(limits) = &tx.amount_limit {
        if let Err(over) = check_limits(limits, &done.spends, &tx.auth_list, "the transaction") {
            let logs = std::mem::take(&mut done.receipt.logs);
            let failed =
                Receipt { logs, gas_used: done.receipt.gas_used, ..Receipt::failed(Status::RuntimeError, over) };
            return Execution { receipt: failed, writes: Changes::default(), spends: Vec::new() };
        }
    }
    done
}

/// The process's resident memory, from `/proc/self/status` (0 where there
/// is none).
fn resident_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
    kib.unwrap_or(0) * 1024
}
