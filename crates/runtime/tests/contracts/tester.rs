//! A tiny local chain for tests: one worker, committed state, deploy and call.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use v8vm_runtime::{
    Abi, Action, BlockInfo, CallEnv, CallRequest, Contract, Receipt, SandboxOptions, Status, Worker, DEFAULT_GAS_LIMIT,
};
use v8vm_state::{MemoryBackend, Slot, StateDb, StateKey, StateOptions, StateView};

pub(crate) struct Chain {
    pub(crate) worker: Worker,
    pub(crate) db: Arc<StateDb<MemoryBackend>>,
    pub(crate) publisher: String,
    pub(crate) timeout: Duration,
    pub(crate) gas_limit: u64,
    contracts: HashMap<String, Arc<Contract>>,
    height: u64,
}

/// A file of the repository's `examples/` or of `tests/hostile/`.
pub(crate) fn fixture(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

impl Chain {
    /// Everything in state, in key order: compare two of these to see
    /// whether a call changed anything.
    pub(crate) fn state(&self) -> Vec<(Vec<u8>, Vec<u8>)> {
        let mut all = Vec::new();
        self.db.scan(&[], &mut |key, value| all.push((key.to_vec(), value.to_vec()))).expect("state scans");
        all
    }

    /// The storage of `contract`, in key order.
    pub(crate) fn storage_of(&self, contract: &str) -> Vec<(Slot, Vec<u8>)> {
        self.state()
            .into_iter()
            .filter_map(|(key, value)| match StateKey::decode(&key) {
                Ok(StateKey::Storage(slot)) if slot.contract == contract => Some((slot, value)),
                _ => None,
            })
            .collect()
    }

    pub(crate) fn new() -> Chain {
        Chain::with_heap_limit(128 << 20)
    }

    pub(crate) fn with_heap_limit(heap_limit_bytes: usize) -> Chain {
        Chain {
            worker: Worker::spawn(SandboxOptions { heap_limit_bytes, ..SandboxOptions::default() })
                .expect("worker starts"),
            db: Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default()).expect("memory state opens")),
            publisher: "admin".into(),
            timeout: Duration::from_millis(1000),
            gas_limit: DEFAULT_GAS_LIMIT,
            contracts: HashMap::new(),
            height: 0,
        }
    }

    /// Deploys `relative` (a path under the runtime crate) as `name`, with
    /// the `.abi` file beside it if there is one.
    #[track_caller]
    pub(crate) fn deploy_file(&mut self, relative: &str, name: &str) -> Receipt {
        let path = fixture(relative);
        let source = std::fs::read_to_string(&path).expect("fixture exists");
        let abi = std::fs::read_to_string(path.with_extension("abi")).ok();
        let file_name = path.file_name().unwrap().to_str().unwrap().to_owned();
        self.deploy_source(name, &file_name, &source, abi.as_deref())
    }

    /// Compiles and deploys a project folder or file under the runtime crate.
    #[track_caller]
    pub(crate) fn deploy_project(&mut self, relative: &str, name: &str) -> Receipt {
        let options = v8vm_compiler::CompileOptions::default();
        let artifact = v8vm_compiler::compile_path(&fixture(relative), &options).expect("the project compiles");
        let contract = Arc::new(Contract::new(name, Arc::new(artifact)).expect("valid name"));
        self.contracts.insert(name.to_owned(), Arc::clone(&contract));
        self.execute(contract, Action::Deploy).0
    }

    #[track_caller]
    pub(crate) fn deploy_source(&mut self, name: &str, file_name: &str, source: &str, abi: Option<&str>) -> Receipt {
        let abi = abi.map(|text| Abi::parse(text).expect("fixture ABI parses"));
        let contract = Arc::new(Contract::from_source(name, file_name, source, abi).expect("the contract compiles"));
        self.contracts.insert(name.to_owned(), Arc::clone(&contract));
        self.execute(contract, Action::Deploy).0
    }

    /// Calls `name.method(args)`; successful writes are committed.
    #[track_caller]
    pub(crate) fn call(&mut self, name: &str, method: &str, args: &str) -> Receipt {
        self.call_timed(name, method, args).0
    }

    #[track_caller]
    pub(crate) fn call_timed(&mut self, name: &str, method: &str, args: &str) -> (Receipt, Duration) {
        let contract = Arc::clone(self.contracts.get(name).expect("deployed in this test"));
        self.execute(contract, Action::Call { method: method.into(), args: args.into() })
    }

    /// Calls and asserts success; returns the result.
    #[track_caller]
    pub(crate) fn ok(&mut self, name: &str, method: &str, args: &str) -> String {
        let receipt = self.call(name, method, args);
        assert_eq!(receipt.status, Status::Success, "{name}.{method}{args}: {}", receipt.message);
        receipt.ret
    }

    fn execute(&mut self, contract: Arc<Contract>, action: Action) -> (Receipt, Duration) {
        self.height += 1;
        let block = BlockInfo {
            number: self.height,
            parent_hash: format!("parent-{}", self.height - 1),
            witness: "tester".into(),
            time: 1_700_000_000_000_000_000 + self.height as i64,
        };
        let request = CallRequest {
            contract,
            action,
            env: CallEnv::signed_by(&self.publisher, block, format!("tx-{}", self.height)),
            state: self.db.clone(),
            gas_limit: self.gas_limit,
            timeout: self.timeout,
        };
        let start = Instant::now();
        let execution = self.worker.execute(request).expect("worker alive");
        let elapsed = start.elapsed();
        if execution.receipt.is_success() {
            self.db.apply(execution.writes);
        } else {
            assert!(execution.writes.is_empty(), "a failed call has no writes");
        }
        // One call, one block: every call's effect is committed atomically.
        let receipt = serde_json::to_vec(&execution.receipt).expect("receipts serialize");
        self.db.commit_block(self.height, b"test block", &receipt).expect("the block commits");
        (execution.receipt, elapsed)
    }
}
