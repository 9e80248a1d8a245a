//! Contract-to-contract calls: `blockchain.call` and `callWithAuth`.

use v8vm_runtime::{Status, MAX_CALL_DEPTH};

use crate::tester::Chain;

fn shop_and_bank() -> Chain {
    let mut chain = Chain::new();
    assert!(chain.deploy_file("tests/calls/bank.js", "bank").is_success());
    assert!(chain.deploy_file("tests/calls/shop.js", "shop").is_success());
    chain
}

#[test]
fn a_call_returns_the_callees_result_and_keeps_both_writes() {
    let mut chain = shop_and_bank();
    let receipt = chain.call("shop", "buy", "[]");
    assert_eq!(receipt.status, Status::Success, "{}", receipt.message);
    assert_eq!(receipt.ret, "5");
    assert_eq!(receipt.receipts.len(), 1);
    assert_eq!(receipt.receipts[0].func_name, "bank/deposit");
    assert_eq!(chain.storage_of("shop").len(), 1);
    assert_eq!(chain.storage_of("bank").len(), 1);
    assert_eq!(chain.ok("shop", "caller", "[]"), r#"{"caller":{"name":"shop","is_account":false},"contract":"bank"}"#);
}

#[test]
fn a_failed_callee_is_rolled_back_alone_when_the_caller_catches() {
    let mut chain = shop_and_bank();
    let receipt = chain.call("shop", "buyButTheBankFails", "[]");
    assert_eq!(receipt.status, Status::Success, "{}", receipt.message);
    assert!(receipt.receipts.is_empty() && receipt.events.is_empty(), "the callee's output is rolled back");
    let shop: Vec<String> = chain
        .storage_of("shop")
        .iter()
        .map(|(slot, v)| format!("{}={}", slot.key, String::from_utf8_lossy(v)))
        .collect();
    assert_eq!(shop, ["after=kept", "before=kept", "caught=the bank refuses"]);
    assert!(chain.storage_of("bank").is_empty(), "the bank's write is gone");
}

#[test]
fn an_uncaught_callee_failure_fails_the_transaction_at_the_callees_line() {
    let mut chain = shop_and_bank();
    let before = chain.state();
    let receipt = chain.call("shop", "buyUncaught", "[]");
    assert_eq!(receipt.status, Status::RuntimeError);
    assert_eq!(receipt.message, "Error: the bank refuses at bank.js:17:11");
    assert_eq!(chain.state(), before);
    assert_eq!(chain.ok("shop", "buy", "[]"), "5", "the next call on the worker works");
}

#[test]
fn gas_is_one_budget_down_the_stack() {
    let mut chain = shop_and_bank();
    chain.gas_limit = 300_000;
    let before = chain.state();
    let receipt = chain.call("shop", "burnCaught", "[]");
    assert_eq!(receipt.status, Status::OutOfGas, "{}", receipt.message);
    assert_eq!(receipt.gas_used, 300_000);
    assert_eq!(chain.state(), before);
    assert_eq!(chain.ok("shop", "buy", "[]"), "5");
    // A nested call costs more than the same work done directly.
    let direct = chain.call("bank", "deposit", r#"["bob", "5"]"#).gas_used;
    let nested = chain.call("shop", "buy", "[]").gas_used;
    assert!(nested > direct + 1000, "nested {nested} vs direct {direct}");
}

#[test]
fn re_entering_a_method_on_the_stack_is_refused_another_method_is_allowed() {
    let mut chain = shop_and_bank();
    let receipt = chain.call("shop", "reenter", "[]");
    assert_eq!(receipt.status, Status::RuntimeError);
    assert!(
        receipt.message.starts_with(
            "Error: shop.reenter is already on the call stack: re-entering a method is not allowed at bank.js:"
        ),
        "{}",
        receipt.message
    );
    assert_eq!(chain.ok("shop", "viaBankToOther", "[]"), "other method, called by bank");
    assert_eq!(chain.ok("shop", "selfWithAuth", "[]"), "true shop");
}

#[test]
fn call_with_auth_lends_authority_to_the_callees_subtree_only() {
    let mut chain = shop_and_bank();
    assert_eq!(chain.ok("shop", "authPlain", "[]"), "false");
    assert_eq!(chain.ok("shop", "authWith", "[]"), "true");
    // Inside the subtree (one level further down), then after it returned;
    // the transaction's signer is granted throughout.
    assert_eq!(chain.ok("shop", "authScopes", "[]"), "true false true");
}

#[test]
fn bad_calls_are_clear_errors() {
    let mut chain = shop_and_bank();
    let receipt = chain.call("shop", "badArgs", "[]");
    assert!(
        receipt
            .message
            .starts_with("Error: cannot call bank.deposit: deposit takes 2 argument(s) (who, amount), got 1"),
        "{}",
        receipt.message
    );
    let receipt = chain.call("shop", "missing", "[]");
    assert!(receipt.message.starts_with("Error: contract 'nobody' is not deployed at shop.js:"), "{}", receipt.message);
}

#[test]
fn the_call_depth_is_limited() {
    let mut chain = Chain::new();
    let methods: String = (0..=MAX_CALL_DEPTH)
        .map(|i| {
            format!(
                "  d{i}(limit) {{ if ({i} === Number(limit)) return 'depth {}'; \
                 return blockchain.call('deep', 'd{}', [limit])[0]; }}\n",
                i + 1,
                i + 1
            )
        })
        .collect();
    let source = format!("class Deep {{\n  init() {{}}\n{methods}}}\nmodule.exports = Deep;\n");
    assert!(chain.deploy_source("deep", "deep.js", &source, None).is_success());
    let deepest = MAX_CALL_DEPTH - 1;
    assert_eq!(chain.ok("deep", "d0", &format!(r#"["{deepest}"]"#)), format!("depth {MAX_CALL_DEPTH}"));
    let receipt = chain.call("deep", "d0", &format!(r#"["{}"]"#, deepest + 1));
    assert_eq!(receipt.status, Status::RuntimeError);
    assert!(
        receipt.message.starts_with(&format!(
            "RangeError: calling deep.d{} would make {} nested contract calls, over the limit of {MAX_CALL_DEPTH}",
            deepest + 1,
            MAX_CALL_DEPTH + 1
        )),
        "{}",
        receipt.message
    );
}
