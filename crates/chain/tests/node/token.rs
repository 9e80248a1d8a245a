//! The native token: transfers, their failures, the gas fee, amount
//! limits, contracts paying and being paid, accounts and deploys.

use v8vm_chain::{contract_id, Genesis, KeyPair, Requester, TxError};
use v8vm_runtime::crypto::Algorithm;
use v8vm_runtime::{parse_amount, AmountLimit, Status};

use crate::tester::{memory_chain, sign, source_bundle};

const TRANSFER: &str = "transfer";
const TOKEN: &str = "token.iost";

fn units(amount: &str) -> u128 {
    parse_amount(amount, 8).unwrap()
}

#[test]
fn a_transfer_moves_tokens_and_the_publisher_pays_gas_to_the_producer() {
    let mut chain = memory_chain();
    let admin_before = units(&chain.balance("admin"));
    let receipt = chain.run("alice", &[(TOKEN, TRANSFER, r#"["iost","alice","bob","12.5","rent"]"#)]);
    assert_eq!(receipt.receipt.status, Status::Success, "{}", receipt.receipt.message);
    assert_eq!(receipt.receipt.receipts.len(), 1);
    assert_eq!(receipt.receipt.receipts[0].func_name, "token.iost/transfer");
    assert_eq!(receipt.receipt.receipts[0].content, r#"["iost","alice","bob","12.5","rent"]"#);
    let fee = units(&receipt.fee);
    assert_eq!(fee, u128::from(receipt.receipt.gas_used), "gas price 1: one unit per gas");
    assert!(receipt.receipt.gas_used >= 3000, "{}", receipt.receipt.gas_used);
    assert_eq!(units(&chain.balance("alice")), units("1000000") - units("12.5") - fee);
    assert_eq!(chain.balance("bob"), "1000012.5");
    assert_eq!(units(&chain.balance("admin")), admin_before + fee, "the producer earns the fee");
    // Contracts read balances through the token's storage.
    assert_eq!(chain.chain.storage(TOKEN, "balance.iost", Some("bob")).unwrap().as_deref(), Some("1000012.5"));
    assert_eq!(chain.chain.query(TOKEN, "balanceOf", r#"["iost","bob"]"#, Requester::Local).unwrap().ret, "1000012.5");
    assert_eq!(chain.chain.query(TOKEN, "decimals", r#"["iost"]"#, Requester::Local).unwrap().ret, "8");
}

#[test]
fn failed_transfers_change_nothing_but_still_pay_gas() {
    let mut chain = memory_chain();
    let cases: [(&str, &str, Status, &str); 5] = [
        (
            "alice",
            r#"["iost","alice","bob","2000000",""]"#,
            Status::RuntimeError,
            "alice has 1000000 iost, not the 2000000 to transfer",
        ),
        (
            "alice",
            r#"["iost","bob","alice","1",""]"#,
            Status::RuntimeError,
            "transferring from bob needs its authority (bob@active)",
        ),
        (
            "alice",
            r#"["iost","alice","nobody","1",""]"#,
            Status::RuntimeError,
            "no account or contract named \"nobody\"",
        ),
        (
            "alice",
            r#"["iost","alice","bob","0.000000001",""]"#,
            Status::RuntimeError,
            "\"0.000000001\" has 9 decimals, the token has 8",
        ),
        (
            "alice",
            r#"["iost","alice","bob",5,""]"#,
            Status::InvalidArgs,
            "argument 4 of transfer: expected string, got number",
        ),
    ];
    for (publisher, args, status, message) in cases {
        let before = units(&chain.balance("alice"));
        let receipt = chain.run(publisher, &[(TOKEN, TRANSFER, args)]);
        assert_eq!((receipt.receipt.status, receipt.receipt.message.as_str()), (status, message), "{args}");
        assert!(receipt.receipt.receipts.is_empty());
        assert_eq!(units(&chain.balance("alice")), before - units(&receipt.fee), "only the fee left: {args}");
        assert_eq!(chain.balance("bob"), "1000000");
    }

    // Refused before they run, unknown contracts and methods still pay the
    // transaction's own cost: its base and its bytes.
    for (contract, method) in [("nowhere", "transfer"), (TOKEN, "nothing")] {
        let tx = chain.tx("alice", &[(contract, method, "[]")]);
        let own = tx.intrinsic_gas();
        assert_eq!(own, v8vm_chain::TX_BASE_GAS + tx.encode().len() as u64);
        let before = units(&chain.balance("alice"));
        let receipt = chain.block(vec![tx]).receipts.remove(0);
        assert_ne!(receipt.receipt.status, Status::Success);
        assert!(receipt.receipt.gas_used >= own, "{} pays its own {own}: {receipt:?}", receipt.receipt.gas_used);
        assert_eq!(units(&chain.balance("alice")), before - units(&receipt.fee));
    }

    // Out of gas: the whole limit is paid.
    let tx = chain.tx_with("alice", &[(TOKEN, TRANSFER, r#"["iost","alice","bob","1",""]"#)], 1500, vec![]);
    let receipt = chain.block(vec![tx]).receipts.remove(0);
    assert_eq!(receipt.receipt.status, Status::OutOfGas);
    assert_eq!((receipt.receipt.gas_used, receipt.fee.as_str()), (1500, "0.000015"));
    assert_eq!(chain.balance("bob"), "1000000");
}

#[test]
fn the_transaction_amount_limit_bounds_what_leaves_its_signers() {
    let mut chain = memory_chain();
    let limit = |token: &str, val: &str| vec![AmountLimit { token: token.into(), val: val.into() }];
    let transfer = [(TOKEN, TRANSFER, r#"["iost","alice","bob","5",""]"#)];
    let two = [transfer[0], transfer[0]];
    let cases = [
        (&transfer[..], limit("iost", "5"), None),
        (
            &two[..],
            limit("iost", "9.5"),
            Some("the transaction moves 10 iost out of alice's account, over its amount limit of 9.5 iost"),
        ),
        (
            &transfer[..],
            limit("*", "4"),
            Some("the transaction moves 5 iost out of alice's account, over its amount limit of 4 iost"),
        ),
        (
            &transfer[..],
            vec![],
            Some("the transaction moves 5 iost out of alice's account, and its amount limit lists no iost"),
        ),
    ];
    for (actions, amount_limit, refusal) in cases {
        let bob = units(&chain.balance("bob"));
        let tx = chain.tx_with("alice", actions, 1_000_000, amount_limit);
        let receipt = chain.block(vec![tx]).receipts.remove(0).receipt;
        match refusal {
            None => assert!(receipt.is_success(), "{}", receipt.message),
            Some(message) => {
                assert_eq!((receipt.status, receipt.message.as_str()), (Status::RuntimeError, message));
                assert_eq!(units(&chain.balance("bob")), bob, "all or nothing");
            }
        }
    }
}

const SHOP: &str = "class Shop { init() {}\n\
    buy(amount) { blockchain.deposit(blockchain.publisher(), amount, 'buy'); return storage.get('n') || '0'; }\n\
    refund(to, amount) { blockchain.withdraw(to, amount, 'refund'); }\n\
    steal(from) { blockchain.transfer(from, blockchain.contractName(), '1', ''); } }\n\
    module.exports = Shop;";
const SHOP_ABI: &str = r#"{"abi": [
    {"name": "buy", "args": ["string"], "amountLimit": [{"token": "iost", "val": "10"}]},
    {"name": "refund", "args": ["string", "string"]},
    {"name": "steal", "args": ["string"]}]}"#;

#[test]
fn contracts_are_paid_within_their_methods_amount_limits_and_pay_out_their_own() {
    let mut chain = memory_chain();
    let deploy = chain.tx("admin", &[("system.iost", "setCode", &source_bundle("shop.js", SHOP, Some(SHOP_ABI)))]);
    let shop = contract_id(&deploy.hash());
    let receipt = chain.block(vec![deploy]).receipts.remove(0);
    assert!(receipt.receipt.is_success(), "{}", receipt.receipt.message);
    assert_eq!(receipt.receipt.ret, shop, "setCode returns the new contract's id");

    let ok = chain.run("alice", &[(&shop, "buy", r#"["7.5"]"#)]);
    assert!(ok.receipt.is_success(), "{}", ok.receipt.message);
    assert_eq!(chain.balance_of_contract(&shop), "7.5");
    let over = chain.run("alice", &[(&shop, "buy", r#"["10.5"]"#)]);
    assert_eq!(
        over.receipt.message,
        format!("{shop}.buy moves 10.5 iost out of alice's account, over its amount limit of 10 iost")
    );
    // A method without an amountLimit for iost may not take the signer's.
    let stolen = chain.run("alice", &[(&shop, "steal", r#"["alice"]"#)]);
    assert_eq!(
        stolen.receipt.message,
        format!("{shop}.steal moves 1 iost out of alice's account, and its amount limit lists no iost")
    );
    // Nor anyone's who did not sign.
    let stolen = chain.run("alice", &[(&shop, "steal", r#"["bob"]"#)]);
    assert!(
        stolen
            .receipt
            .message
            .starts_with("Error: token.iost.transfer failed: transferring from bob needs its authority"),
        "{}",
        stolen.receipt.message
    );
    // The failed native call keeps its own charge (1,000 for a native call
    // and 2,000 for a transfer), on top of the contract call's 1,000.
    assert!(stolen.receipt.gas_used > 4000, "{}", stolen.receipt.gas_used);
    // It pays out of its own balance with its own authority.
    let bob = units(&chain.balance("bob"));
    let refund = chain.run("alice", &[(&shop, "refund", r#"["bob","2.5"]"#)]);
    assert!(refund.receipt.is_success(), "{}", refund.receipt.message);
    assert_eq!(units(&chain.balance("bob")), bob + units("2.5"));
    assert_eq!(chain.balance_of_contract(&shop), "5");
}

#[test]
fn accounts_are_created_and_act_with_their_own_keys() {
    let mut chain = memory_chain();
    let key = KeyPair::generate(Algorithm::Secp256k1).unwrap();
    let args = serde_json::json!(["dave", key.public_b58(), key.public_b58()]).to_string();
    let receipt = chain.run("alice", &[("system.iost", "newAccount", &args)]);
    assert!(receipt.receipt.is_success(), "{}", receipt.receipt.message);
    assert_eq!(
        chain.run("alice", &[("system.iost", "newAccount", &args)]).receipt.message,
        "the name \"dave\" is taken"
    );

    // Unfunded: refused at the door.
    let mut tx = chain.tx("alice", &[(TOKEN, TRANSFER, r#"["iost","dave","alice","1",""]"#)]);
    tx.publisher = "dave".into();
    tx.signatures.clear();
    tx.add_signature(key.algorithm(), key.public_key(), key.sign(&tx.hash()));
    assert!(matches!(chain.chain.check_tx(&tx, chain.now, Requester::Local), Err(TxError::Underfunded { .. })));
    assert_eq!(
        chain.chain.check_tx(&tx, chain.now, Requester::Local).unwrap_err().to_string(),
        "dave has 0 iost, and the transaction may cost up to 0.01 iost in gas (gas_limit × gas_price)"
    );
    chain.run("alice", &[(TOKEN, TRANSFER, r#"["iost","alice","dave","10",""]"#)]);
    let receipt = chain.block(vec![tx.clone()]).receipts.remove(0);
    assert!(receipt.receipt.is_success(), "{}", receipt.receipt.message);
    // Signed by another key: refused.
    let mut forged = tx;
    forged.time += 1;
    forged.signatures.clear();
    sign(&mut forged, "alice");
    assert_eq!(
        chain.chain.check_tx(&forged, chain.now, Requester::Local).unwrap_err().to_string(),
        "the signatures do not grant dave@active"
    );
    assert!(Genesis::dev_key("alice").public_b58() != key.public_b58());
}

#[test]
fn deployed_code_is_updated_by_its_owner_only() {
    let mut chain = memory_chain();
    let v1 = "class C { init() {} v() { return 1; } }\nmodule.exports = C;";
    let deploy = chain.tx("alice", &[("system.iost", "setCode", &source_bundle("c.js", v1, None))]);
    let id = contract_id(&deploy.hash());
    assert!(chain.block(vec![deploy]).receipts[0].receipt.is_success());
    let v2 = source_bundle("c.js", &v1.replace("return 1", "return 2"), None);
    let code: Vec<String> = serde_json::from_str(&v2).unwrap();
    let args = serde_json::json!([id, code[0], ""]).to_string();
    let refused = chain.run("bob", &[("system.iost", "updateCode", &args)]);
    assert!(refused.receipt.message.starts_with(&format!("only the owner of contract '{id}' (alice) may update it")));
    assert!(chain.run("alice", &[("system.iost", "updateCode", &args)]).receipt.is_success());
    assert_eq!(chain.chain.query(&id, "v", "[]", Requester::Local).unwrap().ret, "2");
    let info = chain.chain.contract(&id).unwrap().unwrap();
    assert_eq!(info.owner, "alice");
    // A compile error is located in the sources.
    let broken = source_bundle("bad.js", "class C { init() {\n  return 1 +; } }", None);
    let receipt = chain.run("alice", &[("system.iost", "setCode", &broken)]);
    assert_eq!(receipt.receipt.status, Status::RuntimeError);
    assert!(receipt.receipt.message.contains("bad.js:2:"), "{}", receipt.receipt.message);
    assert!(receipt.receipt.gas_used > 0);
}

#[test]
fn an_artifact_deploys_only_if_its_sources_compile_to_it_here() {
    let mut chain = memory_chain();
    let source = "class C { init() {} v() { return 7; } }\nmodule.exports = C;";
    let artifact = v8vm_compiler::compile_source("c.js", source, None).unwrap();
    let args = serde_json::json!([artifact.to_json()]).to_string();
    let deploy = chain.tx("alice", &[("system.iost", "setCode", &args)]);
    let id = contract_id(&deploy.hash());
    assert!(chain.block(vec![deploy]).receipts[0].receipt.is_success());
    assert_eq!(chain.chain.query(&id, "v", "[]", Requester::Local).unwrap().ret, "7");

    // Metering stripped from the bundle, the hash made to match: refused.
    let mut forged = artifact.clone();
    forged.bundle = forged.bundle.replace("__v8vm_gas(", "(");
    forged.code_hash = forged.compute_code_hash();
    let args = serde_json::json!([forged.to_json()]).to_string();
    let receipt = chain.run("alice", &[("system.iost", "setCode", &args)]);
    assert_eq!(receipt.receipt.status, Status::RuntimeError);
    assert!(
        receipt
            .receipt
            .message
            .starts_with(&format!("the artifact's sources compile to code {} here", artifact.code_hash)),
        "{}",
        receipt.receipt.message
    );
}

#[test]
fn any_account_creates_a_token_and_its_issuer_alone_issues_it() {
    let mut chain = memory_chain();
    let create = chain.run("bob", &[(TOKEN, "create", r#"["gold","bob","1000.5",2]"#)]);
    assert!(create.receipt.is_success(), "{}", create.receipt.message);
    let again = chain.run("alice", &[(TOKEN, "create", r#"["gold","alice","5",2]"#)]);
    assert_eq!(again.receipt.message, "token \"gold\" exists already");
    let by_other = chain.run("alice", &[(TOKEN, "create", r#"["silver","bob","5",2]"#)]);
    assert_eq!(by_other.receipt.message, "creating a token needs the issuer's authority (bob@active)");
    let bad = chain.run("alice", &[(TOKEN, "create", r#"["Gold!","alice","5",2]"#)]);
    assert_eq!(bad.receipt.message, "token symbol \"Gold!\" must be 2-16 of [a-z0-9_]");

    assert_eq!(
        chain.run("alice", &[(TOKEN, "issue", r#"["gold","alice","10"]"#)]).receipt.message,
        "issuing gold needs its issuer's authority (bob@active)"
    );
    assert!(chain.run("bob", &[(TOKEN, "issue", r#"["gold","alice","1000"]"#)]).receipt.is_success());
    assert_eq!(
        chain.run("bob", &[(TOKEN, "issue", r#"["gold","alice","0.51"]"#)]).receipt.message,
        "issuing 0.51 gold would pass its total supply of 1000.5"
    );
    let query = |chain: &crate::tester::TestChain<_>, method: &str, args: &str| {
        chain.chain.query(TOKEN, method, args, Requester::Local).unwrap().ret
    };
    assert_eq!(
        [
            query(&chain, "supply", r#"["gold"]"#),
            query(&chain, "totalSupply", r#"["gold"]"#),
            query(&chain, "decimals", r#"["gold"]"#)
        ],
        ["1000", "1000.5", "2"]
    );
    // Transfers of it are limited like any token's.
    let limit = vec![AmountLimit { token: "iost".into(), val: "unlimited".into() }];
    let tx = chain.tx_with("alice", &[(TOKEN, TRANSFER, r#"["gold","alice","carol","2.25",""]"#)], 1_000_000, limit);
    let receipt = chain.block(vec![tx]).receipts.remove(0).receipt;
    assert_eq!(
        receipt.message,
        "the transaction moves 2.25 gold out of alice's account, and its amount limit lists no gold"
    );
    assert!(chain.run("alice", &[(TOKEN, TRANSFER, r#"["gold","alice","carol","2.25",""]"#)]).receipt.is_success());
    assert_eq!(query(&chain, "balanceOf", r#"["gold","carol"]"#), "2.25");
    assert_eq!(query(&chain, "balanceOf", r#"["gold","alice"]"#), "997.75");
}

/// Found by fuzzing (`rpc_request`): `estimateGas` skips the checks at
/// the door, and a publisher without the fee (here `ad]in`, no account;
/// its one action, `system.iost.setC_de`, fails and costs gas) made the fee
/// payment underflow. The transaction is the crashing request's `raw`.
#[test]
fn fuzz_regression_an_estimate_for_a_publisher_who_cannot_pay() {
    let chain = memory_chain();
    let raw = hex::decode(
        "00000400188672544205e400188672623a4d3c0000000000000186a000000000000000010000000561645d696e0000000100\
         00000b73797374656d2e696f737400000007736574435f6465000000395b2268656c6c6f2e6a73222c22636c617373204820\
         7b20696e69742829207b7d207d5c6e6d6f66755c652e6578706f727473203d20483b225d00000001000000012a0000000975\
         6e6c696d697465640000000000000000",
    )
    .unwrap();
    let tx = v8vm_chain::Transaction::decode(&raw).unwrap();
    assert_eq!(tx.publisher, "ad]in");
    let estimate = chain.chain.estimate(&tx, Requester::Local).unwrap();
    assert_eq!(estimate.receipt.status, Status::RuntimeError);
    assert!(estimate.receipt.message.starts_with("ad]in cannot pay the gas fee of "), "{}", estimate.receipt.message);
    assert!(estimate.receipt.gas_used > 0);
}
