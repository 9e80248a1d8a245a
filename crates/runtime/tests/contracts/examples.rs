//! The contracts in `examples/`.

use v8vm_runtime::{LogLevel, Status};

use crate::tester::Chain;

#[test]
fn hello_greets_and_counts() {
    let mut chain = Chain::new();
    assert!(chain.deploy_file("../../examples/hello.js", "hello").is_success());
    let receipt = chain.call("hello", "hello", r#"["world"]"#);
    assert_eq!(receipt.status, Status::Success);
    assert_eq!(receipt.ret, "hello, world");
    assert_eq!(receipt.logs.len(), 1);
    assert_eq!(receipt.logs[0].level, LogLevel::Info);
    assert_eq!(receipt.logs[0].message, "greeting world (#1)");
    chain.ok("hello", "hello", r#"["again"]"#);
    assert_eq!(chain.ok("hello", "greetings", "[]"), "2");
}

#[test]
fn token_transfers_with_balance_checks_and_lists_holders() {
    let mut chain = Chain::new();
    assert!(chain.deploy_file("../../examples/token.js", "token").is_success());
    assert_eq!(chain.ok("token", "supply", "[]"), "1000000");
    assert_eq!(chain.ok("token", "balanceOf", r#"["admin"]"#), "1000000");

    let receipt = chain.call("token", "transfer", r#"["admin", "bob", "250"]"#);
    assert_eq!(receipt.status, Status::Success, "{}", receipt.message);
    assert_eq!(receipt.receipts[0].func_name, "token/transfer");
    assert_eq!(receipt.receipts[0].content, r#"{"from":"admin","to":"bob","amount":"250"}"#);
    assert_eq!(receipt.events[0].contract, "token");
    chain.ok("token", "transfer", r#"["admin", "carol", "50"]"#);
    assert_eq!(chain.ok("token", "balanceOf", r#"["bob"]"#), "250");
    assert_eq!(chain.ok("token", "balanceOf", r#"["admin"]"#), "999700");
    assert_eq!(chain.ok("token", "holders", "[]"), r#"["admin","bob","carol"]"#);

    // Not signed by the sender: a clear error located in the contract; no receipts.
    let receipt = chain.call("token", "transfer", r#"["bob", "dave", "251"]"#);
    assert_eq!(receipt.status, Status::RuntimeError);
    assert_eq!(receipt.message, "Error: transfer: bob did not sign this transaction at token.js:30:13");
    assert!(receipt.receipts.is_empty() && receipt.events.is_empty());

    chain.publisher = "bob".into();
    let receipt = chain.call("token", "transfer", r#"["bob", "dave", "251"]"#);
    assert_eq!(receipt.message, "Error: insufficient balance: bob has 250, needs 251 at token.js:35:13");
    // Emptying a balance removes the holder.
    chain.ok("token", "transfer", r#"["bob", "dave", "250"]"#);
    assert_eq!(chain.ok("token", "holders", "[]"), r#"["admin","carol","dave"]"#);
}

#[test]
fn a_transfer_that_fails_midway_leaves_state_exactly_as_before() {
    let mut chain = Chain::new();
    chain.deploy_file("../../examples/token.js", "token");
    chain.ok("token", "transfer", r#"["admin", "bob", "10"]"#);
    let before = chain.state();
    let payments =
        r#"["admin", [{"to":"carol","amount":"5"},{"to":"dave","amount":"7"},{"to":"erin","amount":"99999999"}]]"#;
    let receipt = chain.call("token", "transferBatch", payments);
    assert_eq!(receipt.status, Status::RuntimeError);
    assert!(
        receipt.message.starts_with("Error: insufficient balance: admin has 999978, needs 99999999"),
        "{}",
        receipt.message
    );
    assert_eq!(chain.state(), before, "no write of the failed call reached state");
    assert_eq!(chain.ok("token", "holders", "[]"), r#"["admin","bob"]"#);
    // The same batch without the bad payment goes through whole.
    let payments = r#"["admin", [{"to":"carol","amount":"5"},{"to":"dave","amount":"7"}]]"#;
    assert_eq!(chain.ok("token", "transferBatch", payments), "2");
    assert_eq!(chain.ok("token", "holders", "[]"), r#"["admin","bob","carol","dave"]"#);
}

#[test]
fn calls_are_checked_against_the_abi() {
    let mut chain = Chain::new();
    chain.deploy_file("../../examples/token.js", "token");
    let cases = [
        ("transfer", r#"["admin", "bob"]"#, Status::InvalidArgs, "transfer takes 3 argument(s) (from, to, amount), got 2"),
        ("transfer", r#"["admin", "bob", 5]"#, Status::InvalidArgs, "argument 3 (amount) of transfer: expected string, got number"),
        ("transfer", "not json", Status::InvalidArgs, "arguments are not valid JSON: expected ident at line 1 column 2"),
        ("_balance", r#"["admin"]"#, Status::NotFound, "method '_balance' is not public in contract 'token' (public: supply, balanceOf, holders, transfer, transferBatch)"),
        ("init", "[]", Status::NotFound, "init() runs only once, at deploy, and cannot be called"),
        ("mint", "[]", Status::NotFound, "method 'mint' is not public in contract 'token' (public: supply, balanceOf, holders, transfer, transferBatch)"),
    ];
    let huge = format!(r#"["admin", "bob", "{}"]"#, "1".repeat(70_000));
    let too_long = format!("the arguments are {} bytes, over the 65536-byte limit", huge.len());
    let cases = cases.into_iter().chain([("transfer", huge.as_str(), Status::InvalidArgs, too_long.as_str())]);
    let before = chain.state();
    for (method, args, status, message) in cases {
        let receipt = chain.call("token", method, args);
        assert_eq!((receipt.status, receipt.message.as_str()), (status, message), "{method}{args}");
    }
    assert_eq!(chain.state(), before);
    chain.ok("token", "supply", "[]");
}

#[test]
fn an_abi_that_does_not_match_the_class_is_refused_at_deploy() {
    let mut chain = Chain::new();
    let source = std::fs::read_to_string(crate::tester::fixture("../../examples/hello.js")).unwrap();
    let abi = r#"{"abi":[{"name":"hello","args":["string","string"]}]}"#;
    let receipt = chain.deploy_source("hello", "hello.js", &source, Some(abi));
    assert_eq!(receipt.status, Status::RuntimeError);
    assert_eq!(
        receipt.message,
        "the ABI does not match hello.js: method 'hello' takes 1 parameter(s) in the class but 2 in the ABI"
    );
    // The modules ran to show the class, and its methods' parameter lists
    // were read: a failed deploy pays for that.
    assert_eq!(receipt.gas_used, 21);
    assert!(chain.state().is_empty(), "nothing deployed");
}

#[test]
fn derived_abi_and_results_formatting() {
    let mut chain = Chain::new();
    let source = r#"
        class Shapes {
          init() {}
          str() { return 'text'; }
          num() { return 1.5; }
          yes() { return true; }
          none() {}
          obj() { return { a: [1, null] }; }
          nul() { return null; }
          big() { return 10n ** 20n; }
          echo(a, b) { return [typeof a, a, b]; }
          _private() { return 'hidden'; }
        }
        module.exports = Shapes;
    "#;
    assert!(chain.deploy_source("shapes", "shapes.js", source, None).is_success());
    let expected = [
        ("str", "text"),
        ("num", "1.5"),
        ("yes", "true"),
        ("none", ""),
        ("obj", r#"{"a":[1,null]}"#),
        ("nul", "null"),
        ("big", "100000000000000000000"),
    ];
    for (method, ret) in expected {
        assert_eq!(chain.ok("shapes", method, "[]"), ret, "{method}");
    }
    // Derived ABIs take strings.
    assert_eq!(chain.ok("shapes", "echo", r#"["x", "y"]"#), r#"["string","x","y"]"#);
    assert_eq!(
        chain.call("shapes", "echo", r#"["x", 1]"#).message,
        "argument 2 (b) of echo: expected string, got number"
    );
    assert_eq!(chain.call("shapes", "_private", "[]").status, Status::NotFound);
}

#[test]
fn block_tx_and_context_are_visible() {
    let mut chain = Chain::new();
    let source = r#"
        class Info {
          init() {}
          show() {
            const ctx = JSON.parse(blockchain.contextInfo());
            return [block.number, tx.publisher, JSON.parse(blockchain.blockInfo()).witness,
                    JSON.parse(blockchain.txInfo()).hash, ctx.contract_name, ctx.abi_name,
                    blockchain.caller(), blockchain.contractName(), blockchain.contractOwner(),
                    blockchain.requireAuth('admin', 'active'), blockchain.requireAuth('admin', 'owner'),
                    blockchain.requireAuth('bob', 'active'), blockchain.requireAuth('info', 'active')];
          }
          reqs() { return [require('storage') === storage, require('blockchain') === blockchain]; }
        }
        module.exports = Info;
    "#;
    chain.deploy_source("info", "info.js", source, None);
    assert_eq!(
        chain.ok("info", "show", "[]"),
        r#"[2,"admin","tester","tx-2","info","show",{"name":"admin","is_account":true},"info","admin",true,false,false,true]"#
    );
    assert_eq!(chain.ok("info", "reqs", "[]"), "[true,true]");
}

#[test]
fn storage_api_covers_keys_and_maps() {
    let mut chain = Chain::new();
    let source = r#"
        class Kv {
          init() {}
          fill() {
            storage.put('k', 'v');
            storage.mapPut('m', 'b', '2');
            storage.mapPut('m', 'a', '1', 'admin');
            storage.mapPut('m', 'c', '3');
            storage.mapDel('m', 'c');
          }
          read() {
            return [storage.get('k'), storage.has('k'), storage.get('missing'), storage.has('missing'),
                    storage.mapGet('m', 'a'), storage.mapHas('m', 'c'), storage.mapKeys('m'), storage.mapLen('m'),
                    storage.mapKeys('nothing'), storage.mapGet('m', 'zz')];
          }
          remove() { storage.del('k'); return storage.get('k'); }
          peek(other) {
            return [storage.globalGet(other, 'k'), storage.globalHas(other, 'k'), storage.globalMapGet(other, 'm', 'b'),
                    storage.globalMapHas(other, 'm', 'b'), storage.globalMapKeys(other, 'm'), storage.globalMapLen(other, 'm')];
          }
        }
        module.exports = Kv;
    "#;
    chain.deploy_source("kv", "kv.js", source, None);
    chain.deploy_source("kv2", "kv.js", source, None);
    chain.ok("kv", "fill", "[]");
    assert_eq!(chain.ok("kv", "read", "[]"), r#"["v",true,null,false,"1",false,["a","b"],2,[],null]"#);
    assert_eq!(chain.ok("kv2", "peek", r#"["kv"]"#), r#"["v",true,"2",true,["a","b"],2]"#);
    assert_eq!(
        chain.ok("kv2", "read", "[]"),
        r#"[null,false,null,false,null,false,[],0,[],null]"#,
        "kv2 has its own storage"
    );
    assert_eq!(chain.ok("kv", "remove", "[]"), "null");
}

#[test]
fn console_formats_like_node_and_keeps_levels() {
    let mut chain = Chain::new();
    let source = r#"
        class Logs {
          init() {}
          write() {
            console.log('%s has %d tokens (%i%%), ratio %f, %j', 'bob', 42, 7.9, '0.5', { a: 1 });
            console.info('plain', 1, true, null, undefined, [1, 'x'], { k: 'v' });
            console.debug('%o', new Map([['k', 1]]), new Set([2]));
            console.warn('extra %s', 'args', 'after');
            const loop = {}; loop.self = loop;
            console.error(loop, 10n, Symbol('s'));
          }
          fail() { console.log('before the throw'); throw new Error('x'); }
        }
        module.exports = Logs;
    "#;
    chain.deploy_source("logs", "logs.js", source, None);
    let receipt = chain.call("logs", "write", "[]");
    let lines: Vec<(LogLevel, &str)> = receipt.logs.iter().map(|l| (l.level, l.message.as_str())).collect();
    assert_eq!(
        lines,
        [
            (LogLevel::Info, r#"bob has 42 tokens (7%), ratio 0.5, {"a":1}"#),
            (LogLevel::Info, r#"plain 1 true null undefined [ 1, "x" ] { k: "v" }"#),
            (LogLevel::Debug, r#"Map(1) { "k" => 1 } Set(1) { 2 }"#),
            (LogLevel::Warn, "extra args after"),
            (LogLevel::Error, "{ self: [Circular] } 10n Symbol(s)"),
        ]
    );
    // Logs survive a failed call, for debugging.
    let failed = chain.call("logs", "fail", "[]");
    assert_eq!(failed.status, Status::RuntimeError);
    assert_eq!(failed.logs[0].message, "before the throw");
}

#[test]
fn unknown_and_oversized_contracts_are_refused() {
    let mut chain = Chain::new();
    let failing_init = "module.exports = class { init() { throw new Error('no'); } run() { return 1; } };";
    assert_eq!(chain.deploy_source("broken", "broken.js", failing_init, None).status, Status::RuntimeError);
    let receipt = chain.call("broken", "run", "[]");
    assert_eq!((receipt.status, receipt.message.as_str()), (Status::NotFound, "contract 'broken' is not deployed"));
    assert!(chain.state().is_empty());

    let big = format!("// {}\nmodule.exports = class {{ init() {{}} }};", "x".repeat(v8vm_compiler::MAX_SOURCE_BYTES));
    let size = big.len();
    let error = v8vm_runtime::Contract::from_source("big", "big.js", &big, None).unwrap_err();
    assert_eq!(error.to_string(), format!("big.js: {size} bytes, over the 1048576-byte limit per file"));
}

#[test]
fn es2022_methods_behave_as_standard() {
    let mut chain = Chain::new();
    let source = "class Modern { init() {}\n\
        run() { const a = [1, 2, 3, 4]; return JSON.stringify([a.at(-1), a.at(9), 'abc'.at(-2), a.findLast((x) => x % 2),\n\
        a.findLastIndex((x) => x > 9), new Uint8Array([5, 6]).at(-1), Object.hasOwn({ k: 1 }, 'k'), Object.hasOwn({}, 'toString')]); }\n\
        bad() { return [].findLast(3); } }\nmodule.exports = Modern;";
    assert!(chain.deploy_source("modern", "modern.js", source, None).is_success());
    assert_eq!(chain.ok("modern", "run", "[]"), r#"[4,null,"b",3,-1,6,true,false]"#);
    let receipt = chain.call("modern", "bad", "[]");
    assert!(receipt.message.starts_with("TypeError: number is not a function"), "{}", receipt.message);
}

#[test]
fn the_tour_uses_every_global() {
    let mut chain = Chain::new();
    chain.publisher = "alice".into();
    assert!(chain.deploy_file("../../examples/tour.js", "tour").is_success());
    let receipt = chain.call("tour", "tour", r#"["alice"]"#);
    assert_eq!(receipt.status, Status::Success, "{}", receipt.message);
    let ret: serde_json::Value = serde_json::from_str(&receipt.ret).unwrap();
    assert_eq!(
        ret,
        serde_json::json!({
            "visits": 1,
            "visitors": ["alice"],
            "block": 2,
            "publisher": "alice",
            "caller": "alice",
            "contract": "tour",
            "signed": true,
            "sha3": "644bcc7e564373040999aac89e7622f3ca71fba1d972fd94a31c3bfbf24e3938",
            "bigNumber": "8.00029e-11",
            "int64": "9007199254740994",
            "float64": "1028.806575",
            "circular": "TypeError",
        })
    );
    assert_eq!(receipt.logs[0].message, "visit #1 by alice");
    assert_eq!(receipt.receipts[0].content, r#"{"visitor":"alice","visits":1}"#);
    assert_eq!(receipt.events[0].content, r#"{"topic":"visit","visitor":"alice"}"#);
}
