//! Determinism: a call's outcome does not depend on the worker, on what ran
//! before, on cache warmth, on the number of workers, or on the node having
//! restarted.
//!
//! The harness builds seeded random blocks over the example contracts. CI
//! runs a short version; a long one runs on demand:
//! `V8VM_DETERMINISM_TXS=20000 V8VM_DETERMINISM_SEED=42 cargo test --release
//! -p v8vm-runtime --test contracts determinism` (or `scripts/determinism.sh`).

use std::sync::Arc;
use std::time::Duration;

use v8vm_runtime::{
    Abi, Action, BlockInfo, CodeStore, Contract, PoolConfig, Receipt, SandboxOptions, Transaction, VmConfig, VmManager,
};
use v8vm_state::{Backend, MemoryBackend, RocksBackend, RocksOptions, StateDb, StateOptions};

use crate::tester::fixture;

/// A seeded generator (SplitMix64), so every run builds the same blocks.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn example(file: &str, name: &str) -> Arc<Contract> {
    let path = fixture(&format!("../../examples/{file}"));
    let source = std::fs::read_to_string(&path).expect("example exists");
    let abi = std::fs::read_to_string(path.with_extension("abi")).ok().map(|t| Abi::parse(&t).expect("ABI parses"));
    Arc::new(Contract::from_source(name, file, &source, abi).expect("example compiles"))
}

const PLAYERS: [&str; 4] = ["admin", "bob", "carol", "dave"];

/// `count` transactions over hello, token and fomo3d (deployed first):
/// successes and failures of every kind a normal contract has.
fn transactions(seed: u64, count: usize) -> Vec<Transaction> {
    let mut rng = Rng(seed);
    let mut txs = vec![
        Transaction::signed_by("admin", "d1", 1, 10_000_000, Action::Deploy(example("hello.js", "hello"))),
        Transaction::signed_by("admin", "d2", 1, 10_000_000, Action::Deploy(example("token.js", "token"))),
        Transaction::signed_by("admin", "d3", 1, 10_000_000, Action::Deploy(example("fomo3d.js", "fomo3d"))),
    ];
    for i in 0..count {
        let player = PLAYERS[rng.below(4) as usize];
        let other = PLAYERS[rng.below(4) as usize];
        let action = match rng.below(8) {
            0 => Action::call("hello", "hello", &format!(r#"["{player}"]"#)),
            1 | 2 => Action::call("token", "transfer", &format!(r#"["{player}","{other}","{}"]"#, rng.below(400_000))),
            3 => Action::call("token", "balanceOf", &format!(r#"["{player}"]"#)),
            4 | 5 => Action::call("fomo3d", "buy", &format!(r#"["{player}","{}"]"#, rng.below(120))),
            6 => Action::call("fomo3d", "round", "[]"),
            _ => Action::call("token", "transfer", r#"["admin"]"#), // invalid arguments
        };
        // Some transactions run out of gas.
        let gas_limit = if rng.below(10) == 0 { 300 + rng.below(3_000) } else { 1_000_000 };
        txs.push(Transaction::signed_by(player, &format!("tx{i}"), 1, gas_limit, action));
    }
    txs
}

/// How a run executes its blocks.
#[derive(Clone, Copy)]
enum Mode {
    /// One `execute_tx` per transaction, each on whichever worker is free.
    PerTransaction,
    /// One `execute_block` per block: back to back on one worker. Each block
    /// runs twice: once discarded, then again on warm sandboxes, and the
    /// two must agree.
    Blocks,
}

/// A VM of `workers` over `db`, sharing `code_store`.
fn vm<B: Backend + 'static>(db: StateDb<B>, workers: usize, code_store: &Arc<CodeStore>) -> VmManager<B> {
    let sandbox = SandboxOptions { code_store: Arc::clone(code_store), ..SandboxOptions::default() };
    let pool = PoolConfig { min_workers: workers, max_workers: workers, sandbox, ..PoolConfig::default() };
    let config = VmConfig { pool, call_timeout: Duration::from_secs(10), ..VmConfig::default() };
    VmManager::new(Arc::new(db), config).expect("the VM starts")
}

/// Runs `txs` in blocks of 50 on a new VM over empty state; returns every
/// receipt (as JSON) and each block's state digest.
fn run(txs: &[Transaction], workers: usize, mode: Mode, code_store: &Arc<CodeStore>) -> (Vec<String>, Vec<String>) {
    let db = StateDb::open(MemoryBackend::new(), StateOptions::default()).expect("state opens");
    run_on(vm(db, workers, code_store), txs, mode, |vm, _| vm)
}

/// Runs `txs` in blocks of 50 over a RocksDB database in a new folder,
/// stopping the VM and closing the database every `every` blocks, then
/// reopening both (a new code store, every worker cold), as a node
/// restarting does.
fn run_restarting(txs: &[Transaction], workers: usize, every: usize) -> (Vec<String>, Vec<String>) {
    let dir = std::env::temp_dir().join(format!("v8vm-determinism-{}-{workers}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let open = || {
        let backend = RocksBackend::open(&dir, &RocksOptions::default()).expect("RocksDB opens");
        vm(
            StateDb::open(backend, StateOptions::default()).expect("state opens"),
            workers,
            &Arc::new(CodeStore::default()),
        )
    };
    let result = run_on(open(), txs, Mode::PerTransaction, |vm, height| {
        if height % every != 0 {
            return vm;
        }
        drop(vm);
        open()
    });
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// Runs `txs` in blocks of 50 on `vm`; after each committed block,
/// `between(vm, blocks so far)` gives the VM for the next one.
fn run_on<B: Backend + 'static>(
    mut vm: VmManager<B>,
    txs: &[Transaction],
    mode: Mode,
    between: impl Fn(VmManager<B>, usize) -> VmManager<B>,
) -> (Vec<String>, Vec<String>) {
    let workers = vm.metrics().pool.workers;
    let (mut receipts, mut digests) = (Vec::new(), Vec::new());
    for (height, chunk) in txs.chunks(50).enumerate() {
        if height > 0 {
            vm = between(vm, height);
        }
        let block = BlockInfo {
            number: height as u64 + 1,
            parent_hash: format!("p{height}"),
            witness: "w".into(),
            time: 1_700_000_000_000_000_000 + height as i64 * 1_000_000_000,
        };
        let block_receipts: Vec<Receipt> = match mode {
            Mode::PerTransaction => chunk.iter().map(|tx| vm.execute_tx(&block, tx).expect("runs")).collect(),
            Mode::Blocks => {
                let first = vm.execute_block(&block, chunk.to_vec()).expect("runs");
                vm.state().discard_block();
                let again = vm.execute_block(&block, chunk.to_vec()).expect("runs");
                assert_eq!(first, again, "block {} warm", block.number);
                again
            }
        };
        let digest = vm.commit_block(&block, &block_receipts).expect("commits");
        digests.push(digest.to_string());
        receipts.extend(block_receipts.iter().map(|r| serde_json::to_string(r).expect("serializes")));
    }
    if workers > 1 {
        assert!(vm.metrics().pool.workers >= 2, "the pool kept its workers");
    }
    (receipts, digests)
}

/// The harness's size and seed: short in CI, long on demand.
fn harness() -> (u64, usize) {
    let number = |name: &str, default: u64| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    (number("V8VM_DETERMINISM_SEED", 7), number("V8VM_DETERMINISM_TXS", 300) as usize)
}

#[test]
fn receipts_gas_and_digests_do_not_depend_on_workers_caches_or_restarts() {
    let (seed, count) = harness();
    let txs = transactions(seed, count);
    let cold = Arc::new(CodeStore::default());
    let reference = run(&txs, 1, Mode::PerTransaction, &cold);
    let kinds: std::collections::BTreeSet<String> = reference
        .0
        .iter()
        .map(|r| serde_json::from_str::<serde_json::Value>(r).unwrap()["status"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["invalid_args", "out_of_gas", "runtime_error", "success"],
        "the mix covers every outcome of a normal contract"
    );
    // 4 workers, cold caches (a fresh code store): calls land on different workers.
    assert_eq!(run(&txs, 4, Mode::PerTransaction, &Arc::new(CodeStore::default())), reference, "4 workers, cold");
    // Warm: the code store of the reference run, with its code caches.
    assert_eq!(run(&txs, 4, Mode::PerTransaction, &cold), reference, "4 workers, warm code caches");
    assert_eq!(run(&txs, 1, Mode::Blocks, &cold), reference, "blocks back to back on one worker");
    assert_eq!(run(&txs, 4, Mode::Blocks, &Arc::new(CodeStore::default())), reference, "blocks, 4 workers, cold");
    // On RocksDB, the VM stopped and the database reopened every 2 blocks.
    assert_eq!(run_restarting(&txs, 2, 2), reference, "restarted every 2 blocks");
    println!(
        "determinism: {count} transactions (seed {seed}), {} blocks: the same receipts, gas and digests in 6 runs",
        reference.1.len()
    );
}

/// A contract's class is read at deploy on empty state in a neutral block,
/// and afresh each time, so neither what its top level reads nor what a node
/// deployed before changes its methods or a failed deploy's gas. The warm
/// node deployed the same code before (at another height, or as an update);
/// the cold one did not. Every receipt must match.
#[test]
fn the_class_read_at_deploy_depends_on_the_code_alone() {
    use crate::tester::Chain;
    const SHIFTY: &str = "class Shifty { init() {} }\n\
        if (block.number % 2 === 1) Shifty.prototype.odd = function () { return 'odd'; };\n\
        module.exports = Shifty;";
    const FILLER: &str = "class Filler { init() {} }\nmodule.exports = Filler;";
    const NO_INIT: &str = "class Bare { hello() { return 'hi'; } }\nmodule.exports = Bare;";

    let (mut warm, mut cold) = (Chain::new(), Chain::new());
    let mut outcomes = Vec::new();
    for (chain, (name, first)) in [(&mut warm, ("a", SHIFTY)), (&mut cold, ("filler", FILLER))] {
        assert!(chain.deploy_source(name, "shifty.js", first, None).is_success()); // at height 1
        let deployed = chain.deploy_source("b", "shifty.js", SHIFTY, None); // at height 2
        outcomes.push([summary(&deployed), summary(&chain.call("b", "odd", "[]"))]);
        // at height 3
    }
    assert_eq!(outcomes[0], outcomes[1], "the class of 'b' does not depend on 'a' having been deployed before");
    assert_eq!(outcomes[0][1].0, "not_found", "read at block 0, the class has no odd(): {outcomes:?}");

    // Code that has no init() may run after an update; deploying it fails,
    // charged the same on a node that holds it already.
    let counter = "class C { init() {} }\nmodule.exports = C;";
    let mut failed = Vec::new();
    for (chain, update) in [(&mut warm, true), (&mut cold, false)] {
        assert!(chain.deploy_source("c", "c.js", counter, None).is_success());
        if update {
            let bare = Arc::new(Contract::from_source("c", "bare.js", NO_INIT, None).unwrap());
            let updated = chain.execute(Action::Update { contract: bare, data: String::new() }).0;
            assert!(updated.is_success(), "{}", updated.message);
        }
        failed.push(summary(&chain.deploy_source("d", "bare.js", NO_INIT, None)));
    }
    assert_eq!(failed[0], failed[1]);
    assert_eq!(failed[0].0, "runtime_error", "{failed:?}");
    assert!(failed[0].2 > 0, "evaluating the modules is charged: {failed:?}");
}

/// What must be equal between nodes: status, message and gas.
fn summary(receipt: &Receipt) -> (&'static str, String, u64) {
    (receipt.status.as_str(), receipt.message.clone(), receipt.gas_used)
}
