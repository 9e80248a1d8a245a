//! The VM's costs: isolates, LoadVM from the snapshot, new workers, new
//! contracts, warm calls, token transfers through the VMManager against a
//! bare V8 baseline, parallel queries, deadlines.

use std::sync::Arc;
use std::time::{Duration, Instant};

use v8vm_engine::{Isolate, IsolateOptions, JsValue};
use v8vm_runtime::{
    Action, BlockInfo, CodeStore, Contract, PoolConfig, Requester, Sandbox, SandboxOptions, Status, Transaction,
    VmConfig, VmManager,
};
use v8vm_state::{MemoryBackend, StateDb, StateOptions};

use super::{median, micros, ratio, sample, Ledger, Row};

const HELLO: &str = include_str!("../../../../../examples/hello.js");
pub(super) const TOKEN: &str = include_str!("../../../../../examples/token.js");
pub(super) const TOKEN_ABI: &str = include_str!("../../../../../examples/token.abi");
const LOOPS: &str = include_str!("../../../../runtime/tests/hostile/loops.js");
const FOMO3D: &str = include_str!("../../../../../examples/fomo3d.js");

/// The token transfer of `examples/token.js` as plain JS over a `Map`, run in
/// a bare V8 context: what V8 itself costs, with no sandbox around it.
const BARE_TRANSFER: &str = r#"
const balances = new Map([['admin', 1000000n]]);
return function transfer(from, to, amount) {
  const value = BigInt(amount);
  const available = balances.get(from) ?? 0n;
  if (available < value) throw new Error('insufficient balance');
  balances.set(from, available - value);
  balances.set(to, (balances.get(to) ?? 0n) + value);
  return JSON.stringify({ from, to, amount: value.toString() });
};
"#;

pub(super) fn rows(scale: usize) -> anyhow::Result<Vec<Row>> {
    let mut rows = Vec::new();
    engine_rows(scale, &mut rows);
    sandbox_rows(scale, &mut rows)?;
    transfer_rows(scale, &mut rows)?;
    host_call_rows(scale, &mut rows)?;
    hot_contract_rows(scale, &mut rows)?;
    query_rows(scale, &mut rows)?;
    deadline_row(scale, &mut rows)?;
    Ok(rows)
}

fn engine_rows(scale: usize, rows: &mut Vec<Row>) {
    let isolate_new = median(&sample(60 / scale + 3, || {
        let start = Instant::now();
        let isolate = Isolate::new(&IsolateOptions::default());
        let elapsed = start.elapsed();
        drop(isolate);
        elapsed
    }));
    rows.push(Row {
        vs: None,
        name: "isolate creation",
        value: micros(isolate_new),
        note: "bare isolate, no snapshot".into(),
    });

    let isolate = Isolate::new(&IsolateOptions::default());
    let context_new = median(&sample(300 / scale, || {
        let start = Instant::now();
        let context = isolate.new_context();
        let elapsed = start.elapsed();
        drop(context);
        elapsed
    }));
    rows.push(Row { vs: None, name: "context creation", value: micros(context_new), note: "bare V8 context".into() });
}

fn sandbox_rows(scale: usize, rows: &mut Vec<Row>) -> anyhow::Result<()> {
    drop(Sandbox::new(&SandboxOptions::default())?); // makes the process's snapshot
    let load_vm = median(&sample(30 / scale + 3, || {
        let start = Instant::now();
        let sandbox = Sandbox::new(&SandboxOptions::default()).expect("sandbox loads");
        let elapsed = start.elapsed();
        drop(sandbox);
        elapsed
    }));
    rows.push(Row {
        vs: None,
        name: "LoadVM (sandbox creation)",
        value: micros(load_vm),
        note: "isolate + context from the class libraries' startup snapshot + host functions".into(),
    });

    // A new worker's first call: the contract is deployed and this node has
    // its code cache; the sandbox is new.
    let store = Arc::new(CodeStore::default());
    let options = SandboxOptions { code_store: Arc::clone(&store), ..SandboxOptions::default() };
    let mut ledger = Ledger::default();
    let mut sandbox = Sandbox::new(&options)?;
    let hello = Arc::new(Contract::from_source("hello", "hello.js", HELLO, None)?);
    ledger.execute(Action::Deploy(hello), |r| sandbox.execute(&r));
    let hello_call = || Action::call("hello", "hello", r#"["bench"]"#);
    ledger.execute(hello_call(), |r| sandbox.execute(&r));
    let first_call = median(&sample(30 / scale + 3, || {
        let start = Instant::now();
        let mut fresh = Sandbox::new(&options).expect("sandbox loads");
        ledger.execute(hello_call(), |r| fresh.execute(&r));
        start.elapsed()
    }));
    rows.push(Row {
        vs: None,
        name: "new worker: time to first call",
        value: micros(first_call),
        note: "LoadVM + loading hello.js from the code cache + the call".into(),
    });

    for (name, lines) in [
        ("first call of a new 50 KB contract on a worker (small methods)", 1),
        ("first call of a new 50 KB contract on a worker (larger methods)", 10),
    ] {
        let (with_cache, from_source, bytes, methods) = new_contract_first_call(scale, lines)?;
        rows.push(Row {
            vs: Some(("compiled from source", ratio(with_cache, from_source))),
            name,
            value: micros(with_cache),
            note: format!(
                "{methods} methods, {} KB bundle, from this node's code cache; {} reading it from state and \
                 compiling ({:.1}x)",
                bytes / 1024,
                micros(from_source),
                ratio(from_source, with_cache)
            ),
        });
    }

    let warm = median(&sample(3000 / scale, || {
        let start = Instant::now();
        ledger.execute(hello_call(), |r| sandbox.execute(&r));
        start.elapsed()
    }));
    rows.push(Row {
        vs: None,
        name: "warm hello call",
        value: micros(warm),
        note: "Sandbox on the calling thread, state applied".into(),
    });
    Ok(())
}

/// A contract of about 50 KB, one of whose methods is called: `lines`
/// statements per method (1: ~300 small methods; 10: ~55 larger ones).
pub(super) fn big_contract(lines: usize) -> String {
    let mut source = String::from("class Big {\n  init() {}\n");
    let mut i = 0;
    while source.len() < 50 * 1024 {
        source.push_str(&format!("  m{i}(a) {{\n    let s = 0;\n"));
        for line in 0..lines {
            source.push_str(&format!(
                "    for (let k = 0; k < Number(a); k++) {{ s += k * {line} + {i}; }}\n    if (s > {line}) {{ s -= 1; }}\n"
            ));
        }
        source.push_str(&format!("    storage.put('k{i}', String(s));\n    return s;\n  }}\n"));
        i += 1;
    }
    source.push_str("}\nmodule.exports = Big;\n");
    source
}

/// Time of the first call of a 50 KB contract on a sandbox that has never
/// seen it: with this node's code cache, and compiling from source. Returns
/// both, the bundle size and the number of methods.
fn new_contract_first_call(scale: usize, lines: usize) -> anyhow::Result<(Duration, Duration, usize, usize)> {
    let source = big_contract(lines);
    let methods = source.matches("  m").count();
    let big = Arc::new(Contract::from_source("big", "big.js", &source, None)?);
    let bytes = big.artifact.bundle.len();
    let store = Arc::new(CodeStore::default());
    let options = SandboxOptions { code_store: Arc::clone(&store), ..SandboxOptions::default() };
    let mut ledger = Ledger::default();
    let mut sandbox = Sandbox::new(&options)?;
    ledger.execute(Action::Deploy(big), |r| sandbox.execute(&r));
    let call = || Action::call("big", "m7", r#"["10"]"#);
    ledger.execute(call(), |r| sandbox.execute(&r)); // the node now has the code cache
    let with_cache = median(&sample(20 / scale + 3, || {
        let mut fresh = Sandbox::new(&options).expect("sandbox loads");
        let start = Instant::now();
        ledger.execute(call(), |r| fresh.execute(&r));
        start.elapsed()
    }));
    // An empty store each time: the code is read from state and compiled.
    let from_source = median(&sample(20 / scale + 3, || {
        let cold = SandboxOptions { code_store: Arc::new(CodeStore::default()), ..SandboxOptions::default() };
        let mut fresh = Sandbox::new(&cold).expect("sandbox loads");
        let start = Instant::now();
        ledger.execute(call(), |r| fresh.execute(&r));
        start.elapsed()
    }));
    Ok((with_cache, from_source, bytes, methods))
}

pub(super) fn token_vm(workers: usize) -> anyhow::Result<(VmManager<MemoryBackend>, BlockInfo)> {
    let abi = v8vm_runtime::Abi::parse(TOKEN_ABI)?;
    deployed_vm(workers, Contract::from_source("token", "token.js", TOKEN, Some(abi))?)
}

/// A VM over in-memory state with `workers` workers and `contract` deployed
/// by admin in block 1.
fn deployed_vm(workers: usize, contract: Contract) -> anyhow::Result<(VmManager<MemoryBackend>, BlockInfo)> {
    let db = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default())?);
    let pool = PoolConfig { min_workers: workers, max_workers: workers, ..PoolConfig::default() };
    let vm = VmManager::new(db, VmConfig { pool, ..VmConfig::default() })?;
    let name = contract.name.clone();
    let block = BlockInfo { number: 1, parent_hash: String::new(), witness: "bench".into(), time: 1 };
    let deploy = Action::Deploy(Arc::new(contract));
    let receipt = vm.execute_tx(&block, &Transaction::signed_by("admin", "deploy", 1, 10_000_000, deploy))?;
    anyhow::ensure!(receipt.is_success(), "{name} deploys: {}", receipt.message);
    vm.commit_block(&block, &[receipt])?;
    Ok((vm, block))
}

pub(super) fn transfer(i: usize) -> Transaction {
    let to = if i.is_multiple_of(2) { "bob" } else { "carol" };
    let action = Action::call("token", "transfer", &format!(r#"["admin","{to}","1"]"#));
    Transaction::signed_by("admin", &format!("t{i}"), 1, 1_000_000, action)
}

/// The reference case of the design: one game contract every transaction
/// calls, 100k buys in blocks of 1000 on one worker.
fn hot_contract_rows(scale: usize, rows: &mut Vec<Row>) -> anyhow::Result<()> {
    let (vm, mut block) = deployed_vm(1, Contract::from_source("fomo3d", "fomo3d.js", FOMO3D, None)?)?;
    let players = ["alice", "bob", "carol", "dave", "erin"];
    let blocks = 100 / scale;
    let mut rates = Vec::new();
    let mut resident = Vec::new();
    for b in 0..blocks {
        block.number += 1;
        let txs: Vec<Transaction> = (0..1000)
            .map(|i| {
                let player = players[i % players.len()];
                let action = Action::call("fomo3d", "buy", &format!(r#"["{player}","1"]"#));
                Transaction::signed_by(player, &format!("{b}-{i}"), 1, 1_000_000, action)
            })
            .collect();
        let start = Instant::now();
        let receipts = vm.execute_block(&block, txs)?;
        rates.push(1000.0 / start.elapsed().as_secs_f64());
        anyhow::ensure!(receipts.iter().all(|r| r.is_success()), "buys succeed");
        // Commit the state only: stored receipts (~350 bytes a buy) would
        // grow the in-memory database, and that is data, not the VM.
        vm.state().commit_block(block.number, b"", b"")?;
        resident.push(vm.metrics().resident_bytes >> 20);
    }
    let tenth = (blocks / 10).max(1);
    let first: f64 = rates[..tenth].iter().sum::<f64>() / tenth as f64;
    let last: f64 = rates[rates.len() - tenth..].iter().sum::<f64>() / tenth as f64;
    rows.push(Row {
        vs: Some(("the first tenth's rate", last / first)),
        name: "hot contract: Fomo3D buys, last 10% vs first 10%",
        value: format!("{:.2}x", last / first),
        note: format!(
            "{}k buys in blocks of 1000 on one worker: {first:.0}/s in the first tenth, {last:.0}/s in the last; \
             resident memory {} MiB after the first tenth, {} MiB at the end",
            blocks,
            resident[tenth - 1],
            resident[resident.len() - 1]
        ),
    });
    Ok(())
}

/// The median time per transaction of calling `run() { <body> }` of a
/// contract that requires `storage` and `blockchain`, in blocks as
/// [`in_blocks`] makes them.
fn run_time(body: &str, blocks: usize) -> anyhow::Result<Duration> {
    let source = format!(
        "const storage = require('storage');\nconst blockchain = require('blockchain');\n\
         class Run {{ init() {{}} run() {{ {body} }} }}\nmodule.exports = Run;"
    );
    let (vm, mut block) = deployed_vm(1, Contract::from_source("run", "run.js", &source, None)?)?;
    in_blocks(&vm, &mut block, blocks, |i| {
        Transaction::signed_by("admin", &format!("r{i}"), 1, 1_000_000, Action::call("run", "run", "[]"))
    })
}

/// What one call of a class-library function costs: a method making
/// `CALLS` of them, less one running the same empty loop, over `CALLS` (many
/// calls, so that the difference stands well above the noise).
fn host_call_rows(scale: usize, rows: &mut Vec<Row>) -> anyhow::Result<()> {
    const FUNCTIONS: [(&str, &str); 5] = [
        ("one call: storage.mapGet", "storage.mapGet('balances', 'admin')"),
        ("one call: storage.mapPut", "storage.mapPut('balances', 'admin', '999999')"),
        ("one call: blockchain.requireAuth", "blockchain.requireAuth('admin', 'active')"),
        ("one call: blockchain.receipt", "blockchain.receipt('{\"from\":\"admin\",\"to\":\"bob\",\"amount\":\"1\"}')"),
        ("one call: JSON.stringify (metered)", "JSON.stringify({ from: 'admin', to: 'bob', amount: '1' })"),
    ];
    let blocks = (10 / scale).max(3);
    const CALLS: u32 = 50;
    let empty_loop = run_time(&format!("for (let i = 0; i < {CALLS}; i++) {{}}"), blocks)?;
    for (name, call) in FUNCTIONS {
        let many = run_time(&format!("for (let i = 0; i < {CALLS}; i++) {call};"), blocks)?;
        let each = many.saturating_sub(empty_loop) / CALLS;
        rows.push(Row {
            vs: None,
            name,
            value: format!("{:.2} µs", each.as_secs_f64() * 1e6),
            note: format!(
                "one call, in a method called by {BLOCK_TXS} transactions per block: ({CALLS} calls - an empty loop) / {CALLS}"
            ),
        });
    }
    Ok(())
}

/// Transactions per block in the block benchmarks.
const BLOCK_TXS: usize = 1000;

/// The median time per transaction of `execute_block` over blocks of
/// `BLOCK_TXS` made by `tx` (numbered across blocks), each block committed.
fn in_blocks(
    vm: &VmManager<MemoryBackend>,
    block: &mut BlockInfo,
    blocks: usize,
    tx: impl Fn(usize) -> Transaction,
) -> anyhow::Result<Duration> {
    let mut samples = Vec::new();
    for b in 0..blocks {
        block.number += 1;
        let txs: Vec<Transaction> = (0..BLOCK_TXS).map(|i| tx(b * BLOCK_TXS + i)).collect();
        let start = Instant::now();
        let receipts = vm.execute_block(block, txs)?;
        let elapsed = start.elapsed();
        if let Some(failed) = receipts.iter().find(|r| !r.is_success()) {
            anyhow::bail!("a transaction failed: {}", failed.message);
        }
        vm.commit_block(block, &receipts)?;
        samples.push(elapsed / BLOCK_TXS as u32);
    }
    Ok(median(&samples))
}

fn transfer_rows(scale: usize, rows: &mut Vec<Row>) -> anyhow::Result<()> {
    let blocks = (20 / scale).max(3);
    let empty_call = run_time("", blocks)?;
    let (vm, mut block) = token_vm(1)?;
    let in_block = in_blocks(&vm, &mut block, blocks, transfer)?;

    let mut through_pool = Vec::new();
    block.number += 1;
    for i in 0..(3000 / scale) {
        let tx = transfer(i);
        let start = Instant::now();
        let receipt = vm.execute_tx(&block, &tx)?;
        through_pool.push(start.elapsed());
        anyhow::ensure!(receipt.is_success(), "transfer succeeds: {}", receipt.message);
    }
    let through_pool = median(&through_pool);

    let bare = bare_transfer(scale)?;
    rows.push(Row {
        vs: Some(("bare V8", ratio(in_block, bare))),
        name: "token transfer in a block, one worker",
        value: micros(in_block),
        note: format!(
            "execute_block of {BLOCK_TXS} transfers back to back, in-memory state applied; {:.0} tx/s; \
             {:.1}x the bare V8 baseline",
            1.0 / in_block.as_secs_f64(),
            ratio(in_block, bare)
        ),
    });
    rows.push(Row {
        vs: Some(("a transfer in a block", ratio(empty_call, in_block))),
        name: "empty method call in a block, one worker",
        value: micros(empty_call),
        note: format!(
            "`run() {{}}` called by {BLOCK_TXS} transactions per block as above: the fixed cost of a transaction, \
             {:.0}% of a transfer's time",
            100.0 * ratio(empty_call, in_block)
        ),
    });
    rows.push(Row {
        vs: Some(("in a block", ratio(through_pool, in_block))),
        name: "token transfer through the pool",
        value: micros(through_pool),
        note: format!(
            "one execute_tx per request (thread hop both ways); {:.1}x in a block",
            ratio(through_pool, in_block)
        ),
    });
    rows.push(Row {
        vs: None,
        name: "bare V8 baseline: the same transfer",
        value: micros(bare),
        note: "plain JS over a Map in a bare context, called from Rust; no sandbox, gas or state".into(),
    });
    Ok(())
}

fn bare_transfer(scale: usize) -> anyhow::Result<Duration> {
    let isolate = Isolate::new(&IsolateOptions::default());
    let context = isolate.new_context();
    let setup = context.compile_function(BARE_TRANSFER, "bare.js", &[], None)?;
    let transfer = setup.function.call_for_function(&[])?;
    let calls = 20_000 / scale;
    let samples = sample(9, || {
        let start = Instant::now();
        for i in 0..calls {
            let to = if i.is_multiple_of(2) { "bob" } else { "carol" };
            let args = [JsValue::String("admin".into()), JsValue::String(to.into()), JsValue::String("1".into())];
            transfer.call(&args).expect("bare transfer runs");
        }
        start.elapsed() / calls as u32
    });
    Ok(median(&samples))
}

/// A read-only method with some work in it: 64 storage reads.
const LEDGER: &str = "class Ledger {\n  init() { for (let i = 0; i < 64; i++) storage.mapPut('m', 'k' + i, String(i)); }\n  \
                      total() { let t = 0; for (const k of storage.mapKeys('m')) t += Number(storage.mapGet('m', k)); return t; }\n}\n\
                      module.exports = Ledger;";

fn query_rows(scale: usize, rows: &mut Vec<Row>) -> anyhow::Result<()> {
    let queries = 4000 / scale;
    for (name, contract, method, args) in [
        ("read-only calls, 2 workers vs 1", "token", "balanceOf", r#"["admin"]"#),
        ("read-only calls of 64 reads, 2 workers vs 1", "ledger", "total", "[]"),
    ] {
        let mut per_second = Vec::new();
        for workers in [1, 2] {
            let (vm, token_block) = token_vm(workers)?;
            let block = BlockInfo { number: token_block.number + 1, ..token_block };
            let ledger = Arc::new(Contract::from_source("ledger", "ledger.js", LEDGER, None)?);
            let deploy = Transaction::signed_by("admin", "ledger", 1, 10_000_000, Action::Deploy(ledger));
            let receipt = vm.execute_tx(&block, &deploy)?;
            anyhow::ensure!(receipt.is_success(), "ledger deploys: {}", receipt.message);
            vm.commit_block(&block, &[receipt])?;
            let vm = Arc::new(vm);
            let start = Instant::now();
            std::thread::scope(|scope| {
                for _ in 0..2 {
                    let vm = Arc::clone(&vm);
                    scope.spawn(move || {
                        for _ in 0..queries / 2 {
                            let receipt = vm.query(contract, method, args, Requester::Local).expect("the query runs");
                            assert_eq!(receipt.status, Status::Success, "{}", receipt.message);
                        }
                    });
                }
            });
            per_second.push(queries as f64 / start.elapsed().as_secs_f64());
        }
        rows.push(Row {
            vs: Some(("1 worker", per_second[1] / per_second[0])),
            name,
            value: format!("{:.2}x", per_second[1] / per_second[0]),
            note: format!(
                "{contract}.{method} from 2 client threads: {:.0}/s with 1 worker, {:.0}/s with 2",
                per_second[0], per_second[1]
            ),
        });
    }
    Ok(())
}

fn deadline_row(scale: usize, rows: &mut Vec<Row>) -> anyhow::Result<()> {
    let mut sandbox = Sandbox::new(&SandboxOptions::default())?;
    let mut ledger = Ledger::default();
    let loops = Arc::new(Contract::from_source("loops", "loops.js", LOOPS, None)?);
    ledger.execute(Action::Deploy(loops), |r| sandbox.execute(&r));
    let deadline = Duration::from_millis(50);
    let lateness = median(&sample(40 / scale, || {
        let request = ledger.request(Action::call("loops", "plain", "[]"), deadline);
        let start = Instant::now();
        let execution = sandbox.execute(&request);
        let elapsed = start.elapsed();
        assert_eq!(execution.receipt.status, Status::Timeout);
        elapsed.saturating_sub(deadline)
    }));
    rows.push(Row {
        vs: None,
        name: "`while(true){}` stopped after its deadline",
        value: micros(lateness),
        note: "lateness past a 50 ms deadline".into(),
    });
    Ok(())
}
