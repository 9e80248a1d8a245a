//! The VMManager's entry points and its worker pool.

use std::sync::Arc;
use std::time::{Duration, Instant};

use v8vm_runtime::{
    Action, BlockInfo, Contract, PoolConfig, Requester, SandboxOptions, Status, Transaction, VmConfig, VmManager,
};
use v8vm_state::{MemoryBackend, StateDb, StateOptions};

use crate::tester::Chain;

fn block(number: u64) -> BlockInfo {
    BlockInfo { number, parent_hash: String::new(), witness: "w".into(), time: 1_700_000_000_000_000_000 }
}

fn counter() -> Arc<Contract> {
    let source = "class Counter { init() { storage.put('n', '0'); }\n\
                  add(k) { const n = Number(storage.get('n')) + Number(k); storage.put('n', String(n)); return n; }\n\
                  get() { return storage.get('n'); }\n\
                  signers() { return JSON.stringify([blockchain.publisher(), tx.authList]); }\n\
                  spin(ms) { let x = 0; for (let i = 0; i < Number(ms) * 20000; i++) { x += i; } return x; } }\n\
                  module.exports = Counter;";
    Arc::new(Contract::from_source("counter", "counter.js", source, None).expect("compiles"))
}

/// A VM with `pool` whose queries may run long (10^9 gas), the counter
/// deployed in block 1.
fn counter_vm(pool: PoolConfig) -> Arc<VmManager<MemoryBackend>> {
    let db = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default()).unwrap());
    let config = VmConfig { pool, query_gas_limit: 1_000_000_000, ..VmConfig::default() };
    let vm = Arc::new(VmManager::new(db, config).unwrap());
    let deployed = vm.execute_tx(&block(1), &tx("d", Action::Deploy(counter()))).unwrap();
    vm.commit_block(&block(1), &[deployed]).unwrap();
    vm
}

fn tx(hash: &str, action: Action) -> Transaction {
    Transaction::signed_by("alice", hash, 1, 100_000_000, action)
}

/// Queries and dry runs read the last committed block's state: the block
/// being built may yet be abandoned (or, on a follower, found invalid).
#[test]
fn read_only_work_reads_the_last_committed_block() {
    let mut chain = Chain::new();
    chain.execute(Action::Deploy(counter()));
    chain.ok("counter", "add", r#"["2"]"#);
    let building = chain.vm.execute_tx(&block(3), &tx("b", Action::call("counter", "add", r#"["40"]"#))).unwrap();
    assert_eq!(building.ret, "42");
    let get = |chain: &Chain| chain.vm.query("counter", "get", "[]", Requester::Local).unwrap().ret;
    assert_eq!(get(&chain), "2");
    let dry_run = chain.vm.validate_tx(&block(4), &tx("v", Action::call("counter", "add", r#"["5"]"#))).unwrap();
    assert_eq!(dry_run.ret, "7");
    chain.vm.commit_block(&block(3), &[building]).unwrap();
    assert_eq!(get(&chain), "42");
}

#[test]
fn validate_keeps_nothing_and_query_cannot_write() {
    let mut chain = Chain::new();
    chain.execute(Action::Deploy(counter()));
    chain.ok("counter", "add", r#"["2"]"#);
    let before = chain.state();

    let receipt = chain.vm.validate_tx(&block(9), &tx("v", Action::call("counter", "add", r#"["5"]"#))).unwrap();
    assert_eq!((receipt.status, receipt.ret.as_str()), (Status::Success, "7"));
    assert_eq!(chain.db.pending_len(), 0, "a dry run keeps nothing");

    assert_eq!(
        chain.vm.query("counter", "signers", "[]", Requester::Local).unwrap().ret,
        r#"["",{}]"#,
        "nobody signs a query"
    );
    let query = chain.vm.query("counter", "get", "[]", Requester::Local).unwrap();
    assert_eq!((query.status, query.ret.as_str()), (Status::Success, "2"));
    assert!(query.gas_used > 0);
    let refused = chain.vm.query("counter", "add", r#"["1"]"#, Requester::Local).unwrap();
    assert_eq!(refused.status, Status::RuntimeError);
    assert!(
        refused.message.starts_with("Error: a read-only call cannot write storage at counter.js:2:"),
        "{}",
        refused.message
    );
    assert_eq!(chain.state(), before);
    assert_eq!(chain.db.pending_len(), 0);
}

#[test]
fn a_block_runs_in_order_each_transaction_seeing_the_last() {
    let db = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default()).unwrap());
    let vm = VmManager::new(Arc::clone(&db), VmConfig::default()).unwrap();
    let txs = vec![
        tx("1", Action::Deploy(counter())),
        tx("2", Action::call("counter", "add", r#"["1"]"#)),
        tx("3", Action::call("counter", "add", r#"[1]"#)), // invalid: not a string
        tx("4", Action::call("counter", "add", r#"["10"]"#)),
    ];
    let receipts = vm.execute_block(&block(1), txs).unwrap();
    let outcome: Vec<_> = receipts.iter().map(|r| (r.status, r.ret.as_str())).collect();
    assert_eq!(
        outcome,
        [(Status::Success, ""), (Status::Success, "1"), (Status::InvalidArgs, ""), (Status::Success, "11")]
    );
    vm.commit_block(&block(1), &receipts).unwrap();
    assert_eq!(vm.query("counter", "get", "[]", Requester::Local).unwrap().ret, "11");
    assert_eq!(vm.metrics().calls, 5);
}

/// Read-only work (queries, estimates, dry runs at the door) waits behind
/// block work and takes at most all workers but one: clients asking
/// questions never hold up a block.
#[test]
fn queries_never_hold_up_block_work() {
    // Queries long enough (tens of milliseconds each) to keep a worker busy.
    let vm = counter_vm(PoolConfig { min_workers: 2, max_workers: 2, ..PoolConfig::default() });
    let answered = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    std::thread::scope(|scope| {
        // Six clients, three long queries each: far more than one worker's worth.
        for _ in 0..6 {
            let (vm, answered) = (Arc::clone(&vm), Arc::clone(&answered));
            scope.spawn(move || {
                for _ in 0..3 {
                    let receipt = vm.query("counter", "spin", r#"["1000"]"#, Requester::Local).unwrap();
                    assert_eq!(receipt.status, Status::Success, "{}", receipt.message);
                    answered.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }
            });
        }
        // A block's transaction, once they queue: the other worker takes it
        // at once, while the queries go one at a time on theirs.
        while vm.metrics().pool.queue_depth == 0 {
            std::thread::yield_now();
        }
        // Queries alone never take the second worker.
        for _ in 0..50 {
            let busy = vm.metrics().pool.busy_workers;
            assert!(busy <= 1, "{busy} workers run queries");
            std::thread::sleep(Duration::from_micros(200));
        }
        let receipt = vm.execute_tx(&block(2), &tx("t", Action::call("counter", "add", r#"["1"]"#))).unwrap();
        assert!(receipt.is_success(), "{}", receipt.message);
        // In one queue it would have waited for at least four (two running,
        // two more taken before it).
        let done = answered.load(std::sync::atomic::Ordering::SeqCst);
        assert!(done <= 2, "the block's transaction waited for the queries ({done} of 18 answered first)");
    });
    assert_eq!(vm.metrics().pool.workers_started, 2);
}

/// A client's read-only work takes one worker at a time, whatever its
/// backlog: another client's query runs on a free worker at once instead of
/// queuing behind it.
#[test]
fn one_client_holds_at_most_one_read_only_worker() {
    // (Long work runs on at most all read-only workers but one: two here.)
    let vm = counter_vm(PoolConfig { min_workers: 4, max_workers: 4, max_read_only: 3, ..PoolConfig::default() });
    let answered = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    std::thread::scope(|scope| {
        for _ in 0..4 {
            let (vm, answered) = (Arc::clone(&vm), Arc::clone(&answered));
            scope.spawn(move || {
                let receipt = vm.query("counter", "spin", r#"["1000"]"#, Requester::Client(1)).unwrap();
                assert_eq!(receipt.status, Status::Success, "{}", receipt.message);
                answered.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            });
        }
        // All four queued or running.
        while vm.metrics().pool.queue_depth + vm.metrics().pool.busy_workers < 4 {
            std::thread::yield_now();
        }
        for _ in 0..50 {
            let busy = vm.metrics().pool.busy_workers;
            assert!(busy <= 1, "one client's queries run on {busy} workers");
            std::thread::sleep(Duration::from_micros(200));
        }
        let other = vm.query("counter", "get", "[]", Requester::Client(2)).unwrap();
        assert_eq!(other.ret, "0");
        let done = answered.load(std::sync::atomic::Ordering::SeqCst);
        assert!(done <= 1, "the other client waited for the first one's backlog ({done} of 4 answered first)");
    });
    assert_eq!(answered.load(std::sync::atomic::Ordering::SeqCst), 4);
}

/// Long read-only work (able to use more than `LONG_READ_ONLY_GAS`) runs on
/// all read-only workers but one, whoever asks: short work, such as a
/// transfer checked at the door, finds the last one free while several
/// clients keep the others busy.
#[test]
fn short_read_only_work_never_waits_behind_long_work() {
    let vm = counter_vm(PoolConfig { min_workers: 3, max_workers: 3, max_read_only: 2, ..PoolConfig::default() });
    let answered = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    std::thread::scope(|scope| {
        // Three clients, a long query each.
        for client in 1..=3 {
            let (vm, answered) = (Arc::clone(&vm), Arc::clone(&answered));
            scope.spawn(move || {
                let receipt = vm.query("counter", "spin", r#"["1000"]"#, Requester::Client(client)).unwrap();
                assert_eq!(receipt.status, Status::Success, "{}", receipt.message);
                answered.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            });
        }
        while vm.metrics().pool.queue_depth + vm.metrics().pool.busy_workers < 3 {
            std::thread::yield_now();
        }
        for _ in 0..50 {
            let busy = vm.metrics().pool.busy_workers;
            assert!(busy <= 1, "long queries run on {busy} workers");
            std::thread::sleep(Duration::from_micros(200));
        }
        // A dry run that may use 100,000 gas is short.
        let short = Transaction::signed_by("alice", "s", 1, 100_000, Action::call("counter", "get", "[]"));
        let state = Arc::new(vm.state().snapshot());
        let receipt = vm.dry_run(&block(2), &short, Requester::Client(4), state).unwrap().execution.receipt;
        assert_eq!(receipt.ret, "0");
        let done = answered.load(std::sync::atomic::Ordering::SeqCst);
        assert!(done <= 1, "the short dry run waited for long queries ({done} of 3 answered first)");
    });
}

/// The read-only workers' time is shared fairly: a client with many short
/// queries is served by time, not one query per long query of another.
#[test]
fn read_only_time_is_shared_fairly_between_clients() {
    let vm = counter_vm(PoolConfig { min_workers: 2, max_workers: 2, ..PoolConfig::default() });
    let (long_done, stop) = (std::sync::atomic::AtomicUsize::new(0), std::sync::atomic::AtomicBool::new(false));
    std::thread::scope(|scope| {
        // Client 1 keeps the one read-only worker busy with long queries.
        for _ in 0..2 {
            scope.spawn(|| {
                while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                    let receipt = vm.query("counter", "spin", r#"["100"]"#, Requester::Client(1)).unwrap();
                    assert_eq!(receipt.status, Status::Success, "{}", receipt.message);
                    long_done.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }
            });
        }
        while long_done.load(std::sync::atomic::Ordering::SeqCst) == 0 {
            std::thread::yield_now();
        }
        // Client 2 asks from four threads, so that it mostly has a query
        // waiting when the worker is free (a client waiting on each answer
        // lets the other in every time it has nothing queued). Without the
        // fair share by time, it waits for about one long query per two
        // short ones (45-55 here); with it, for far fewer.
        let before = long_done.load(std::sync::atomic::Ordering::SeqCst);
        std::thread::scope(|short| {
            for _ in 0..4 {
                short.spawn(|| {
                    for _ in 0..25 {
                        assert_eq!(vm.query("counter", "get", "[]", Requester::Client(2)).unwrap().ret, "0");
                    }
                });
            }
        });
        let meanwhile = long_done.load(std::sync::atomic::Ordering::SeqCst) - before;
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        assert!(meanwhile <= 30, "client 2's 100 short queries waited for {meanwhile} long ones");
    });
}

/// Clients that come once each, from ever new addresses, cannot keep a
/// returning client waiting: a newcomer joins behind every client waiting
/// or running, so the client being served in turn is not cut in on.
#[test]
fn new_clients_join_behind_those_already_asking() {
    let vm = counter_vm(PoolConfig { min_workers: 2, max_workers: 2, ..PoolConfig::default() });
    // Client 2 asks short queries, one at a time, so each waits for the
    // long query running when it comes (about 20 in all). With newcomers
    // put at the level of the last one started, it was served only when
    // none waited (it starved); at the back of the round with no more,
    // after every one waiting (70-80).
    let meanwhile = long_queries_while_a_client_asks(&vm, 1000);
    assert!(meanwhile <= 40, "client 2's 20 short queries waited for {meanwhile} long ones");
}

/// Four threads each ask for a long query at a time, each from a client
/// not used before (counting from `first`, at most 200 in all), while
/// client 2 asks 20 short queries one at a time: how many long ones ended
/// meanwhile.
fn long_queries_while_a_client_asks(vm: &VmManager<MemoryBackend>, first: u64) -> usize {
    use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering::SeqCst};
    let (long_done, stop, next_client) = (AtomicUsize::new(0), AtomicBool::new(false), AtomicU64::new(first));
    std::thread::scope(|scope| {
        for _ in 0..4 {
            // (At most 200, so that a starved client 2 fails the test rather
            // than hanging it.)
            scope.spawn(|| {
                while !stop.load(SeqCst) && long_done.load(SeqCst) < 200 {
                    let client = Requester::Client(next_client.fetch_add(1, SeqCst));
                    let receipt = vm.query("counter", "spin", r#"["100"]"#, client).unwrap();
                    assert_eq!(receipt.status, Status::Success, "{}", receipt.message);
                    long_done.fetch_add(1, SeqCst);
                }
            });
        }
        while long_done.load(SeqCst) == 0 {
            std::thread::yield_now();
        }
        let before = long_done.load(SeqCst);
        for _ in 0..20 {
            assert_eq!(vm.query("counter", "get", "[]", Requester::Client(2)).unwrap().ret, "0");
        }
        let meanwhile = long_done.load(SeqCst) - before;
        stop.store(true, SeqCst);
        meanwhile
    })
}

#[test]
fn the_pool_grows_under_load_and_shrinks_when_idle() {
    let db = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default()).unwrap());
    let pool = PoolConfig {
        min_workers: 1,
        max_workers: 3,
        grow_after: Duration::from_micros(200),
        idle_timeout: Duration::from_millis(300),
        // Queries may use every worker here (by default, all but one).
        max_read_only: 3,
        sandbox: SandboxOptions::default(),
    };
    let vm = Arc::new(VmManager::new(Arc::clone(&db), VmConfig { pool, ..VmConfig::default() }).unwrap());
    let deployed = vm.execute_tx(&block(1), &tx("d", Action::Deploy(counter()))).unwrap();
    assert!(deployed.is_success(), "{}", deployed.message);
    vm.commit_block(&block(1), &[deployed]).unwrap();
    assert_eq!(vm.metrics().pool.workers, 1);

    // Four clients keep one worker busy: requests wait, and the pool grows.
    // (Rounds of them until it has, at most 10: on a loaded machine the
    // clients may be too slow to make requests wait in a round.)
    for _ in 0..10 {
        std::thread::scope(|scope| {
            for _ in 0..4 {
                let vm = Arc::clone(&vm);
                scope.spawn(move || {
                    for _ in 0..10 {
                        let receipt = vm.query("counter", "spin", r#"["40"]"#, Requester::Local).unwrap();
                        assert_eq!(receipt.status, Status::Success, "{}", receipt.message);
                    }
                });
            }
        });
        if vm.metrics().pool.workers_started == 3 {
            break;
        }
    }
    // A worker may already have retired if the clients finished far apart
    // (a loaded machine), so count the workers started, not those left.
    let busy = vm.metrics();
    assert_eq!(busy.pool.workers_started, 3, "{busy:?}");
    assert_eq!(busy.pool.workers as u64 + busy.pool.workers_retired, 3, "{busy:?}");
    assert!(busy.pool.cold_loads >= 3, "each new worker loaded the contract: {busy:?}");
    assert_eq!(busy.pool.compiled_from_source, 1, "from the node's code cache after the first: {busy:?}");
    assert_eq!(busy.pool.queue_depth, 0);

    // Idle: back to the minimum.
    let start = Instant::now();
    while vm.metrics().pool.workers > 1 && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let idle = vm.metrics();
    assert_eq!((idle.pool.workers, idle.pool.workers_retired), (1, 2), "{idle:?}");
    assert_eq!(
        vm.query("counter", "get", "[]", Requester::Local).unwrap().ret,
        "0",
        "the remaining worker still serves"
    );
}

#[test]
fn the_owner_updates_code_and_storage_stays() {
    let mut chain = Chain::new();
    chain.execute(Action::Deploy(counter()));
    chain.ok("counter", "add", r#"["5"]"#);
    let doubled = "class Counter { init() { storage.put('n', 'init ran again'); }\n\
                   get() { return 'v2: ' + storage.get('n'); } }\nmodule.exports = Counter;";
    let v2 = Arc::new(Contract::from_source("counter", "counter.js", doubled, None).unwrap());

    chain.publisher = "mallory".into();
    let refused = chain.execute(Action::Update { contract: Arc::clone(&v2), data: String::new() }).0;
    assert_eq!(refused.status, Status::RuntimeError);
    assert_eq!(
        refused.message,
        "only the owner of contract 'counter' (admin) may update it, not mallory \
         (a contract with a can_update(data) method decides for itself)"
    );
    assert_eq!(chain.ok("counter", "get", "[]"), "5");

    chain.publisher = "admin".into();
    assert!(chain.execute(Action::Update { contract: v2, data: String::new() }).0.is_success());
    assert_eq!(chain.ok("counter", "get", "[]"), "v2: 5", "new code, old storage, no init");
    assert_eq!(chain.call("counter", "add", r#"["1"]"#).status, Status::NotFound, "the old method is gone");
}

#[test]
fn a_contract_with_can_update_decides_its_updates() {
    let mut chain = Chain::new();
    let v1 = "class Gated { init() {}\n\
              can_update(data) { return blockchain.requireAuth('council', 'active') && data === 'v2'; }\n\
              version() { return 1; } }\nmodule.exports = Gated;";
    assert!(chain.deploy_source("gated", "gated.js", v1, None).is_success());
    let v2 = Arc::new(
        Contract::from_source("gated", "gated.js", v1.replace("return 1", "return 2").as_str(), None).unwrap(),
    );
    let update = |data: &str| Action::Update { contract: Arc::clone(&v2), data: data.into() };

    // The owner alone no longer suffices: the contract decides.
    let refused = chain.execute(update("v2")).0;
    assert_eq!(refused.status, Status::RuntimeError);
    assert_eq!(refused.message, "contract 'gated' refused the update: can_update returned false");
    assert!(refused.gas_used > 0, "can_update ran, and is paid for");
    chain.publisher = "council".into();
    assert_eq!(chain.execute(update("v3")).0.message, "contract 'gated' refused the update: can_update returned false");
    assert_eq!(chain.ok("gated", "version", "[]"), "1");
    assert!(chain.execute(update("v2")).0.is_success());
    assert_eq!(chain.ok("gated", "version", "[]"), "2");
}
