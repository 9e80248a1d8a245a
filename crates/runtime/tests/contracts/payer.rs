//! Storage payers: the bytes stored are accounted to whoever pays for them.

use v8vm_runtime::Status;

use crate::tester::Chain;

const RAM: &str = "class Ram {\n  init() {}\n\
    put(k, v, payer) { storage.put(k, v, payer === '' ? undefined : payer); }\n\
    mapPut(k, f, v, payer) { storage.mapPut(k, f, v, payer === '' ? undefined : payer); }\n\
    del(k) { storage.del(k); }\n\
    mapDel(k, f) { storage.mapDel(k, f); }\n\
    usage(who) { return storage.globalGet('ram.iost', who); }\n\
    putThenFail(k, v, payer) { storage.put(k, v, payer); throw new Error('no'); }\n\
    nested(k) { try { blockchain.call('ram', 'putThenFail', [k, 'xxxxxxxxxx', 'bob']); } catch (e) {} \
      storage.put(k, 'ok'); }\n}\nmodule.exports = Ram;";

/// Bytes on `who`'s account, `null` for none.
fn usage(chain: &mut Chain, who: &str) -> String {
    chain.ok("ram", "usage", &format!(r#"["{who}"]"#))
}

#[test]
fn the_payer_of_each_entry_holds_its_bytes() {
    let mut chain = Chain::new();
    assert!(chain.deploy_source("ram", "ram.js", RAM, None).is_success());
    // key + value bytes, on the contract by default.
    chain.ok("ram", "put", r#"["k", "value", ""]"#);
    assert_eq!(usage(&mut chain, "ram"), "6");
    // Another payer, who signed: charged, and the contract is not.
    chain.publisher = "alice".into();
    chain.ok("ram", "put", r#"["a", "12345", "alice"]"#);
    assert_eq!((usage(&mut chain, "alice").as_str(), usage(&mut chain, "ram").as_str()), ("6", "6"));
    // Overwritten by the contract: alice is refunded, the contract pays.
    chain.ok("ram", "put", r#"["a", "123", ""]"#);
    assert_eq!((usage(&mut chain, "alice").as_str(), usage(&mut chain, "ram").as_str()), ("null", "10"));
    // Map fields count their field too; deleting refunds whoever paid.
    chain.publisher = "bob".into();
    chain.ok("ram", "mapPut", r#"["m", "f1", "vv", "bob"]"#);
    chain.publisher = "admin".into();
    assert_eq!(usage(&mut chain, "bob"), "5");
    chain.ok("ram", "mapDel", r#"["m", "f1"]"#);
    assert_eq!(usage(&mut chain, "bob"), "null");
    chain.ok("ram", "del", r#"["k"]"#);
    chain.ok("ram", "del", r#"["missing"]"#);
    assert_eq!(usage(&mut chain, "ram"), "4");
}

#[test]
fn a_failed_call_or_callee_accounts_nothing() {
    let mut chain = Chain::new();
    assert!(chain.deploy_source("ram", "ram.js", RAM, None).is_success());
    chain.publisher = "bob".into();
    let before = chain.state();
    assert_eq!(chain.call("ram", "putThenFail", r#"["k", "v", "bob"]"#).status, Status::RuntimeError);
    assert_eq!(chain.state(), before);
    // The callee's put is rolled back with its accounting; the caller's stands.
    chain.ok("ram", "nested", r#"["n"]"#);
    assert_eq!((usage(&mut chain, "bob").as_str(), usage(&mut chain, "ram").as_str()), ("null", "3"));
}

#[test]
fn a_payer_must_be_a_name() {
    let mut chain = Chain::new();
    assert!(chain.deploy_source("ram", "ram.js", RAM, None).is_success());
    let receipt = chain.call("ram", "putThenFail", r#"["k", "v", "bad-payer"]"#);
    assert_eq!(receipt.status, Status::RuntimeError);
    assert!(
        receipt.message.starts_with(
            "Error: invalid storage payer \"bad-payer\": use 1-64 bytes of printable ASCII without '-' or '@'"
        ),
        "{}",
        receipt.message
    );
}

#[test]
fn a_payer_other_than_the_contract_must_have_authorized_the_call() {
    let mut chain = Chain::new();
    assert!(chain.deploy_source("ram", "ram.js", RAM, None).is_success());
    let before = chain.state();
    // admin signs; bob, and another contract, did not.
    for payer in ["bob", "token"] {
        let receipt = chain.call("ram", "put", &format!(r#"["k", "v", "{payer}"]"#));
        assert_eq!(receipt.status, Status::RuntimeError, "{payer}");
        assert!(
            receipt.message.starts_with(&format!(
                "Error: storage payer {payer} did not authorize this call: it needs {payer}@active"
            )),
            "{}",
            receipt.message
        );
        assert_eq!(chain.state(), before, "{payer}");
    }
    // The signer may pay; so may the contract itself, by name.
    chain.ok("ram", "put", r#"["k", "v", "admin"]"#);
    chain.ok("ram", "put", r#"["c", "v", "ram"]"#);
    assert_eq!((usage(&mut chain, "admin").as_str(), usage(&mut chain, "ram").as_str()), ("2", "2"));
    // Refunds need no authority: bob's bytes go back to him when the
    // contract overwrites his entry in a call bob did not sign.
    chain.publisher = "bob".into();
    chain.ok("ram", "put", r#"["b", "12", "bob"]"#);
    chain.publisher = "admin".into();
    chain.ok("ram", "put", r#"["b", "12", ""]"#);
    assert_eq!(usage(&mut chain, "bob"), "null");
}
