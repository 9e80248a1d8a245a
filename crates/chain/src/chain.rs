//! The chain: blocks produced and validated by executing their
//! transactions on the VM, the checks a transaction passes at the door and
//! again in a block, the gas fee, and the index of blocks and receipts.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use v8vm_runtime::{
    deployment, format_amount, Abi, BlockInfo, Code, Natives, Receipt, Requester, RuntimeError, Status, TxInfo,
    VmConfig, VmManager,
};
use v8vm_state::{
    Backend, Changes, Journal, MemoryBackend, Overlay, StateDb, StateError, StateKey, StateOptions, StateView,
};

use crate::account::{authorize, Account};
use crate::block::{receipt_root, tx_root, Block, BlockHeader, BlockSignature, TxReceipt};
use crate::fair::{FairOrder, Offered, RecentTime, MAX_SLOW_BLOCKS};
use crate::genesis::Genesis;
use crate::keys::KeyPair;
use crate::system::{runtime_action, SystemContract, SYSTEM_CONTRACT};
use crate::token::{self, TokenContract, NATIVE_DECIMALS, NATIVE_TOKEN, TOKEN_CONTRACT};

/// Why a transaction runs, which decides its deadline and its place in the
/// VM's queue.
enum Run {
    /// In a block this node makes, with this deadline.
    Produce(Duration),
    /// In a block another node made: the validator's longer deadline.
    Validate,
    /// At the door or for an estimate, kept by nobody: read-only work,
    /// behind block work, for a requester, over a snapshot of the last
    /// committed block's state.
    Try(Requester, Arc<dyn StateView>),
}
use crate::tx::{Transaction, TxError};

/// Why the chain failed (not a transaction: those get receipts or
/// [`TxError`]s).
#[derive(Debug, thiserror::Error)]
pub enum ChainError {
    /// The database failed.
    #[error("state error: {0}")]
    State(#[from] StateError),
    /// The VM's workers are gone.
    #[error("VM error: {0}")]
    Runtime(#[from] RuntimeError),
    /// The genesis is not valid, or is not this database's.
    #[error("genesis: {0}")]
    Genesis(String),
    /// A block from another node was rejected; nothing of it was kept.
    #[error("block {number} rejected: {reason}")]
    Rejected {
        /// Its height.
        number: u64,
        /// What did not match.
        reason: String,
    },
    /// A transaction of a block from another node did not finish here even
    /// within the validator's deadline and heap: this node cannot tell
    /// whether the block is right, and stops following rather than call the
    /// producer wrong. Nothing of the block was kept; with a larger budget
    /// (or on a faster machine) the same block validates.
    #[error(
        "block {number}, transaction {index} ({tx_hash}) did not finish here within the validator's limits \
         ({status}): this node stops following; give it a longer --validation-timeout-ms or more heap"
    )]
    CannotFinish {
        /// The block's height.
        number: u64,
        /// The transaction's place in it (0-based).
        index: usize,
        /// Its hash, hex.
        tx_hash: String,
        /// `timeout` or `out_of_memory`.
        status: &'static str,
    },
}

/// A block this node produced.
#[derive(Debug, Clone)]
pub struct Produced {
    /// The block, committed.
    pub block: Block,
    /// Its transactions' receipts.
    pub receipts: Vec<TxReceipt>,
    /// Transactions left out, with the reason (expired, no longer funded
    /// or authorized, duplicate).
    pub dropped: Vec<(String, TxError)>,
    /// Transactions not run because the block's time was spent, or set
    /// aside as slow ([`Offered::slow`]), in arrival order: for a later
    /// block.
    pub deferred: Vec<Offered>,
}

/// A transaction that passed the checks at the door ([`Chain::check_tx`]).
#[derive(Debug, Clone)]
pub struct Checked {
    /// Its dry run's receipt.
    pub receipt: TxReceipt,
    /// How long its dry run took on a worker: what it may expect in a
    /// block ([`Offered::tried`]).
    pub took: Duration,
}

/// A transaction run: its receipt and changes, the fee's included, and how
/// long its actions took on a worker.
struct Outcome {
    receipt: TxReceipt,
    changes: Changes,
    took: Duration,
}

/// A contract as `getContract` shows it.
#[derive(Debug, Clone)]
pub struct ContractInfo {
    /// Hash of its code (empty for a native contract).
    pub code_hash: String,
    /// Who deployed it (empty for a native contract).
    pub owner: String,
    /// Its ABI.
    pub abi: Abi,
}

/// Where the chain's blocks and transactions are.
#[derive(Debug)]
struct Index {
    head: Block,
    by_hash: HashMap<String, u64>,
    /// Transaction hash to block height and position.
    txs: HashMap<String, (u64, usize)>,
}

/// A chain over a state database: genesis, blocks, receipts.
///
/// Blocks are built and applied one at a time; reads (receipts, accounts,
/// queries) run alongside.
#[derive(Debug)]
pub struct Chain<B: Backend> {
    vm: VmManager<B>,
    genesis: Genesis,
    producer_key: String,
    natives: Natives,
    index: RwLock<Index>,
    /// Held while a block is built or applied; holds the time publishers'
    /// transactions took in the blocks this node produced lately.
    building: Mutex<RecentTime>,
}

/// The native contracts every chain has.
fn natives() -> Natives {
    Natives::new()
        .with(TOKEN_CONTRACT, Arc::new(TokenContract::default()))
        .with(SYSTEM_CONTRACT, Arc::new(SystemContract::default()))
}

/// The genesis block over the genesis state with `digest`.
fn genesis_block(genesis: &Genesis, digest: &str) -> Block {
    let header = BlockHeader {
        number: 1,
        parent_hash: String::new(),
        witness: genesis.producer.clone(),
        time: genesis.time,
        tx_root: tx_root(&[]),
        receipt_root: receipt_root(&[]),
        state_digest: digest.to_owned(),
    };
    // Every node makes it from the same genesis: nobody signs it.
    let signature = BlockSignature { algorithm: v8vm_runtime::crypto::Algorithm::Ed25519, signature: String::new() };
    Block { hash: hex::encode(header.hash()), header, signature, txs: Vec::new() }
}

fn to_json(value: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("chain records serialize")
}

fn corrupt(what: String) -> ChainError {
    ChainError::State(StateError::Corrupt(what))
}

impl<B: Backend + 'static> Chain<B> {
    /// Opens the chain in `db`, writing `genesis` as block 1 if the
    /// database is empty, else checking that it is this genesis's chain.
    /// The VM gets the native contracts `token.iost` and `system.iost`.
    ///
    /// # Errors
    /// An invalid genesis, a database of another chain, a database error,
    /// or workers that failed to start.
    pub fn open(db: Arc<StateDb<B>>, genesis: Genesis, mut config: VmConfig) -> Result<Chain<B>, ChainError> {
        let natives = natives();
        config.pool.sandbox.natives = natives.clone();
        let producer_key = genesis.producer_key().map_err(ChainError::Genesis)?.to_owned();
        // The genesis block as this genesis makes it, on a scratch database.
        let scratch = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default())?);
        scratch.apply(genesis.changes(&scratch).map_err(ChainError::Genesis)?);
        let expected = genesis_block(&genesis, &hex::encode(scratch.pending_digest()?.0));
        if db.head().height == 0 {
            db.apply(genesis.changes(&db).map_err(ChainError::Genesis)?);
            db.commit_block(1, &to_json(&expected), &to_json(&Vec::<TxReceipt>::new()))?;
        }
        let stored = Self::read_block(&db, 1)?.ok_or_else(|| corrupt("block 1 is missing".into()))?;
        if stored.hash != expected.hash {
            return Err(ChainError::Genesis(format!(
                "the database holds the chain of genesis block {}, this genesis makes {}",
                stored.hash, expected.hash
            )));
        }
        let vm = VmManager::new(Arc::clone(&db), config)?;
        let index = Self::build_index(&db)?;
        tracing::info!(height = index.head.header.number, head = %index.head.hash, "chain opened");
        Ok(Chain { vm, genesis, producer_key, natives, index: RwLock::new(index), building: Mutex::default() })
    }

    /// Reads every block's hash and transactions (at start).
    fn build_index(db: &StateDb<B>) -> Result<Index, ChainError> {
        let height = db.head().height;
        let mut by_hash = HashMap::new();
        let mut txs = HashMap::new();
        let mut head = None;
        for number in 1..=height {
            let block = Self::read_block(db, number)?.ok_or_else(|| corrupt(format!("block {number} is missing")))?;
            for (i, receipt) in Self::read_receipts(db, number)?.into_iter().enumerate() {
                txs.insert(receipt.tx_hash, (number, i));
            }
            by_hash.insert(block.hash.clone(), number);
            head = Some(block);
        }
        let head = head.ok_or_else(|| corrupt("the chain has no blocks".into()))?;
        Ok(Index { head, by_hash, txs })
    }

    fn read_block(db: &StateDb<B>, number: u64) -> Result<Option<Block>, ChainError> {
        let Some(bytes) = db.block(number)? else { return Ok(None) };
        serde_json::from_slice(&bytes).map(Some).map_err(|e| corrupt(format!("block {number}: {e}")))
    }

    fn read_receipts(db: &StateDb<B>, number: u64) -> Result<Vec<TxReceipt>, ChainError> {
        let Some(bytes) = db.receipts(number)? else { return Ok(Vec::new()) };
        serde_json::from_slice(&bytes).map_err(|e| corrupt(format!("receipts of block {number}: {e}")))
    }

    /// The chain's id.
    pub fn chain_id(&self) -> u32 {
        self.genesis.chain_id
    }

    /// The genesis.
    pub fn genesis(&self) -> &Genesis {
        &self.genesis
    }

    /// The VM.
    pub fn vm(&self) -> &VmManager<B> {
        &self.vm
    }

    /// The last block.
    pub fn head(&self) -> Block {
        self.index.read().unwrap_or_else(PoisonError::into_inner).head.clone()
    }

    /// Block `number`, if committed.
    ///
    /// # Errors
    /// The database cannot be read.
    pub fn block(&self, number: u64) -> Result<Option<Block>, ChainError> {
        Self::read_block(self.vm.state(), number)
    }

    /// The block with hash `hash` (hex), if committed.
    ///
    /// # Errors
    /// The database cannot be read.
    pub fn block_by_hash(&self, hash: &str) -> Result<Option<Block>, ChainError> {
        let number = self.index.read().unwrap_or_else(PoisonError::into_inner).by_hash.get(hash).copied();
        number.map_or(Ok(None), |number| self.block(number))
    }

    /// The receipts of block `number`.
    ///
    /// # Errors
    /// The database cannot be read.
    pub fn receipts(&self, number: u64) -> Result<Vec<TxReceipt>, ChainError> {
        Self::read_receipts(self.vm.state(), number)
    }

    /// The receipt of transaction `hash` (hex) and its block's height, once
    /// in a block.
    ///
    /// # Errors
    /// The database cannot be read.
    pub fn receipt(&self, hash: &str) -> Result<Option<(u64, TxReceipt)>, ChainError> {
        let at = self.index.read().unwrap_or_else(PoisonError::into_inner).txs.get(hash).copied();
        let Some((number, i)) = at else { return Ok(None) };
        Ok(self.receipts(number)?.into_iter().nth(i).map(|receipt| (number, receipt)))
    }

    /// Whether transaction `hash` (hex) is in a block.
    pub fn contains_tx(&self, hash: &str) -> bool {
        self.index.read().unwrap_or_else(PoisonError::into_inner).txs.contains_key(hash)
    }

    /// Account `name` and its native token balance (decimal), as of the
    /// last block.
    ///
    /// # Errors
    /// The database cannot be read.
    pub fn account(&self, name: &str) -> Result<Option<(Account, String)>, ChainError> {
        let state = &self.vm.state().snapshot();
        let Some(account) = Account::load(state, name)? else { return Ok(None) };
        let balance = token::balance(state, NATIVE_TOKEN, name)?;
        Ok(Some((account, format_amount(balance, NATIVE_DECIMALS))))
    }

    /// What `holder` holds of the native token, in its smallest unit, as of
    /// the last block (0 for no such account).
    ///
    /// # Errors
    /// The database cannot be read.
    pub fn native_balance(&self, holder: &str) -> Result<u128, ChainError> {
        Ok(token::balance(&self.vm.state().snapshot(), NATIVE_TOKEN, holder)?)
    }

    /// Contract `name`'s code hash, owner and ABI.
    ///
    /// # Errors
    /// The database cannot be read.
    pub fn contract(&self, name: &str) -> Result<Option<ContractInfo>, ChainError> {
        if let Some(native) = self.natives.get(name) {
            return Ok(Some(ContractInfo {
                code_hash: String::new(),
                owner: String::new(),
                abi: native.abi().clone(),
            }));
        }
        let state = &self.vm.state().snapshot();
        let Some(deployed) = deployment(state, name)? else { return Ok(None) };
        let bytes = state
            .get(&Code::key(&deployed.code_hash).encode())?
            .ok_or_else(|| corrupt(format!("the code of {name} is missing")))?;
        let code = Code::from_bytes(&bytes)?;
        Ok(Some(ContractInfo { code_hash: deployed.code_hash, owner: deployed.owner, abi: code.abi }))
    }

    /// The string in `contract`'s storage at `key` (or map `key`, `field`).
    ///
    /// # Errors
    /// The database cannot be read.
    pub fn storage(&self, contract: &str, key: &str, field: Option<&str>) -> Result<Option<String>, ChainError> {
        let slot = match field {
            Some(field) => v8vm_state::Slot::field(contract, key, field),
            None => v8vm_state::Slot::key(contract, key),
        };
        let value = self.vm.state().snapshot().get(&StateKey::Storage(slot).encode())?;
        Ok(value.map(|bytes| String::from_utf8_lossy(&bytes).into_owned()))
    }

    /// A read-only call over the last block's state.
    ///
    /// # Errors
    /// The VM's workers are gone.
    pub fn query(&self, contract: &str, method: &str, args: &str, requester: Requester) -> Result<Receipt, ChainError> {
        Ok(self.vm.query(contract, method, args, requester)?)
    }

    /// The checks at the door, before `tx` enters the pool: its own checks
    /// against the clock `now` (signatures included), not already on the
    /// chain, its signers' authority, its publisher's funds for the most
    /// gas it may use; then a dry run on the VM over the latest state,
    /// whose receipt is returned (a transaction that fails the dry run is
    /// still admitted: it may succeed in its block, and pays gas either way;
    /// one stopped by this node's deadline or heap is refused, as a block
    /// would leave it out).
    ///
    /// # Errors
    /// Why the transaction is refused.
    pub fn check_tx(&self, tx: &Transaction, now: i64, requester: Requester) -> Result<Checked, TxError> {
        let (head, state) = self.committed();
        let auth = self.admit(tx, now, true, state.as_ref())?;
        let block = self.next_block(&head, now);
        let Outcome { receipt, took, .. } = self
            .run(&block, tx, auth, Run::Try(requester, state))
            .map_err(|e| TxError::Invalid(format!("node error: {e}")))?;
        match TxError::resource_limit(&receipt.receipt) {
            Some(error) => Err(error),
            None => Ok(Checked { receipt, took }),
        }
    }

    /// Runs `tx` as it would run in the next block, over the latest state,
    /// keeping nothing and without checking its signatures: its signers'
    /// claims are taken as granted. The receipt's gas is exactly what the
    /// transaction uses, if the state does not change first. Anyone may ask,
    /// unsigned: it runs with at most the read-only calls' gas limit
    /// ([`VmConfig::query_gas_limit`]), and ends `out_of_gas` there if the
    /// transaction needs more.
    ///
    /// # Errors
    /// The VM's workers are gone.
    pub fn estimate(&self, tx: &Transaction, requester: Requester) -> Result<TxReceipt, ChainError> {
        let capped;
        let tx = if tx.gas_limit > self.vm.config().query_gas_limit {
            capped = Transaction { gas_limit: self.vm.config().query_gas_limit, ..tx.clone() };
            &capped
        } else {
            tx
        };
        let mut auth = BTreeMap::from([(tx.publisher.clone(), "active".to_owned())]);
        for signer in &tx.signers {
            if let Some((account, permission)) = signer.split_once('@') {
                auth.insert(account.to_owned(), permission.to_owned());
            }
        }
        let (head, state) = self.committed();
        let block = self.next_block(&head, tx.time);
        Ok(self.run(&block, tx, auth, Run::Try(requester, state))?.receipt)
    }

    /// The head block, and a snapshot of the state it left.
    fn committed(&self) -> (Block, Arc<dyn StateView>) {
        loop {
            let head = self.head();
            let state = self.vm.state().snapshot();
            if state.height() == head.header.number {
                return (head, Arc::new(state));
            }
            // A block is committed and not indexed yet: a moment.
            std::thread::yield_now();
        }
    }

    /// The block after `head`, at `time` (at least a nanosecond after it).
    fn next_block(&self, head: &Block, time: i64) -> BlockInfo {
        BlockInfo {
            number: head.header.number + 1,
            parent_hash: head.hash.clone(),
            witness: self.genesis.producer.clone(),
            time: time.max(head.header.time + 1),
        }
    }

    /// Whether `tx` may go into a block at `time`: its own checks
    /// (signatures only if `verify`), not on the chain, its signers'
    /// authority, and its publisher's funds, in `state`. Returns the
    /// authorization list.
    fn admit(
        &self,
        tx: &Transaction,
        time: i64,
        verify: bool,
        state: &dyn StateView,
    ) -> Result<BTreeMap<String, String>, TxError> {
        if verify {
            tx.check(self.genesis.chain_id, time)?;
        } else if tx.expiration <= time {
            return Err(TxError::Expired { expiration: tx.expiration, now: time });
        }
        if tx.gas_price == 0 {
            return Err(TxError::Invalid("gas_price must be at least 1".into()));
        }
        let hash = tx.hash_hex();
        if self.contains_tx(&hash) {
            return Err(TxError::Duplicate(hash));
        }
        let auth = authorize(tx, state)?;
        let most = u128::from(tx.gas_limit) * u128::from(tx.gas_price);
        let held = token::balance(state, NATIVE_TOKEN, &tx.publisher)
            .map_err(|e| TxError::Invalid(format!("state error: {e}")))?;
        if held < most {
            return Err(TxError::Underfunded {
                account: tx.publisher.clone(),
                balance: format_amount(held, NATIVE_DECIMALS),
                needed: format_amount(most, NATIVE_DECIMALS),
            });
        }
        Ok(auth)
    }

    /// Executes `tx` in `block` over the state so far: its actions (the
    /// system contract's deploys compiled first), then its gas fee, paid by
    /// the publisher to the block's producer even if the actions failed.
    /// Returns the receipt and every change to apply.
    fn run(
        &self,
        block: &BlockInfo,
        tx: &Transaction,
        auth_list: BTreeMap<String, String>,
        mode: Run,
    ) -> Result<Outcome, ChainError> {
        let hash = tx.hash();
        let mut deploys = 0;
        let mut actions = Vec::with_capacity(tx.actions.len());
        // The transaction's own cost first (Transaction::check keeps it within
        // the gas limit), then the code it deploys, then its actions.
        let mut compile_gas = tx.intrinsic_gas();
        let mut refused = None;
        for action in &tx.actions {
            match runtime_action(&hash, action, &mut deploys) {
                Ok((action, gas)) => {
                    actions.push(action);
                    compile_gas += gas;
                }
                Err((message, gas)) => {
                    compile_gas += gas;
                    refused = Some(message);
                    break;
                }
            }
        }
        let state: Arc<dyn StateView> = match &mode {
            Run::Try(_, state) => Arc::clone(state),
            Run::Produce(_) | Run::Validate => self.vm.state().clone(),
        };
        let mut took = Duration::ZERO;
        let (receipt, writes) = match refused {
            _ if compile_gas >= tx.gas_limit => {
                let message = format!(
                    "out of gas: the transaction's own cost and compiling its code need more than the gas limit of {}",
                    tx.gas_limit
                );
                (Receipt { gas_used: tx.gas_limit, ..Receipt::failed(Status::OutOfGas, message) }, Changes::default())
            }
            Some(message) => (
                Receipt { gas_used: compile_gas, ..Receipt::failed(Status::RuntimeError, message) },
                Changes::default(),
            ),
            None => {
                let info = TxInfo {
                    time: tx.time,
                    hash: hex::encode(hash),
                    expiration: tx.expiration,
                    gas_limit: tx.gas_limit - compile_gas,
                    gas_ratio: tx.gas_price,
                    auth_list,
                    publisher: tx.publisher.clone(),
                    amount_limit: Some(tx.amount_limit.clone()),
                };
                let vm_tx = v8vm_runtime::Transaction { info, actions };
                let ran = match mode {
                    Run::Produce(deadline) => self.vm.execute_by(block, &vm_tx, deadline)?,
                    Run::Validate => self.vm.execute_to_validate(block, &vm_tx)?,
                    Run::Try(requester, _) => self.vm.dry_run(block, &vm_tx, requester, Arc::clone(&state))?,
                };
                took = ran.took;
                let execution = ran.execution;
                let mut receipt = execution.receipt;
                receipt.gas_used += compile_gas;
                let deployed_last =
                    tx.actions.last().is_some_and(|a| a.contract == SYSTEM_CONTRACT && a.method == "setCode");
                if receipt.is_success() && deployed_last {
                    // What a deploy returns: the new contract's id.
                    receipt.ret = crate::system::contract_id(&hash);
                }
                (receipt, execution.writes)
            }
        };
        let (receipt, changes) = self.pay_fee(tx, block, receipt, writes, state)?;
        Ok(Outcome { receipt, changes, took })
    }

    /// Adds the gas fee to a transaction's changes. If the actions left the
    /// publisher unable to pay, they are undone and the transaction fails;
    /// the fee is then paid from the balance before them, which the checks
    /// at the door and in the block guarantee.
    fn pay_fee(
        &self,
        tx: &Transaction,
        block: &BlockInfo,
        mut receipt: Receipt,
        writes: Changes,
        state: Arc<dyn StateView>,
    ) -> Result<(TxReceipt, Changes), ChainError> {
        let fee = u128::from(receipt.gas_used) * u128::from(tx.gas_price);
        let mut after = Overlay::new(Arc::clone(&state), writes);
        let balance = token::balance(&after, NATIVE_TOKEN, &tx.publisher)?;
        if balance < fee {
            let message = format!(
                "{} cannot pay the gas fee of {} {NATIVE_TOKEN} after the transaction's actions",
                tx.publisher,
                format_amount(fee, NATIVE_DECIMALS)
            );
            let logs = std::mem::take(&mut receipt.logs);
            receipt = Receipt { logs, gas_used: receipt.gas_used, ..Receipt::failed(Status::RuntimeError, message) };
            after = Overlay::new(Arc::clone(&state), Changes::default());
        }
        let paid_from = token::balance(&after, NATIVE_TOKEN, &tx.publisher)?;
        // `estimate` skips the checks at the door, so its publisher may not
        // have the fee even before the actions (found by fuzzing
        // `estimateGas`: `paid_from - fee` underflowed). Its receipt, failed
        // above, stands and nothing is written.
        let Some(left) = paid_from.checked_sub(fee) else {
            let receipt = TxReceipt { tx_hash: tx.hash_hex(), fee: format_amount(fee, NATIVE_DECIMALS), receipt };
            return Ok((receipt, Changes::default()));
        };
        let after = Arc::new(after);
        let mut journal = Journal::new(after.clone());
        token::write_balance(&mut journal, NATIVE_TOKEN, NATIVE_DECIMALS, &tx.publisher, left)?;
        if block.witness != tx.publisher {
            let earned = token::balance(&*after, NATIVE_TOKEN, &block.witness)?;
            token::write_balance(&mut journal, NATIVE_TOKEN, NATIVE_DECIMALS, &block.witness, earned + fee)?;
        }
        let fee_changes = journal.into_changes();
        let mut changes = Arc::try_unwrap(after).map(Overlay::into_changes).unwrap_or_default();
        changes.extend(fee_changes);
        let receipt = TxReceipt { tx_hash: tx.hash_hex(), fee: format_amount(fee, NATIVE_DECIMALS), receipt };
        Ok((receipt, changes))
    }

    /// Produces the next block at `time` (at least the parent's plus one)
    /// from `txs`, in order, signed by `key`: each is checked again (without
    /// its signatures, checked at the door) and left out if it no longer
    /// passes, or if this node's deadline or heap stopped it (unpaid: such
    /// an outcome depends on the machine). Commits the block.
    ///
    /// # Errors
    /// The database or the VM failed; the block is then abandoned.
    pub fn produce(&self, txs: Vec<Transaction>, time: i64, key: &KeyPair) -> Result<Produced, ChainError> {
        self.build(|_| FairOrder::arrival(txs), time, key, Duration::MAX)
    }

    /// As [`produce`](Self::produce), with `txs` given in arrival order,
    /// each with the client that sent it and its dry run's time, but
    /// publishers and clients share the block's time: the next transaction
    /// to run is the oldest of the publisher whose next one's publisher and
    /// client took the least time so far (the more of the two), in this
    /// block and (halved at each block) in the recent ones this node made,
    /// a sender not seen recently counting as
    /// [`NEWCOMER_TIME`](crate::NEWCOMER_TIME); each publisher's run in the
    /// order given. Each may run a few times what its dry run took
    /// ([`Offered::deadline`]); one stopped there is set aside as slow.
    /// Slow transactions run last, with what the budget leaves (up to the
    /// call deadline). After the first, a transaction starts only if its
    /// deadline fits in what is left of `budget` (else it and its
    /// publisher's next ones wait for a later block), and none once `budget`
    /// of wall-clock time is spent: the rest come back as
    /// [`Produced::deferred`], so that a block is made within `budget`, or
    /// its first transaction's deadline if that is longer. What is left out
    /// is the heaviest publishers' (by time, not gas: a transaction cheap in
    /// gas but slow buys no more than its publisher's share), and the slow
    /// ones. Which transactions a block holds is the producer's choice;
    /// validators run what it holds.
    ///
    /// # Errors
    /// As [`produce`](Self::produce).
    pub fn produce_within(
        &self,
        txs: Vec<Offered>,
        time: i64,
        key: &KeyPair,
        budget: Duration,
    ) -> Result<Produced, ChainError> {
        self.build(|recent| FairOrder::new(txs, recent), time, key, budget)
    }

    /// Makes the block at `time` of the transactions the order made by
    /// `order` (from the recent blocks' times) hands out, until `budget` is
    /// spent (see [`produce_within`](Self::produce_within)).
    fn build(
        &self,
        order: impl FnOnce(&RecentTime) -> FairOrder,
        time: i64,
        key: &KeyPair,
        budget: Duration,
    ) -> Result<Produced, ChainError> {
        let started = Instant::now();
        let mut recent = self.building.lock().unwrap_or_else(PoisonError::into_inner);
        let mut order = order(&recent);
        let head = self.head();
        let block = self.next_block(&head, time);
        let db = self.vm.state();
        let call_timeout = self.vm.config().call_timeout;
        let mut included = Vec::new();
        let mut receipts = Vec::new();
        let mut dropped = Vec::new();
        let mut seen = HashSet::new();
        // Every transaction handed out counts, set aside or not: the budget
        // holds whatever ran. The first to run on the VM may take whatever
        // it asks (one refused before it runs does not use that up).
        let mut runs = 0;
        let mut first = true;
        let deferred = loop {
            let spent = started.elapsed();
            if runs > 0 && spent >= budget {
                break order.rest();
            }
            // The slow ones last, with what others left of the budget.
            let Some(offered) = order.next().or_else(|| order.next_slow()) else { break order.rest() };
            // The first may take whatever it asks; the others only what the
            // budget leaves, so that a block ends within it.
            let left = if first { Duration::MAX } else { budget.saturating_sub(spent) };
            let deadline = offered.deadline(call_timeout, left);
            if deadline > left {
                order.hold(offered);
                continue;
            }
            runs += 1;
            let began = Instant::now();
            let tx = &offered.tx;
            let hash = tx.hash();
            let admitted = if seen.insert(hash) {
                self.admit(tx, block.time, false, db.as_ref())
            } else {
                Err(TxError::Duplicate(tx.hash_hex()))
            };
            let auth = match admitted {
                Ok(auth) => auth,
                Err(reason) => {
                    dropped.push((tx.hash_hex(), reason));
                    order.ran(began.elapsed());
                    continue;
                }
            };
            first = false;
            let outcome = match self.run(&block, tx, auth, Run::Produce(deadline)) {
                Ok(outcome) => outcome,
                Err(error) => {
                    db.discard_block();
                    return Err(error);
                }
            };
            let status = outcome.receipt.receipt.status;
            if status == Status::Timeout && deadline < call_timeout {
                // Past what its dry run promised, or what the budget left a
                // slow one: slow, to run last, unpaid.
                seen.remove(&hash);
                order.set_aside(offered, began.elapsed());
                continue;
            }
            if status.is_resource_failure() {
                // Stopped by this machine's deadline or heap: left out,
                // unpaid (its outcome could differ on another node).
                let error = TxError::resource_limit(&outcome.receipt.receipt).expect("a resource failure");
                dropped.push((tx.hash_hex(), error));
            } else {
                db.apply(outcome.changes);
                receipts.push(outcome.receipt);
                included.push(offered.tx);
            }
            order.ran(began.elapsed());
        };
        recent.add_block(order);
        // A slow one that found no time to run to the deadline in a few
        // blocks goes.
        let (deferred, waited_out): (Vec<Offered>, Vec<Offered>) =
            deferred.into_iter().partition(|offered| !offered.slow || offered.waited <= MAX_SLOW_BLOCKS);
        dropped.extend(waited_out.iter().map(|offered| (offered.tx.hash_hex(), TxError::SetAside(offered.waited))));
        let mut header = BlockHeader {
            number: block.number,
            parent_hash: block.parent_hash,
            witness: block.witness,
            time: block.time,
            tx_root: tx_root(&included),
            receipt_root: receipt_root(&receipts),
            state_digest: String::new(),
        };
        let mut made = None;
        let committed = db.commit_block_with(header.number, |digest| {
            header.state_digest = hex::encode(digest.0);
            let block = Block::sign(header, &included, key);
            let bytes = (to_json(&block), to_json(&receipts));
            made = Some(block);
            bytes
        });
        if let Err(error) = committed {
            db.discard_block();
            return Err(error.into());
        }
        let block = made.expect("the block was made at commit");
        self.indexed(&block, &receipts);
        tracing::info!(
            number = block.header.number,
            txs = receipts.len(),
            dropped = dropped.len(),
            deferred = deferred.len(),
            "block produced"
        );
        Ok(Produced { block, receipts, dropped, deferred })
    }

    /// Validates a block from another node by executing it again, and
    /// commits it if everything matches: its place (height, parent, time),
    /// its producer's signature, its transactions (each checked as at the
    /// door, signatures included), its receipts and its state digest.
    /// Receipts are compared whole. Each transaction runs with the
    /// validator's deadline ([`VmConfig::validation_timeout`]): a block holds
    /// no timeout or out-of-memory (producers leave those out), so one here
    /// means this node could not finish what the producer did.
    ///
    /// # Errors
    /// [`ChainError::Rejected`] with what did not match, or
    /// [`ChainError::CannotFinish`]; nothing is kept.
    pub fn apply(&self, block: &Block) -> Result<Vec<TxReceipt>, ChainError> {
        let _building = self.building.lock().unwrap_or_else(PoisonError::into_inner);
        let number = block.header.number;
        let reject = |reason: String| ChainError::Rejected { number, reason };
        let head = self.head();
        let header = &block.header;
        if number != head.header.number + 1 {
            return Err(reject(format!("the next block is {}", head.header.number + 1)));
        }
        if header.parent_hash != head.hash {
            return Err(reject(format!("its parent is {}, the head is {}", header.parent_hash, head.hash)));
        }
        if header.time <= head.header.time {
            return Err(reject("its time is not after its parent's".into()));
        }
        if header.witness != self.genesis.producer || !block.signed_by(&self.producer_key) {
            return Err(reject(format!("it is not signed by the producer {}", self.genesis.producer)));
        }
        if block.hash != hex::encode(header.hash()) {
            return Err(reject("its hash does not match its header".into()));
        }
        let txs = block.transactions().map_err(reject)?;
        if tx_root(&txs) != header.tx_root {
            return Err(reject("its transactions do not match its tx root".into()));
        }
        let db = self.vm.state();
        let info = header.info();
        let mut receipts = Vec::with_capacity(txs.len());
        let mut seen = HashSet::new();
        for (i, tx) in txs.iter().enumerate() {
            let admitted = if seen.insert(tx.hash()) {
                self.admit(tx, info.time, true, db.as_ref())
            } else {
                Err(TxError::Duplicate(tx.hash_hex()))
            };
            let outcome = admitted.map_err(|e| reject(format!("transaction {i}: {e}"))).and_then(|auth| {
                let Outcome { receipt, changes, .. } = self.run(&info, tx, auth, Run::Validate)?;
                let status = receipt.receipt.status;
                if status.is_resource_failure() {
                    return Err(ChainError::CannotFinish {
                        number,
                        index: i,
                        tx_hash: receipt.tx_hash,
                        status: status.as_str(),
                    });
                }
                db.apply(changes);
                Ok(receipt)
            });
            match outcome {
                Ok(receipt) => receipts.push(receipt),
                Err(error) => {
                    db.discard_block();
                    return Err(error);
                }
            }
        }
        let root = receipt_root(&receipts);
        let digest = db.pending_digest().map(|d| hex::encode(d.0));
        let mismatch = match digest {
            _ if root != header.receipt_root => Some(format!(
                "its receipts differ when executed here (receipt root {root}, the block says {})",
                header.receipt_root
            )),
            Ok(digest) if digest != header.state_digest => Some(format!(
                "the state differs when executed here (digest {digest}, the block says {})",
                header.state_digest
            )),
            Ok(_) => None,
            Err(error) => {
                db.discard_block();
                return Err(error.into());
            }
        };
        if let Some(reason) = mismatch {
            db.discard_block();
            return Err(reject(reason));
        }
        if let Err(error) = db.commit_block(number, &to_json(block), &to_json(&receipts)) {
            db.discard_block();
            return Err(error.into());
        }
        self.indexed(block, &receipts);
        tracing::info!(number, txs = receipts.len(), "block validated");
        Ok(receipts)
    }

    /// Records a committed block in the index and makes it the head.
    fn indexed(&self, block: &Block, receipts: &[TxReceipt]) {
        let mut index = self.index.write().unwrap_or_else(PoisonError::into_inner);
        let number = block.header.number;
        for (i, receipt) in receipts.iter().enumerate() {
            index.txs.insert(receipt.tx_hash.clone(), (number, i));
        }
        index.by_hash.insert(block.hash.clone(), number);
        index.head = block.clone();
    }
}
