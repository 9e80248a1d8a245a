//! The soak test: hostile fixtures and normal transactions (token
//! transfers, greetings, balance queries) mixed, from several client
//! threads, over a VmManager with a pool of 2 to 3 workers.
//!
//! Every normal transaction must succeed with its expected result, every
//! hostile one must keep the status, message and gas of its `.out` file
//! (and, when committed, leave state as it was), the process's resident
//! memory between rounds must stay under [`RSS_HEADROOM`] above its level
//! after a warm-up, and the pool must have replaced at least as many
//! sandboxes as the hostile transactions caused terminations.
//!
//! `V8VM_SOAK_TXS` sets the number of transactions after the warm-up
//! (default [`DEFAULT_TXS`]); for a long run:
//! `V8VM_SOAK_TXS=100000 cargo test --release -p v8vm-runtime --test soak -- --nocapture`.
//! See docs/hostile.md.

#[allow(dead_code)] // shared with the hostile suite, which uses all of it
#[path = "../hostile/fixtures.rs"]
mod fixtures;

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use v8vm_runtime::{Action, Contract, Receipt, Requester, Status, VmManager, DEFAULT_GAS_LIMIT};
use v8vm_state::MemoryBackend;

use fixtures::{terminated, Chain, Fixture, Gas, Settings};

/// Transactions after the warm-up when `V8VM_SOAK_TXS` is not set.
const DEFAULT_TXS: usize = 3000;
/// The measured run is split in this many rounds.
const ROUNDS: usize = 10;
/// Client threads sending transactions.
const CLIENTS: usize = 3;
/// Workers the pool keeps, and may grow to.
const MIN_WORKERS: usize = 2;
const MAX_WORKERS: usize = 3;
/// The VM's limits: those of most fixtures (see their `.out` files); the
/// soak runs the fixtures that need no others.
const SETTINGS: Settings = Settings { heap_limit_mb: 64, timeout_ms: 20_000 };
/// How far resident memory may grow above its level after the warm-up,
/// measured between rounds (when no call is running). Measured on a 2-core
/// machine (debug build, 1,500 to 3,000 transactions): 100-130 MiB after the
/// warm-up, at most 60 MiB more between rounds, with transient peaks of 400-650 MiB
/// while several workers run memory bombs at once. A sandbox leaked per
/// terminated call (tens of MiB each, about sixty terminations per 1,000
/// transactions) would cross it within a few rounds.
const RSS_HEADROOM: u64 = 300 << 20;
/// The normal contracts: the examples.
const TOKEN: &str = include_str!("../../../../examples/token.js");
const TOKEN_ABI: &str = include_str!("../../../../examples/token.abi");
const HELLO: &str = include_str!("../../../../examples/hello.js");

/// A hostile fixture the soak runs.
struct Hostile {
    fixture: Fixture,
    contract: Arc<Contract>,
}

impl Hostile {
    fn action(&self) -> Action {
        match self.fixture.expected.action.as_str() {
            "deploy" => Action::Deploy(Arc::clone(&self.contract)),
            _ => Action::call(&self.fixture.name, &self.fixture.expected.method, &self.fixture.args()),
        }
    }

    /// Panics unless `receipt` ended as the fixture's `.out` file says.
    fn check(&self, receipt: &Receipt) {
        let expected = &self.fixture.expected;
        let gas = match expected.gas {
            Gas::Exact(gas) => gas,
            Gas::Limit(_) => expected.gas_limit,
        };
        let message_ok = if expected.message_prefix {
            receipt.message.starts_with(&expected.message)
        } else {
            receipt.message == expected.message
        };
        let ret_ok = expected.ret.as_ref().is_none_or(|ret| *ret == receipt.ret);
        assert!(
            receipt.status.as_str() == expected.status && message_ok && receipt.gas_used == gas && ret_ok,
            "{}: {} {:?} gas {} return {:?}, expected {} {:?} gas {gas}",
            self.fixture.name,
            receipt.status.as_str(),
            receipt.message,
            receipt.gas_used,
            receipt.ret,
            expected.status,
            expected.message
        );
    }
}

/// What the clients share.
struct Soak {
    /// Transactions that change state run and commit one at a time, in
    /// blocks of their own.
    chain: Mutex<Chain>,
    /// The same VM, for dry runs and queries in parallel with them.
    vm: Arc<VmManager<MemoryBackend>>,
    hostile: Vec<Hostile>,
    /// Transactions started so far.
    sent: AtomicUsize,
    /// Hostile transactions that were terminated, and all hostile ones.
    terminations: AtomicU64,
    hostile_runs: AtomicU64,
    normal_runs: AtomicU64,
    /// The highest resident memory seen after the warm-up.
    peak_rss: AtomicU64,
}

impl Soak {
    fn chain(&self) -> MutexGuard<'_, Chain> {
        self.chain.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs hostile fixture `i`: as a committed transaction (state must not
    /// change), or as a dry run alongside the other clients' work.
    fn hostile(&self, i: usize, committed: bool) {
        let hostile = &self.hostile[i];
        let gas_limit = hostile.fixture.expected.gas_limit;
        let receipt = if committed {
            let mut chain = self.chain();
            let before = chain.state();
            let receipt = chain.execute(hostile.action(), gas_limit);
            assert!(chain.state() == before, "{} changed state", hostile.fixture.name);
            receipt
        } else {
            let (block, tx) = self.chain().upcoming(hostile.action(), gas_limit);
            self.vm.validate_tx(&block, &tx).expect("the VM runs")
        };
        hostile.check(&receipt);
        if terminated(receipt.status) {
            self.terminations.fetch_add(1, Ordering::Relaxed);
        }
        self.hostile_runs.fetch_add(1, Ordering::Relaxed);
    }

    /// Client `client`'s `n`-th normal transaction: a transfer to its own
    /// account, a greeting, or a query of its balance (which only its own
    /// transfers change).
    fn normal(&self, client: usize, n: u64, transfers: &mut u64) {
        let account = format!("client{client}");
        match n % 3 {
            0 => {
                let args = format!(r#"["admin", "{account}", "1"]"#);
                let receipt = self.chain().call("token", "transfer", &args, DEFAULT_GAS_LIMIT);
                assert_eq!(receipt.status, Status::Success, "transfer: {}", receipt.message);
                assert_eq!(receipt.receipts.len(), 1, "the transfer's receipt");
                *transfers += 1;
            }
            1 => {
                let args = format!(r#"["{account}"]"#);
                let receipt = self.chain().call("hello", "hello", &args, DEFAULT_GAS_LIMIT);
                assert_eq!(
                    (receipt.status, receipt.ret.as_str()),
                    (Status::Success, format!("hello, {account}").as_str())
                );
            }
            _ => {
                let receipt = self
                    .vm
                    .query("token", "balanceOf", &format!(r#"["{account}"]"#), Requester::Local)
                    .expect("the VM runs");
                assert_eq!(
                    (receipt.status, receipt.ret),
                    (Status::Success, transfers.to_string()),
                    "{account}'s balance"
                );
            }
        }
        self.normal_runs.fetch_add(1, Ordering::Relaxed);
    }

    /// A client: until `total` transactions were started, one hostile
    /// transaction for every three normal ones, in an order of its own.
    fn client(&self, client: usize, total: usize) {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64 ^ (client as u64 + 1);
        let balance = self
            .vm
            .query("token", "balanceOf", &format!(r#"["client{client}"]"#), Requester::Local)
            .expect("the VM runs");
        let mut transfers: u64 = balance.ret.parse().expect("a balance");
        let mut n = 0;
        while self.sent.fetch_add(1, Ordering::Relaxed) < total {
            // xorshift: a fixed, varied order without a dependency.
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            if seed.is_multiple_of(4) {
                let i = (seed >> 8) as usize % self.hostile.len();
                self.hostile(i, (seed >> 4).is_multiple_of(2));
            } else {
                self.normal(client, n, &mut transfers);
                n += 1;
            }
            // Transient peaks (three workers filling their heaps at once)
            // are reported; the bound applies between rounds.
            self.peak_rss.fetch_max(self.vm.metrics().resident_bytes, Ordering::Relaxed);
        }
    }

    /// Runs `total` transactions from [`CLIENTS`] threads.
    fn run(&self, total: usize) {
        self.sent.store(0, Ordering::Relaxed);
        std::thread::scope(|scope| {
            for client in 0..CLIENTS {
                scope.spawn(move || self.client(client, total));
            }
        });
    }
}

/// The fixtures that run under [`SETTINGS`] (compile errors never run).
fn hostile_fixtures(chain: &mut Chain) -> Vec<Hostile> {
    let mut hostile = Vec::new();
    for fixture in Fixture::all() {
        if fixture.settings() != SETTINGS || fixture.expected.status == "compile_error" {
            continue;
        }
        for stem in &fixture.expected.setup {
            chain.deploy(fixture.contract(stem).expect("a setup contract compiles"));
        }
        let contract = fixture.contract(&fixture.name).expect("the fixture compiles");
        if fixture.expected.action == "call" {
            chain.deploy(Arc::clone(&contract));
        }
        hostile.push(Hostile { fixture, contract });
    }
    hostile
}

#[test]
fn hostile_and_normal_transactions_mixed_from_several_clients() {
    let total: usize =
        std::env::var("V8VM_SOAK_TXS").map_or(DEFAULT_TXS, |n| n.parse().expect("V8VM_SOAK_TXS is a number"));
    let started = Instant::now();
    let mut chain = Chain::new(SETTINGS, MIN_WORKERS, MAX_WORKERS);
    let token = Contract::from_source("token", "token.js", TOKEN, Some(v8vm_runtime::Abi::parse(TOKEN_ABI).unwrap()));
    chain.deploy(Arc::new(token.expect("the token compiles")));
    chain.deploy(Arc::new(Contract::from_source("hello", "hello.js", HELLO, None).expect("hello compiles")));
    let hostile = hostile_fixtures(&mut chain);
    assert!(hostile.len() >= 40, "only {} hostile fixtures run in the soak", hostile.len());
    let vm = Arc::clone(&chain.vm);
    let soak = Soak {
        chain: Mutex::new(chain),
        vm: Arc::clone(&vm),
        hostile,
        sent: AtomicUsize::new(0),
        terminations: AtomicU64::new(0),
        hostile_runs: AtomicU64::new(0),
        normal_runs: AtomicU64::new(0),
        peak_rss: AtomicU64::new(0),
    };

    // Warm-up: every hostile fixture once on a committed transaction, then
    // a mixed run, so that every worker has met every contract and the
    // allocator has grown its arenas.
    for i in 0..soak.hostile.len() {
        soak.hostile(i, true);
    }
    soak.run(soak.hostile.len() * 2);
    let warm = vm.metrics();
    soak.peak_rss.store(warm.resident_bytes, Ordering::Relaxed);
    let warm_up = started.elapsed();

    // In rounds: between two, no call is running, and resident memory must
    // be back under the bound (a leak would keep it growing).
    let measured = Instant::now();
    let mut settled = Vec::new();
    for round in 0..ROUNDS {
        soak.run(total * (round + 1) / ROUNDS - total * round / ROUNDS);
        let rss = vm.metrics().resident_bytes;
        settled.push(rss >> 20);
        assert!(
            rss <= warm.resident_bytes + RSS_HEADROOM,
            "resident memory {} MiB after round {round}, over {} MiB after the warm-up + {} MiB",
            rss >> 20,
            warm.resident_bytes >> 20,
            RSS_HEADROOM >> 20
        );
    }
    let duration = measured.elapsed();

    let end = vm.metrics();
    let terminations = soak.terminations.load(Ordering::Relaxed);
    eprintln!(
        "soak: {total} transactions in {duration:.1?} after a {warm_up:.1?} warm-up, {} hostile and {} normal in all; \
         resident memory {} MiB after the warm-up, {settled:?} MiB between rounds (bound: +{} MiB), peak {} MiB; \
         {} terminations, {} recycled isolates; workers {} now, {} started, {} retired; {} cold loads; {} calls",
        soak.hostile_runs.load(Ordering::Relaxed),
        soak.normal_runs.load(Ordering::Relaxed),
        warm.resident_bytes >> 20,
        RSS_HEADROOM >> 20,
        soak.peak_rss.load(Ordering::Relaxed) >> 20,
        terminations,
        end.pool.recycled_isolates,
        end.pool.workers,
        end.pool.workers_started,
        end.pool.workers_retired,
        end.pool.cold_loads,
        end.calls,
    );
    assert!(terminations > 0, "the hostile transactions include terminations");
    assert!(
        end.pool.recycled_isolates >= terminations,
        "{} isolates recycled for {terminations} terminations",
        end.pool.recycled_isolates
    );
}
