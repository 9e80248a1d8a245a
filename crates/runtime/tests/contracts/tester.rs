//! A tiny local chain for tests: one worker, committed state, deploy and call.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use v8vm_runtime::{
    Abi, Action, BlockInfo, Contract, PoolConfig, Receipt, SandboxOptions, Status, Transaction, VmConfig, VmManager,
    DEFAULT_GAS_LIMIT,
};
use v8vm_state::{MemoryBackend, Slot, StateDb, StateKey, StateOptions, StateView};

/// A local chain over one VMManager: every deploy or call is a transaction
/// in a block of its own, committed.
pub(crate) struct Chain {
    pub(crate) vm: VmManager<MemoryBackend>,
    pub(crate) db: Arc<StateDb<MemoryBackend>>,
    pub(crate) publisher: String,
    pub(crate) gas_limit: u64,
    config: VmConfig,
    height: u64,
}

/// A file of the repository's `examples/` or of `tests/hostile/`.
/// The realm inventory report of a fresh sandbox (made on a thread with the
/// stack sandboxes run on).
pub(crate) fn realm_inventory() -> serde_json::Value {
    let report = std::thread::Builder::new()
        .stack_size(v8vm_runtime::THREAD_STACK_BYTES)
        .spawn(|| v8vm_runtime::Sandbox::new(&Default::default()).unwrap().realm_inventory().unwrap())
        .unwrap()
        .join()
        .unwrap();
    serde_json::from_str(&report).unwrap()
}

pub(crate) fn fixture(relative: &str) -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR")).join(relative)
}

impl Chain {
    /// Everything in state, in key order: compare two of these to see
    /// whether a call changed anything.
    pub(crate) fn state(&self) -> Vec<(Vec<u8>, Vec<u8>)> {
        let mut all = Vec::new();
        self.db
            .scan(&[], &mut |key, value| {
                all.push((key.to_vec(), value.to_vec()));
                std::ops::ControlFlow::Continue(())
            })
            .expect("state scans");
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

    /// A chain whose one worker has a heap limit of `heap_limit_bytes`.
    pub(crate) fn with_heap_limit(heap_limit_bytes: usize) -> Chain {
        let sandbox = SandboxOptions { heap_limit_bytes, ..SandboxOptions::default() };
        let pool = PoolConfig { min_workers: 1, max_workers: 1, sandbox, ..PoolConfig::default() };
        Chain::with_config(VmConfig { pool, call_timeout: Duration::from_secs(1), ..VmConfig::default() })
    }

    pub(crate) fn with_config(config: VmConfig) -> Chain {
        let db = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default()).expect("memory state opens"));
        Chain {
            vm: VmManager::new(Arc::clone(&db), config.clone()).expect("the VM starts"),
            db,
            publisher: "admin".into(),
            gas_limit: DEFAULT_GAS_LIMIT,
            config,
            height: 0,
        }
    }

    /// Replaces the VM (workers and code store) with a new one with `config`,
    /// over the same state: the next calls run cold.
    pub(crate) fn restart(&mut self, config: VmConfig) {
        self.vm = VmManager::new(Arc::clone(&self.db), config.clone()).expect("the VM starts");
        self.config = config;
    }

    /// Restarts the VM with a new call deadline.
    pub(crate) fn set_timeout(&mut self, timeout: Duration) {
        self.restart(VmConfig { call_timeout: timeout, ..self.config.clone() });
    }

    /// Restarts the VM with the same settings.
    pub(crate) fn restart_cold(&mut self) {
        self.restart(self.config.clone());
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
        self.execute(Action::Deploy(contract)).0
    }

    #[track_caller]
    pub(crate) fn deploy_source(&mut self, name: &str, file_name: &str, source: &str, abi: Option<&str>) -> Receipt {
        let abi = abi.map(|text| Abi::parse(text).expect("fixture ABI parses"));
        let contract = Arc::new(Contract::from_source(name, file_name, source, abi).expect("the contract compiles"));
        self.execute(Action::Deploy(contract)).0
    }

    /// Calls `name.method(args)`; successful writes are committed.
    #[track_caller]
    pub(crate) fn call(&mut self, name: &str, method: &str, args: &str) -> Receipt {
        self.call_timed(name, method, args).0
    }

    #[track_caller]
    pub(crate) fn call_timed(&mut self, name: &str, method: &str, args: &str) -> (Receipt, Duration) {
        self.execute(Action::call(name, method, args))
    }

    /// Calls and asserts success; returns the result.
    #[track_caller]
    pub(crate) fn ok(&mut self, name: &str, method: &str, args: &str) -> String {
        let receipt = self.call(name, method, args);
        assert_eq!(receipt.status, Status::Success, "{name}.{method}{args}: {}", receipt.message);
        receipt.ret
    }

    /// Runs `action` as a transaction in a block of its own and commits it.
    pub(crate) fn execute(&mut self, action: Action) -> (Receipt, Duration) {
        self.height += 1;
        let block = BlockInfo {
            number: self.height,
            parent_hash: format!("parent-{}", self.height - 1),
            witness: "tester".into(),
            time: 1_700_000_000_000_000_000 + self.height as i64,
        };
        let tx =
            Transaction::signed_by(&self.publisher, &format!("tx-{}", self.height), block.time, self.gas_limit, action);
        let start = Instant::now();
        let pending_before = self.db.pending_len();
        let receipt = self.vm.execute_tx(&block, &tx).expect("the VM runs");
        let elapsed = start.elapsed();
        if !receipt.is_success() {
            assert_eq!(self.db.pending_len(), pending_before, "a failed call has no writes");
        }
        // One call, one block: every call's effect is committed atomically.
        self.vm.commit_block(&block, std::slice::from_ref(&receipt)).expect("the block commits");
        (receipt, elapsed)
    }
}
