//! Contracts of many files, compiled from a project folder.

use v8vm_runtime::Status;

use crate::tester::Chain;

const MULTI: &str = "../compiler/tests/fixtures/multi";

#[test]
fn a_multi_file_project_with_a_cycle_and_npm_packages_runs() {
    let mut chain = Chain::new();
    assert!(chain.deploy_project(MULTI, "multi").is_success());
    assert_eq!(
        chain.ok("multi", "hello", r#"["bob"]"#),
        "HELLO BOB (b saw: early) from multi-contract (call 1 of this instance) [007] cjs"
    );
    // Modules are fresh on every call: the counter starts again.
    assert_eq!(
        chain.ok("multi", "hello", r#"["ann"]"#),
        "HELLO ANN (b saw: early) from multi-contract (call 1 of this instance) [007] cjs"
    );
}

#[test]
fn an_error_in_a_required_module_points_at_its_own_file() {
    let mut chain = Chain::new();
    chain.deploy_project(MULTI, "multi");
    let receipt = chain.call("multi", "fail", "[]");
    assert_eq!(receipt.status, Status::RuntimeError);
    assert_eq!(receipt.message, "Error: exploded in counter at lib/counter.js:8:11");
}

#[test]
fn es_module_contracts_export_their_class_by_default() {
    let mut chain = Chain::new();
    let source = "import storage from 'storage';\nimport { helper } from 'storage';\nexport default class Esm {\n  init() { storage.put('k', 'v'); }\n  read() { return [storage.get('k'), typeof helper]; }\n}\n";
    assert!(chain.deploy_source("esm", "esm.mjs", source, None).is_success());
    assert_eq!(chain.ok("esm", "read", "[]"), r#"["v","undefined"]"#);
}

#[test]
fn stack_traces_seen_by_the_contract_point_at_its_own_files() {
    let mut chain = Chain::new();
    let source = "class Trace {\n  init() {}\n  where() {\n    const inner = () => new Error('here').stack;\n    return inner();\n  }\n}\nmodule.exports = Trace;\n";
    chain.deploy_source("trace", "trace.js", source, None);
    let stack = chain.ok("trace", "where", "[]");
    let lines: Vec<&str> = stack.lines().collect();
    assert_eq!(lines[0], "Error: here");
    assert_eq!(lines[1], "    at inner (trace.js:4:25)");
    assert_eq!(lines[2], "    at where (trace.js:5:12)");
}

/// A contract whose modules are cached, first called from deep in another's
/// stack: caching its modules there must not count against the caller's
/// call depth, or the call fails on a fresh worker and succeeds on a warm
/// one (a consensus split found 2026-12-05).
const DEEP_CALLER: &str = r#"
class Deep {
  init() {}
  down(n) {
    if (n > 0) return this.down(n - 1);
    try {
      return 'ok:' + blockchain.call('nested', 'm', [])[0];
    } catch (e) {
      return 'caught:' + e.message;
    }
  }
  probe(depth) {
    return this.down(Number(depth));
  }
}
module.exports = Deep;
"#;

#[test]
fn caching_a_callees_modules_does_not_count_against_the_callers_depth() {
    let run = |warm: bool| {
        let mut chain = Chain::new();
        assert!(chain.deploy_project("tests/contracts/fixtures/nested_modules", "nested").is_success());
        chain.deploy_source("deep", "deep.js", DEEP_CALLER, None);
        chain.restart_cold();
        if warm {
            assert_eq!(chain.ok("nested", "m", "[]"), "B1");
        }
        let receipt = chain.call("deep", "probe", r#"["251"]"#);
        assert_eq!(receipt.status, Status::Success, "{}", receipt.message);
        (receipt.ret, receipt.gas_used)
    };
    let fresh = run(false);
    assert_eq!(fresh.0, "ok:B1");
    assert_eq!(run(true), fresh);
}
