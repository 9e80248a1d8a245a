//! Isolation: sandboxes are reused, so nothing a call does may reach the
//! next call, on the same contract or another one, on the same worker.

use v8vm_runtime::Status;

use crate::tester::Chain;

const CLEAN: &str = r#"{"counter":0,"cache":0,"leak":"undefined","leak2":"undefined","includes":false,"call":2,"big":"12","pi":3.141592653589793}"#;

#[test]
fn a_call_leaves_nothing_behind_for_the_next_one() {
    // One worker: every call below runs in the same isolate and context.
    let mut chain = Chain::new();
    assert!(chain.deploy_file("tests/hostile/leftovers.js", "leftovers").is_success());
    assert!(chain.deploy_file("../../examples/hello.js", "hello").is_success());
    assert_eq!(chain.ok("leftovers", "look", "[]"), CLEAN);
    for _ in 0..3 {
        let left = chain.ok("leftovers", "leave", "[]");
        assert_eq!(
            left,
            "1 1 globalThis.leak: TypeError; Object.defineProperty(globalThis): TypeError; \
             Array.prototype.includes: TypeError; Object.prototype.__proto__: TypeError; \
             Function.prototype.call: TypeError; BigInt.prototype.toString: TypeError; Math.PI: TypeError",
            "module state starts afresh in every call"
        );
        assert_eq!(chain.ok("leftovers", "look", "[]"), CLEAN);
        // Another contract on the same worker sees the same clean realm.
        assert_eq!(chain.ok("hello", "hello", r#"["x"]"#), "hello, x");
    }
    assert_eq!(chain.vm.metrics().pool.workers_started, 1, "all on one worker");
    assert_eq!(chain.vm.metrics().pool.recycled_isolates, 0, "and one isolate");
}

#[test]
fn a_failed_call_leaves_nothing_behind_either() {
    let mut chain = Chain::new();
    assert!(chain.deploy_file("tests/hostile/leftovers.js", "leftovers").is_success());
    let source = "let n = 0;\nclass Fails { init() {} boom() { n += 1; storage.put('n', String(n)); throw new Error('boom ' + n); } }\nmodule.exports = Fails;";
    assert!(chain.deploy_source("fails", "fails.js", source, None).is_success());
    for _ in 0..3 {
        let receipt = chain.call("fails", "boom", "[]");
        assert_eq!(
            (receipt.status, receipt.message.as_str()),
            (Status::RuntimeError, "Error: boom 1 at fails.js:2:77")
        );
        assert!(chain.storage_of("fails").is_empty());
        assert_eq!(chain.ok("leftovers", "look", "[]"), CLEAN);
    }
}
