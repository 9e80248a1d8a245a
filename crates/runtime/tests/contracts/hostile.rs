//! Hostile contracts: each must end with the right status and a useful
//! message, leave state exactly as it was, and leave the worker able to run
//! the next call.

use std::time::Duration;

use v8vm_runtime::{Receipt, Status};

use crate::tester::Chain;

/// Calls `name.method(args)`, expects `status` with a message containing
/// `message`, unchanged state, and a working `ok()` call right after.
#[track_caller]
fn contained(chain: &mut Chain, name: &str, method: &str, args: &str, status: Status, message: &str) -> Receipt {
    let before = chain.state();
    let receipt = chain.call(name, method, args);
    assert_eq!(receipt.status, status, "{name}.{method}: {}", receipt.message);
    assert!(receipt.message.contains(message), "{name}.{method}: message {:?} lacks {message:?}", receipt.message);
    assert_eq!(chain.state(), before, "{name}.{method} changed state");
    assert!(receipt.receipts.is_empty() && receipt.events.is_empty() && receipt.ret.is_empty());
    let after = chain.call(name, "ok", "[]");
    assert_eq!(after.status, Status::Success, "the next call after {name}.{method}: {}", after.message);
    receipt
}

#[test]
fn infinite_loops_end_as_out_of_gas_with_the_whole_limit_charged() {
    let mut chain = Chain::new();
    chain.gas_limit = 200_000;
    chain.set_timeout(Duration::from_secs(20));
    chain.deploy_file("tests/hostile/loops.js", "loops");
    for method in ["plain", "caught", "inGetter", "inComparator", "inPromiseJob", "inToJSON"] {
        let receipt = contained(
            &mut chain,
            "loops",
            method,
            "[]",
            Status::OutOfGas,
            "out of gas: the call used its whole gas limit of 200000",
        );
        assert_eq!(receipt.gas_used, 200_000, "{method}");
    }
}

#[test]
fn infinite_loops_end_as_timeout_at_their_deadline() {
    let mut chain = Chain::new();
    // With gas to spare, the deadline (the backstop) is what stops them.
    chain.gas_limit = u64::MAX / 2;
    chain.set_timeout(Duration::from_millis(100));
    chain.deploy_file("tests/hostile/loops.js", "loops");
    for method in ["plain", "caught", "inGetter", "inComparator", "inPromiseJob", "inToJSON"] {
        let before = chain.state();
        let (receipt, elapsed) = chain.call_timed("loops", method, "[]");
        assert_eq!(receipt.status, Status::Timeout, "{method}: {}", receipt.message);
        assert_eq!(receipt.message, "execution timed out: the call ran past its 100 ms deadline");
        assert_eq!(chain.state(), before, "{method} changed state");
        // The deadline is a backstop: allow a slow machine plenty of slack,
        // and report the real lateness (the benchmark records it).
        assert!(elapsed >= Duration::from_millis(100), "{method} ended early: {elapsed:?}");
        assert!(elapsed < Duration::from_millis(1100), "{method} ended {elapsed:?} after its start");
        eprintln!("{method}: ended {:?} after its deadline", elapsed - Duration::from_millis(100));
        assert_eq!(chain.ok("loops", "ok", "[]"), "fine");
    }
    // A terminated isolate is not trusted again: each was replaced.
    assert_eq!(chain.vm.metrics().pool.recycled_isolates, 6, "each timed-out isolate was replaced");
    // Exponential backtracking (a back-reference: V8's linear-time engine
    // cannot run it) ends long before the deadline, at the most backtracks
    // one exec may take, charged as the limit grew: the same gas every time.
    let before = chain.state();
    let receipts: Vec<_> = (0..2).map(|_| chain.call_timed("loops", "regexBacktracking", "[]")).collect();
    for (receipt, elapsed) in &receipts {
        assert_eq!(receipt.status, Status::RuntimeError, "{}", receipt.message);
        assert!(
            receipt.message.starts_with(
                "RangeError: RegExp.prototype.exec: the search backtracked more than 1048576 times, the most one exec may"
            ),
            "{}",
            receipt.message
        );
        assert!(*elapsed < Duration::from_millis(100), "it took {elapsed:?}");
    }
    assert_eq!(receipts[0].0.gas_used, receipts[1].0.gas_used);
    assert_eq!(chain.state(), before);
    assert_eq!(chain.ok("loops", "ok", "[]"), "fine");
    // A rejection's reason is described without running its code: its
    // looping toString never runs.
    let receipt = chain.call("loops", "rejectionToString", "[]");
    assert_eq!((receipt.status, receipt.message.as_str()), (Status::RuntimeError, "(in promise) #<Object>"));
    assert_eq!(chain.vm.metrics().pool.recycled_isolates, 6, "nothing was terminated");
}

#[test]
fn memory_bombs_end_as_out_of_memory_or_a_size_limit_and_the_process_lives() {
    let mut chain = Chain::with_heap_limit(64 << 20);
    chain.set_timeout(Duration::from_secs(20));
    // (Each array's 100,000 slots are paid for: 64 MiB of them is ~25M gas.)
    chain.gas_limit = 1_000_000_000;
    chain.deploy_file("tests/hostile/bombs.js", "bombs");
    contained(
        &mut chain,
        "bombs",
        "arrays",
        "[]",
        Status::OutOfMemory,
        "out of memory: the call reached the 64 MiB heap limit",
    );
    // Built-ins refuse sizes over their limits (docs/contract-api.md) before
    // doing the work: catchable RangeErrors.
    contained(
        &mut chain,
        "bombs",
        "stringDoubling",
        "[]",
        Status::RuntimeError,
        "RangeError: String.prototype.split: 1048576 items, over the limit of 524288",
    );
    contained(
        &mut chain,
        "bombs",
        "hugeRepeat",
        "[]",
        Status::RuntimeError,
        "RangeError: String.prototype.repeat: a string of 1073741824 characters, over the limit of 2097152",
    );
    contained(
        &mut chain,
        "bombs",
        "buffers",
        "[]",
        Status::RuntimeError,
        "RangeError: ArrayBuffer: 2097152 items, over the limit of 524288",
    );
    // Only the out-of-memory isolate was terminated and replaced.
    assert_eq!(chain.vm.metrics().pool.recycled_isolates, 1, "each terminated isolate was replaced");
}

#[test]
fn an_uncaught_throw_is_a_runtime_error_located_in_the_contract() {
    let mut chain = Chain::new();
    chain.deploy_file("tests/hostile/throws.js", "throws");
    contained(
        &mut chain,
        "throws",
        "uncaught",
        "[]",
        Status::RuntimeError,
        "Error: boom from the contract at throws.js:9:11",
    );
    assert_eq!(chain.ok("throws", "ok", "[]"), "1", "the write before the throw was discarded");
    contained(
        &mut chain,
        "throws",
        "recurse",
        r#"["0"]"#,
        Status::RuntimeError,
        "RangeError: Maximum call depth exceeded: more than 256 nested function calls at throws.js:12:15",
    );
    // Caught, the limit is reached at the same depth cold and warm (after
    // the JIT has optimized the function, V8's frames are smaller).
    let expected = "255 Maximum call depth exceeded: more than 256 nested function calls";
    for _ in 0..200 {
        assert_eq!(chain.ok("throws", "depthReached", "[]"), expected);
    }
    chain.restart_cold();
    assert_eq!(chain.ok("throws", "depthReached", "[]"), expected);
    contained(
        &mut chain,
        "throws",
        "bigResult",
        "[]",
        Status::RuntimeError,
        "the result is 71680 bytes, over the 65536-byte limit",
    );
    contained(&mut chain, "throws", "asyncMethod", "[]", Status::RuntimeError, "contract methods must be synchronous");
    contained(
        &mut chain,
        "throws",
        "lateThrow",
        "[]",
        Status::RuntimeError,
        "(in promise) TypeError: thrown in a promise job at throws.js:60:13",
    );
}

#[test]
fn host_api_misuse_is_a_clear_error() {
    let mut chain = Chain::new();
    chain.set_timeout(Duration::from_millis(200));
    chain.deploy_file("tests/hostile/throws.js", "throws");
    let cases = [
        ("badValue", "TypeError: storage.put: value must be a string, got number at throws.js:25:13"),
        (
            "badKey",
            r#"Error: invalid storage key "bad-key": use 1-64 bytes of printable ASCII without '-' or '@' at throws.js:29:13"#,
        ),
        ("longKey", "Error: invalid storage field"),
        ("hugeValue", "RangeError: storage value of 65537 bytes is over the 65536-byte limit at throws.js:37:13"),
        ("symbolKey", "TypeError: storage.get: key must be a string, got symbol at throws.js:41:13"),
        ("hostileToString", "TypeError: storage.put: value must be a string, got object"),
        ("proxyValue", "TypeError: storage.put: value must be a string, got object at throws.js:49:13"),
        ("throwingGetter", "Error: getter threw at throws.js:53:"),
    ];
    for (method, message) in cases {
        contained(&mut chain, "throws", method, "[]", Status::RuntimeError, message);
    }
}

#[test]
fn nondeterministic_and_host_globals_are_unavailable() {
    let mut chain = Chain::new();
    chain.deploy_file("tests/hostile/escape.js", "escape");
    let found: serde_json::Value = serde_json::from_str(&chain.ok("escape", "probe", "[]")).unwrap();
    let expected = serde_json::json!({
        "mathRandom": "undefined", "date": "undefined", "intl": "undefined", "weakRef": "undefined",
        "finalizationRegistry": "undefined", "sharedArrayBuffer": "undefined", "atomics": "undefined",
        "webAssembly": "undefined", "eval": "undefined",
        "newFunction": "throws EvalError", "constructorConstructor": "throws EvalError",
        "generatorConstructor": "throws EvalError", "ops": "undefined", "process": "undefined",
        "requireUnknown": "throws Error", "localeCompare": -1, "globalWrite": "throws TypeError",
    });
    assert_eq!(found, expected);
}

#[test]
fn built_ins_cannot_be_polluted_for_later_calls() {
    let mut chain = Chain::new();
    chain.deploy_file("tests/hostile/pollute.js", "pollute");
    assert_eq!(
        chain.ok("pollute", "attack", "[]"),
        "Array.prototype.push: TypeError; Object.prototype.polluted: TypeError; JSON.stringify: TypeError; \
         storage.put: TypeError; String.prototype.toString: TypeError; delete Math.max: TypeError"
    );
    assert_eq!(chain.ok("pollute", "check", "[]"), r#"[2,"undefined","1","function"]"#);
    assert_eq!(chain.ok("pollute", "ownOverrides", "[]"), "MyError point legacy");
    assert_eq!(chain.ok("pollute", "match", "[]"), "sec");
    assert_eq!(chain.ok("pollute", "readLastMatch", "[]"), r#"["undefined","undefined","undefined"]"#);
}

#[test]
fn another_contracts_storage_cannot_be_written() {
    let mut chain = Chain::new();
    chain.deploy_file("../../examples/token.js", "token");
    chain.deploy_file("tests/hostile/intruder.js", "intruder");
    let token_before: Vec<_> = chain.storage_of("token");
    let report = chain.ok("intruder", "steal", r#"["token"]"#);
    assert_eq!(report, r#"{"before":"1000000","attempts":["undefined","undefined","undefined"],"after":"1000000"}"#);
    let token_after: Vec<_> = chain.storage_of("token");
    assert_eq!(token_before, token_after, "the victim's storage is untouched");
    assert_eq!(chain.ok("token", "balanceOf", r#"["admin"]"#), "1000000");
    // The write landed in the intruder's own storage.
    assert_eq!(chain.storage_of("intruder").len(), 1);
}

#[test]
fn work_done_only_while_the_deploy_reads_the_class_is_paid_for() {
    // The class is read in a neutral environment (block 0): a top level
    // that works only then must still pay, or every node does it for free.
    let source = "let x = 0;\n\
                  if (block.number === 0) { for (let i = 0; i < 100000; i++) x = (x * 31 + i) | 0; }\n\
                  module.exports = class { init() {} hi() { return 1; } };";
    let mut chain = Chain::new();
    let receipt = chain.deploy_source("eager", "eager.js", source, None);
    assert_eq!(receipt.status, Status::Success, "{}", receipt.message);
    assert!(receipt.gas_used > 600_000, "the loop at load was charged: {}", receipt.gas_used);
    // Not enough gas for that evaluation: it stops when the transaction's
    // gas is gone (no node works further for free), out of gas, charged in
    // full, nothing deployed.
    let mut chain = Chain::new();
    chain.gas_limit = 100_000;
    let receipt = chain.deploy_source("eager", "eager.js", source, None);
    assert_eq!(
        (receipt.status, receipt.message.as_str(), receipt.gas_used),
        (Status::OutOfGas, "out of gas: the call used its whole gas limit of 100000 at eager.js:2:60", 100_000)
    );
    assert!(chain.state().is_empty());
}

#[test]
fn a_module_that_loops_at_load_runs_out_of_gas_at_deploy() {
    let mut chain = Chain::new();
    chain.gas_limit = 100_000;
    let receipt =
        chain.deploy_source("spin", "spin.js", "while (true) {}\nmodule.exports = class { init() {} };", None);
    assert_eq!(receipt.status, Status::OutOfGas);
    assert_eq!(
        (receipt.message.as_str(), receipt.gas_used),
        ("out of gas: the call used its whole gas limit of 100000 at spin.js:1:15", 100_000),
        "a deploy whose modules were terminated is charged in full"
    );
    assert!(chain.state().is_empty());
    let receipt = chain.deploy_source("noinit", "noinit.js", "module.exports = class { run() {} };", None);
    assert_eq!(receipt.message, "noinit.js: the contract class has no init() method (it runs once, at deploy)");
    assert_eq!(receipt.gas_used, 12, "the modules ran to show the class: the failed deploy pays for that");
    let receipt = chain.deploy_source("notclass", "notclass.js", "module.exports = 42;", None);
    assert!(
        receipt.message.starts_with("TypeError: notclass.js must export the contract class"),
        "{}",
        receipt.message
    );
    assert!(chain.state().is_empty());
    assert!(chain.deploy_file("../../examples/hello.js", "hello").is_success());
}

#[test]
fn a_huge_failure_message_is_cut_in_the_receipt() {
    let mut chain = Chain::new();
    let source = "class Big { init() {} attack() { throw 'x'.repeat(2 * 1024 * 1024); } }\nmodule.exports = Big;";
    chain.deploy_source("big", "big.js", source, None);
    let receipt = chain.call("big", "attack", "[]");
    assert_eq!(receipt.status, Status::RuntimeError);
    assert!(receipt.message.len() < v8vm_runtime::MAX_MESSAGE_BYTES + 40, "{} bytes", receipt.message.len());
    assert!(
        receipt.message.starts_with("xxxx") && receipt.message.contains("bytes in all)"),
        "{}",
        &receipt.message[2000..]
    );
}

/// Receipts and events are capped per transaction, and an empty entry is
/// not free: a loop of empty events stops at the cap, with the gas left to
/// spare.
#[test]
fn empty_events_count_against_the_output_cap() {
    let mut chain = Chain::new();
    let source = "class Emit { init() {}\n\
        many() { let n = 0; try { for (;;) { blockchain.event(''); n++; } } catch (e) { return n + ' ' + e.message; } } }\n\
        module.exports = Emit;";
    chain.deploy_source("emit", "emit.js", source, None);
    let ret = chain.ok("emit", "many", "[]");
    // 1 MiB over (4 bytes of name + 32) an entry.
    assert!(ret.starts_with(&format!("{} a transaction may emit at most 1048576 bytes", 1_048_576 / 36)), "{ret}");
}
