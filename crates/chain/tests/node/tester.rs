//! Helpers: dev chains, signed transactions, blocks.

use std::sync::Arc;

use v8vm_chain::{Chain, Genesis, Produced, Requester, Transaction, TxAction, TxReceipt};
use v8vm_runtime::{AmountLimit, PoolConfig, VmConfig};
use v8vm_state::{Backend, MemoryBackend, StateDb, StateOptions};

/// Genesis time of the test chains.
pub(crate) const GENESIS_TIME: i64 = 1_800_000_000_000_000_000;
const SECOND: i64 = 1_000_000_000;

pub(crate) fn vm_config() -> VmConfig {
    VmConfig { pool: PoolConfig { min_workers: 1, max_workers: 2, ..PoolConfig::default() }, ..VmConfig::default() }
}

/// A dev chain on `backend`, and the time of its next block.
pub(crate) struct TestChain<B: Backend + 'static> {
    pub(crate) chain: Chain<B>,
    pub(crate) now: i64,
    nonce: u64,
}

pub(crate) fn memory_chain() -> TestChain<MemoryBackend> {
    TestChain::open(MemoryBackend::new())
}

impl<B: Backend + 'static> TestChain<B> {
    pub(crate) fn open(backend: B) -> TestChain<B> {
        TestChain::open_with(backend, vm_config())
    }

    pub(crate) fn open_with(backend: B, config: VmConfig) -> TestChain<B> {
        let db = Arc::new(StateDb::open(backend, StateOptions::default()).unwrap());
        let chain = Chain::open(db, Genesis::dev(GENESIS_TIME), config).unwrap();
        let now = chain.head().header.time + SECOND;
        TestChain { chain, now, nonce: 0 }
    }

    /// A transaction of `actions` by `publisher`, signed with its dev key,
    /// that may move any amount of any token.
    pub(crate) fn tx(&mut self, publisher: &str, actions: &[(&str, &str, &str)]) -> Transaction {
        self.tx_with(publisher, actions, 1_000_000, vec![AmountLimit { token: "*".into(), val: "unlimited".into() }])
    }

    pub(crate) fn tx_with(
        &mut self,
        publisher: &str,
        actions: &[(&str, &str, &str)],
        gas_limit: u64,
        amount_limit: Vec<AmountLimit>,
    ) -> Transaction {
        self.nonce += 1;
        let mut tx = Transaction {
            chain_id: 1024,
            // Distinct transactions: the nonce is in the time.
            time: self.now - SECOND + self.nonce as i64,
            expiration: self.now + 60 * SECOND,
            gas_limit,
            gas_price: 1,
            publisher: publisher.into(),
            actions: actions
                .iter()
                .map(|(c, m, a)| TxAction { contract: (*c).into(), method: (*m).into(), args: (*a).into() })
                .collect(),
            amount_limit,
            signers: Vec::new(),
            signatures: Vec::new(),
        };
        sign(&mut tx, publisher);
        tx
    }

    /// Checks `txs` at the door, then produces a block of them.
    pub(crate) fn block(&mut self, txs: Vec<Transaction>) -> Produced {
        for tx in &txs {
            self.chain.check_tx(tx, self.now, Requester::Local).unwrap_or_else(|e| panic!("refused at the door: {e}"));
        }
        let produced = self.chain.produce(txs, self.now, &Genesis::dev_key("admin")).unwrap();
        assert!(produced.dropped.is_empty(), "{:?}", produced.dropped);
        self.now += SECOND;
        produced
    }

    /// One transaction in its own block; its receipt.
    pub(crate) fn run(&mut self, publisher: &str, actions: &[(&str, &str, &str)]) -> TxReceipt {
        let tx = self.tx(publisher, actions);
        self.block(vec![tx]).receipts.remove(0)
    }

    /// Deploys the contract `source` (file `file`) by alice in a block of
    /// its own; its id.
    pub(crate) fn deployed(&mut self, file: &str, source: &str) -> String {
        let deploy = self.tx("alice", &[("system.iost", "setCode", &source_bundle(file, source, None))]);
        let receipt = self.block(vec![deploy.clone()]).receipts.remove(0);
        assert!(receipt.receipt.is_success(), "{file} deploys: {}", receipt.receipt.message);
        v8vm_chain::contract_id(&deploy.hash())
    }

    pub(crate) fn balance_of_contract(&self, contract: &str) -> String {
        self.chain.storage("token.iost", "balance.iost", Some(contract)).unwrap().unwrap_or_default()
    }

    pub(crate) fn balance(&self, account: &str) -> String {
        self.chain.account(account).unwrap().map(|(_, balance)| balance).unwrap_or_default()
    }
}

/// Adds `account`'s dev-key signature.
pub(crate) fn sign(tx: &mut Transaction, account: &str) {
    let key = Genesis::dev_key(account);
    tx.add_signature(key.algorithm(), key.public_key(), key.sign(&tx.hash()));
}

/// A source bundle of one file, as `system.iost.setCode` takes it.
pub(crate) fn source_bundle(file: &str, source: &str, abi: Option<&str>) -> String {
    let abi: serde_json::Value = abi.map(|abi| serde_json::from_str(abi).unwrap()).unwrap_or_default();
    let mut bundle = serde_json::json!({ "entry": file, "files": { file: source } });
    if !abi.is_null() {
        bundle["abi"] = abi;
    }
    serde_json::to_string(&serde_json::json!([bundle.to_string()])).unwrap()
}
