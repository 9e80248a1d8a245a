//! The hostile fixtures (`tests/hostile/<name>/<name>.js` and `<name>.out`)
//! and the local chain they run on. Shared by the suite (`tests/hostile`)
//! and the soak test (`tests/soak`). See docs/hostile.md.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use v8vm_runtime::{
    Abi, Action, BlockInfo, Contract, PoolConfig, Receipt, SandboxOptions, Status, Transaction, VmConfig, VmManager,
};
use v8vm_state::{MemoryBackend, StateDb, StateOptions, StateView};

/// The folder of the fixtures.
pub(crate) fn hostile_dir() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"))
        .join("tests/hostile")
}

/// The gas that a fixture's call is expected to be charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub(crate) enum Gas {
    /// Exactly this much.
    Exact(u64),
    /// `"limit"`: the whole gas limit.
    Limit(LimitWord),
}

/// The word `"limit"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum LimitWord {
    /// The whole gas limit.
    #[serde(rename = "limit")]
    Limit,
}

/// One more string argument of `times` copies of `text`, appended to
/// `args` (for arguments too large to write out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Repeat {
    pub(crate) text: String,
    pub(crate) times: usize,
}

/// What a fixture's `.out` file says: the call to make, under which limits,
/// and how it must end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Expected {
    /// What the contract tries, in a sentence.
    pub(crate) threat: String,
    /// `"call"` (default): deploy the fixture, then call `method(args)`;
    /// `"deploy"`: the deploy itself is the hostile transaction.
    #[serde(default = "call_action")]
    pub(crate) action: String,
    /// Other contracts of the fixture's folder (file stems) deployed first,
    /// each under its stem.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) setup: Vec<String>,
    #[serde(default)]
    pub(crate) method: String,
    #[serde(default = "no_args")]
    pub(crate) args: serde_json::Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) arg_repeat: Option<Repeat>,
    pub(crate) gas_limit: u64,
    pub(crate) timeout_ms: u64,
    pub(crate) heap_limit_mb: usize,
    /// A receipt status, or `compile_error` (the fixture does not compile;
    /// nothing runs).
    pub(crate) status: String,
    pub(crate) message: String,
    /// The message must start with `message` (its end varies, see the
    /// fixture's `threat`) rather than equal it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) message_prefix: bool,
    /// Whether the worker's sandbox is replaced after the call, when that
    /// is not what the status implies (replaced exactly when terminated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) replaced: Option<bool>,
    /// The result of a call that must succeed.
    #[serde(default, rename = "return", skip_serializing_if = "Option::is_none")]
    pub(crate) ret: Option<String>,
    pub(crate) gas: Gas,
}

fn call_action() -> String {
    "call".into()
}

fn no_args() -> serde_json::Value {
    serde_json::json!([])
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A fixture: its name (the folder's), its folder and what it expects.
#[derive(Debug, Clone)]
pub(crate) struct Fixture {
    pub(crate) name: String,
    pub(crate) dir: PathBuf,
    pub(crate) expected: Expected,
}

impl Fixture {
    /// Every fixture, by name.
    pub(crate) fn all() -> Vec<Fixture> {
        let mut all = Vec::new();
        for entry in std::fs::read_dir(hostile_dir()).expect("tests/hostile exists") {
            let dir = entry.expect("tests/hostile lists").path();
            let name = dir.file_name().unwrap().to_str().unwrap().to_owned();
            let out = dir.join(format!("{name}.out"));
            if !dir.is_dir() || !out.exists() {
                continue;
            }
            let text = std::fs::read_to_string(&out).expect("the .out file reads");
            let expected: Expected =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: invalid expectations: {e}", out.display()));
            all.push(Fixture { name, dir, expected });
        }
        all.sort_by(|a, b| a.name.cmp(&b.name));
        all
    }

    pub(crate) fn out_path(&self) -> PathBuf {
        self.dir.join(format!("{}.out", self.name))
    }

    /// The arguments of the hostile call, as JSON text.
    pub(crate) fn args(&self) -> String {
        let mut args = self.expected.args.clone();
        if let Some(repeat) = &self.expected.arg_repeat {
            let list = args.as_array_mut().expect("args is an array when arg_repeat is given");
            list.push(serde_json::Value::String(repeat.text.repeat(repeat.times)));
        }
        serde_json::to_string(&args).expect("args serialize")
    }

    /// The fixture's contract (or a setup contract, `stem`), compiled.
    pub(crate) fn contract(&self, stem: &str) -> Result<Arc<Contract>, String> {
        compile(&self.dir, stem)
    }

    /// The limits of the VM the fixture runs on.
    pub(crate) fn settings(&self) -> Settings {
        Settings { heap_limit_mb: self.expected.heap_limit_mb, timeout_ms: self.expected.timeout_ms }
    }
}

/// Compiles `dir/<stem>.js` (with `dir/<stem>.abi` if there is one) as the
/// contract `stem`.
pub(crate) fn compile(dir: &Path, stem: &str) -> Result<Arc<Contract>, String> {
    let path = dir.join(format!("{stem}.js"));
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let abi = std::fs::read_to_string(path.with_extension("abi"))
        .ok()
        .map(|text| Abi::parse(&text).unwrap_or_else(|e| panic!("{stem}.abi: {e}")));
    Contract::from_source(stem, &format!("{stem}.js"), &source, abi).map(Arc::new).map_err(|e| e.to_string())
}

/// The VM-wide limits a fixture needs (the gas limit is per transaction).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Settings {
    pub(crate) heap_limit_mb: usize,
    pub(crate) timeout_ms: u64,
}

/// A well-behaved contract, called after every hostile one: `check` uses a
/// broad set of built-ins and must return [`GOOD_CHECK`] exactly (anything
/// a hostile call left behind in the realm would show), `bump` writes.
pub(crate) const GOOD: &str = r#"
class Good {
  init() { storage.put('n', '0'); }
  bump() {
    const n = Number(storage.get('n')) + 1;
    storage.put('n', String(n));
    return n;
  }
  check() {
    const list = [3, 1, 2].sort((a, b) => a - b).map((x) => x * 2);
    return JSON.stringify({
      list, joined: list.join('-'), keys: Object.keys({ a: 1 }), polluted: ({}).isAdmin,
      leak: typeof globalThis.leak, str: String([1, [2]]), max: Math.max(1, 5), re: /b+/.exec('abbc')[0],
      big: (2n ** 70n).toString(), num: new BigNumber('0.1').plus('0.2').toString(),
      then: typeof Promise.prototype.then, proto: Object.getPrototypeOf([]) === Array.prototype,
    });
  }
}
module.exports = Good;
"#;

/// What [`GOOD`]'s `check` returns in a clean realm.
pub(crate) const GOOD_CHECK: &str = r#"{"list":[2,4,6],"joined":"2-4-6","keys":["a"],"leak":"undefined","str":"1,2","max":5,"re":"bb","big":"1180591620717411303424","num":"0.3","then":"function","proto":true}"#;

/// A local chain over one VmManager: every transaction is a block of its
/// own, committed.
pub(crate) struct Chain {
    pub(crate) vm: Arc<VmManager<MemoryBackend>>,
    pub(crate) db: Arc<StateDb<MemoryBackend>>,
    height: u64,
}

impl Chain {
    /// A chain whose pool has `min_workers` to `max_workers` workers, with
    /// `settings`.
    pub(crate) fn new(settings: Settings, min_workers: usize, max_workers: usize) -> Chain {
        let sandbox = SandboxOptions { heap_limit_bytes: settings.heap_limit_mb << 20, ..SandboxOptions::default() };
        let pool = PoolConfig { min_workers, max_workers, sandbox, ..PoolConfig::default() };
        let config = VmConfig { pool, call_timeout: Duration::from_millis(settings.timeout_ms), ..VmConfig::default() };
        let db = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default()).expect("memory state opens"));
        let vm = Arc::new(VmManager::new(Arc::clone(&db), config).expect("the VM starts"));
        Chain { vm, db, height: 0 }
    }

    /// Everything in state, in key order.
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

    /// The next block, and a transaction of `action` in it, signed by
    /// `admin`; the block is to be committed.
    pub(crate) fn next(&mut self, action: Action, gas_limit: u64) -> (BlockInfo, Transaction) {
        let next = self.upcoming(action, gas_limit);
        self.height += 1;
        next
    }

    /// The block after the last one committed, and a transaction of
    /// `action` in it, for a dry run (the block is not committed).
    pub(crate) fn upcoming(&self, action: Action, gas_limit: u64) -> (BlockInfo, Transaction) {
        let height = self.height + 1;
        let block = BlockInfo {
            number: height,
            parent_hash: format!("parent-{}", height - 1),
            witness: "tester".into(),
            time: 1_700_000_000_000_000_000 + height as i64,
        };
        let tx = Transaction::signed_by("admin", &format!("tx-{height}"), block.time, gas_limit, action);
        (block, tx)
    }

    /// Runs `action` as a transaction in a block of its own and commits it.
    pub(crate) fn execute(&mut self, action: Action, gas_limit: u64) -> Receipt {
        let (block, tx) = self.next(action, gas_limit);
        let receipt = self.vm.execute_tx(&block, &tx).expect("the VM runs");
        self.vm.commit_block(&block, std::slice::from_ref(&receipt)).expect("the block commits");
        receipt
    }

    /// Deploys `contract`; panics unless that succeeds.
    pub(crate) fn deploy(&mut self, contract: Arc<Contract>) {
        let name = contract.name.clone();
        let receipt = self.execute(Action::Deploy(contract), v8vm_runtime::DEFAULT_GAS_LIMIT);
        assert_eq!(receipt.status, Status::Success, "deploying {name}: {}", receipt.message);
    }

    /// Deploys [`GOOD`] as `good`.
    pub(crate) fn deploy_good(&mut self) {
        let good = Contract::from_source("good", "good.js", GOOD, None).expect("the good contract compiles");
        self.deploy(Arc::new(good));
    }

    /// Calls `contract.method(args)` and commits.
    pub(crate) fn call(&mut self, contract: &str, method: &str, args: &str, gas_limit: u64) -> Receipt {
        self.execute(Action::call(contract, method, args), gas_limit)
    }
}

/// Whether `status` means the run was terminated (its sandbox is replaced).
pub(crate) fn terminated(status: Status) -> bool {
    matches!(status, Status::OutOfGas | Status::Timeout | Status::OutOfMemory)
}
