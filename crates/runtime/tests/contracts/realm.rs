//! The realm inventory: every built-in a contract can reach is classified in
//! js/inventory.js (constant, charged and replaced by js/builtins.js, or
//! removed), and one the inventory does not know is removed and fails this
//! test, so a new built-in or a V8 upgrade is classified before it ships.

#[test]
fn every_reachable_built_in_is_classified() {
    let report = crate::tester::realm_inventory();
    for list in ["unclassified", "unreplaced", "stale", "present"] {
        assert_eq!(report[list], serde_json::json!([]), "{list}: {report:#}");
    }
    let classified = report["classified"].as_u64().unwrap();
    assert!(classified > 350, "{classified} built-ins classified");
}
