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

#[test]
fn cached_modules_are_frozen_and_charged_the_same_cold_or_warm() {
    let mut chain = Chain::new();
    assert!(chain.deploy_file("tests/hostile/cached.js", "cached").is_success());
    let source = std::fs::read_to_string(crate::tester::fixture("tests/hostile/cached.js")).unwrap();
    let artifact = v8vm_compiler::compile_source("cached.js", &source, None).unwrap();
    assert!(v8vm_compiler::check_cacheable(&artifact).is_ok(), "the fixture is cacheable");
    let clean = r#"[1,2,null,null,null,null]"#;
    assert_eq!(chain.ok("cached", "look", "[]"), clean);
    for _ in 0..2 {
        assert_eq!(
            chain.ok("cached", "leave", "[]"),
            "CONFIG.limit: TypeError; CONFIG.list.push: TypeError; helper.calls: TypeError; Cached.count: TypeError; \
             prototype: TypeError; module.exports: TypeError; require.cache: TypeError"
        );
        assert_eq!(chain.ok("cached", "look", "[]"), clean);
    }
    // The first call on a new worker evaluates the modules; later calls reuse
    // them and are charged the same.
    chain.restart_cold();
    let cold = chain.call("cached", "look", "[]");
    let warm = chain.call("cached", "look", "[]");
    assert_eq!(cold, warm);
}
