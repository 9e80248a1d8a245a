//! A dev node through its RPC server: the token example, failures, events,
//! estimates, restarts; and a follower validating the producer's blocks.

use std::time::{Duration, Instant};

use futures_util::{SinkExt as _, StreamExt as _};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::Message;
use v8vm_chain::contract_id;
use v8vm_node::{ClientError, POOL_REFUSED, TX_REFUSED};
use v8vm_runtime::AmountLimit;

use crate::harness::{data_dir, token_example, tx, Served};

/// Subscribes over WebSocket at `addr` to `params`; returns the stream.
async fn subscribe(
    addr: std::net::SocketAddr,
    params: Value,
) -> tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>> {
    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws")).await.unwrap();
    let request = json!({ "jsonrpc": "2.0", "id": 1, "method": "subscribe", "params": params });
    ws.send(Message::Text(request.to_string().into())).await.unwrap();
    let reply = next_json(&mut ws).await;
    assert!(reply["result"].is_string(), "{reply}");
    ws
}

async fn next_json(
    ws: &mut tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>,
) -> Value {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(20), ws.next()).await.expect("a message in time");
        if let Some(Ok(Message::Text(text))) = message {
            return serde_json::from_str(&text).unwrap();
        }
    }
}

fn rpc_code(error: ClientError) -> (i64, String, Option<Value>) {
    match error {
        ClientError::Rpc { code, message, data } => (code, message, data),
        other => panic!("not an RPC error: {other}"),
    }
}

#[test]
fn a_dev_node_runs_the_token_example_through_its_rpc_server() {
    let dir = data_dir("serve");
    let served = Served::start(&dir, None);
    let info = served.call("getChainInfo", Value::Null).unwrap();
    assert_eq!((info["chainId"].as_u64(), info["number"].as_u64()), (Some(1024), Some(1)));

    // Deploy the token example: its id comes back.
    let deploy = tx("alice", &[("system.iost", "setCode", &token_example())], 5_000_000, None);
    let token = contract_id(&deploy.hash());
    let receipt = served.run(&deploy);
    assert_eq!((receipt["status"].as_str(), receipt["return"].as_str()), (Some("success"), Some(token.as_str())));
    let contract = served.call("getContract", json!({ "id": token })).unwrap();
    assert_eq!(contract["owner"], "alice");
    assert_eq!(contract["abi"]["abi"][3]["name"], "transfer");
    let balance =
        |who: &str| served.call("call", json!({ "contract": token, "method": "balanceOf", "args": [who] })).unwrap();
    assert_eq!(balance("alice")["return"], "1000000");

    // Events of the token, pushed over WebSocket; and new blocks.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (mut events, mut blocks) = runtime.block_on(async {
        (
            subscribe(served.addr, json!({ "topic": "events", "contract": token })).await,
            subscribe(served.addr, json!({ "topic": "blocks" })).await,
        )
    });

    // estimateGas is exact: a transaction with that limit succeeds and uses it all.
    let transfer = |who: &str, args: &str, gas_limit: u64| tx(who, &[(&token, "transfer", args)], gas_limit, None);
    let estimate = served
        .call(
            "estimateGas",
            json!({ "raw": hex::encode(transfer("alice", r#"["alice","bob","250"]"#, 1_000_000).encode()) }),
        )
        .unwrap();
    let gas = estimate["gas_used"].as_u64().unwrap();
    assert_eq!(estimate["receipt"]["status"], "success");
    let receipt = served.run(&transfer("alice", r#"["alice","bob","250"]"#, gas));
    assert_eq!((receipt["status"].as_str(), receipt["gas_used"].as_u64()), (Some("success"), Some(gas)), "{receipt}");
    assert_eq!(balance("bob")["return"], "250");
    let event = runtime.block_on(next_json(&mut events));
    assert_eq!(event["method"], "subscription");
    let content: Value = serde_json::from_str(event["params"]["result"]["event"]["content"].as_str().unwrap()).unwrap();
    assert_eq!(content, json!({ "topic": "transfer", "from": "alice", "to": "bob", "amount": "250" }));
    let block = runtime.block_on(next_json(&mut blocks));
    assert_eq!(block["params"]["result"]["number"], receipt["block_number"]);

    // Failures: receipts with the reason, nothing changed, the fee paid.
    let iost =
        |who: &str| served.call("getAccount", json!({ "name": who })).unwrap()["balance"].as_str().unwrap().to_owned();
    let native = |limit: &str| {
        tx(
            "alice",
            &[("token.iost", "transfer", r#"["iost","alice","bob","5",""]"#)],
            1_000_000,
            Some(vec![AmountLimit { token: "iost".into(), val: limit.into() }]),
        )
    };
    let failures = [
        (
            transfer("alice", r#"["alice","bob","2000000"]"#, 1_000_000),
            "runtime_error",
            "Error: insufficient balance: alice has 999750, needs 2000000 at token.js",
        ),
        (
            transfer("bob", r#"["alice","bob","1"]"#, 1_000_000),
            "runtime_error",
            "Error: transfer: alice did not sign this transaction at token.js",
        ),
        (
            native("1"),
            "runtime_error",
            "the transaction moves 5 iost out of alice's account, over its amount limit of 1 iost",
        ),
        (transfer("alice", r#"["alice","bob","1"]"#, 800), "out_of_gas", "out of gas"),
    ];
    for (tx, status, message) in failures {
        let before = iost(&tx.publisher);
        let receipt = served.run(&tx);
        assert_eq!(receipt["status"], status, "{receipt}");
        assert!(receipt["message"].as_str().unwrap().starts_with(message), "{receipt}");
        assert!(receipt["receipts"].as_array().unwrap().is_empty());
        let fee = receipt["fee"].as_str().unwrap();
        assert_ne!(fee, "0");
        assert_ne!(iost(&tx.publisher), before, "the fee ({fee}) is paid");
    }
    assert_eq!(balance("bob")["return"], "250");
    assert_eq!(
        served.call("getStorage", json!({ "contract": token, "key": "balances", "field": "bob" })).unwrap(),
        "250"
    );

    // Refused at the door, with a JSON-RPC error and the reason.
    let mut forged = transfer("alice", r#"["alice","bob","1"]"#, 1_000_000);
    forged.gas_limit += 1;
    let (code, message, data) = rpc_code(served.send(&forged).unwrap_err());
    assert_eq!((code, data), (-32001, Some(json!({ "reason": "bad_signature" }))));
    assert!(message.starts_with("signature 0"), "{message}");
    // A gas limit that cannot pay for the transaction's own bytes.
    let (code, message, _) = rpc_code(served.send(&transfer("alice", r#"["alice","bob","1"]"#, 300)).unwrap_err());
    assert_eq!(code, -32001);
    assert!(message.contains("gas_limit 300 is below the transaction's own cost of"), "{message}");
    assert_eq!(rpc_code(served.call("sendTx", json!({ "raw": "00ff" })).unwrap_err()).0, -32001);
    assert_eq!(rpc_code(served.call("sendTx", json!({ "raw": "not hex" })).unwrap_err()).0, -32602);
    assert_eq!(rpc_code(served.call("getBlock", json!({})).unwrap_err()).0, -32602);
    assert_eq!(rpc_code(served.call("nope", Value::Null).unwrap_err()).0, -32601);

    // Blocks by number and by hash; the head.
    let head = served.call("getChainInfo", Value::Null).unwrap();
    let by_number = served.call("getBlock", json!({ "number": head["number"] })).unwrap();
    let by_hash = served.call("getBlock", json!({ "hash": head["hash"], "receipts": true })).unwrap();
    assert_eq!(by_number["hash"], head["hash"]);
    assert_eq!(by_hash["number"], head["number"]);
    assert_eq!(by_hash["receipts"].as_array().unwrap().len(), by_hash["txs"].as_array().unwrap().len());
    assert_eq!(served.call("getBlock", json!({ "number": 1_000_000 })).unwrap(), Value::Null);

    // Stop, start again on the same data: the chain and the state are there.
    let deploy_hash = deploy.hash_hex();
    served.stop();
    drop((events, blocks));
    let served = Served::start(&dir, None);
    assert_eq!(served.call("getChainInfo", Value::Null).unwrap()["hash"], head["hash"]);
    assert_eq!(
        served.call("getTxReceipt", json!({ "hash": deploy_hash })).unwrap()["return"].as_str(),
        Some(token.as_str())
    );
    let balance = served.call("call", json!({ "contract": token, "method": "balanceOf", "args": ["bob"] })).unwrap();
    assert_eq!(balance["return"], "250");
    let receipt = served.run(&tx("bob", &[(&token, "transfer", r#"["bob","carol","50"]"#)], 1_000_000, None));
    assert_eq!(receipt["status"], "success", "{receipt}");
    assert_eq!(receipt["block_number"].as_u64(), Some(head["number"].as_u64().unwrap() + 1));
    served.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_follower_validates_the_producers_blocks_and_reaches_its_state() {
    let (producer_dir, follower_dir) = (data_dir("producer"), data_dir("follower"));
    let producer = Served::start(&producer_dir, None);
    let follower = Served::start(&follower_dir, Some(producer.client.url()));
    let deploy = tx("alice", &[("system.iost", "setCode", &token_example())], 5_000_000, None);
    let token = contract_id(&deploy.hash());
    producer.run(&deploy);
    let mut hashes = Vec::new();
    for i in 0..20 {
        let to = ["bob", "carol"][i % 2];
        hashes.push(
            producer
                .send(&tx("alice", &[(&token, "transfer", &format!(r#"["alice","{to}","{i}"]"#))], 1_000_000, None))
                .unwrap(),
        );
        hashes.push(
            producer
                .send(&tx("bob", &[("token.iost", "transfer", r#"["iost","bob","carol","0.5",""]"#)], 1_000_000, None))
                .unwrap(),
        );
    }
    let last = producer.receipt(hashes.last().unwrap());
    for hash in &hashes {
        producer.receipt(hash);
    }
    let head = producer.call("getChainInfo", Value::Null).unwrap();
    assert!(head["number"].as_u64() >= last["block_number"].as_u64());
    let start = Instant::now();
    loop {
        let followed = follower.call("getChainInfo", Value::Null).unwrap();
        if followed["number"] == head["number"] {
            assert_eq!((&followed["hash"], &followed["stateDigest"]), (&head["hash"], &head["stateDigest"]));
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "the follower is at {followed}, the producer at {head}");
        std::thread::sleep(Duration::from_millis(20));
    }
    for hash in &hashes {
        assert_eq!(follower.receipt(hash), producer.receipt(hash));
    }
    assert_eq!(
        follower.call("getAccount", json!({ "name": "carol" })).unwrap(),
        producer.call("getAccount", json!({ "name": "carol" })).unwrap()
    );
    // A follower takes no transactions.
    let refused =
        follower.send(&tx("bob", &[("token.iost", "transfer", r#"["iost","bob","carol","1",""]"#)], 1_000_000, None));
    assert_eq!(rpc_code(refused.unwrap_err()).0, -32002);
    follower.stop();
    producer.stop();
    let _ = std::fs::remove_dir_all(&producer_dir);
    let _ = std::fs::remove_dir_all(&follower_dir);
}

#[test]
fn a_producer_on_an_interval_makes_blocks_even_without_transactions() {
    let dir = data_dir("interval");
    let served = Served::start_producing(&dir, Duration::from_millis(50));
    let start = Instant::now();
    while served.call("getChainInfo", Value::Null).unwrap()["number"].as_u64() < Some(4) {
        assert!(start.elapsed() < Duration::from_secs(20), "no blocks");
        std::thread::sleep(Duration::from_millis(10));
    }
    let receipt =
        served.run(&tx("alice", &[("token.iost", "transfer", r#"["iost","alice","bob","1",""]"#)], 1_000_000, None));
    assert_eq!(receipt["status"], "success");
    let block = served.call("getBlock", json!({ "number": 3 })).unwrap();
    assert_eq!(block["txs"], json!([]));
    served.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

/// A transaction that runs into the node's deadline is refused unpaid: its
/// publisher, and the client address that sent it, may send nothing for
/// `RESOURCE_COOL_OFF`, so that nobody keeps a worker busy for free.
#[test]
fn a_transaction_past_the_deadline_pauses_its_sender() {
    let dir = data_dir("cool-off");
    // An endless loop at the most gas a transaction may have runs for ~1 s
    // on a fast machine (~1 ns a gas): a deadline of 100 ms stops it
    // whatever the machine.
    let served = Served::start_within(&dir, Duration::from_millis(100));
    let source = "class Spin { init() {} forever() { for (;;) {} } }\nmodule.exports = Spin;\n";
    let abi = json!({ "lang": "javascript", "version": "1.0.0", "abi": [{ "name": "forever", "args": [] }] });
    let bundle = json!({ "entry": "spin.js", "files": { "spin.js": source }, "abi": abi });
    let deploy = tx("bob", &[("system.iost", "setCode", &json!([bundle.to_string()]).to_string())], 5_000_000, None);
    let spin = contract_id(&deploy.hash());
    assert_eq!(served.run(&deploy)["status"], "success");

    let endless = tx("alice", &[(&spin, "forever", "[]")], 1_000_000_000, None);
    let (code, message, data) = rpc_code(served.send(&endless).unwrap_err());
    assert_eq!((code, data.unwrap()["reason"].as_str()), (TX_REFUSED, Some("resource_limit")), "{message}");
    let transfer = |who: &str| {
        let args = json!(["iost", who, "carol", "1", ""]).to_string();
        tx(who, &[("token.iost", "transfer", &args)], 100_000, None)
    };
    let (code, message, _) = rpc_code(served.send(&transfer("alice")).unwrap_err());
    assert_eq!(code, POOL_REFUSED);
    assert!(
        message.starts_with("alice's last transaction did not finish within this node's limits: it may send again in"),
        "{message}"
    );
    // The same client address, another account: its long transactions are
    // paused too; its short ones (others behind the same address) are not.
    let long = tx("bob", &[("token.iost", "transfer", r#"["iost","bob","carol","1",""]"#)], 20_000_000, None);
    let (_, message, _) = rpc_code(served.send(&long).unwrap_err());
    assert!(message.starts_with("this client address's last transaction did not finish"), "{message}");
    assert_eq!(served.run(&transfer("bob"))["status"], "success");
    // Nothing was charged; the node goes on with blocks and answers.
    assert_eq!(served.call("getAccount", json!({ "name": "alice" })).unwrap()["balance"], "1000000");
    assert_eq!(served.call("getChainInfo", Value::Null).unwrap()["pendingTxs"], 0);
    served.stop();
}

/// A transaction that passes the door but runs into the deadline inside a
/// block (it is slow only after another one of the same block) is left out
/// unpaid, and everything its address has pending goes with it, whoever
/// published it; the address may send nothing for a while. Throw-away
/// publishers buy an attacker nothing.
#[test]
fn a_transaction_past_the_deadline_in_a_block_drops_its_address() {
    let dir = data_dir("in-block-deadline");
    let served = Served::start_producing_within(&dir, Duration::from_secs(2), Duration::from_millis(100));
    // `mark` is quick once per block, and, after it in the same block,
    // loops for longer than the 100 ms deadline (its gas limit is large:
    // the two slow ones and the first still fit in one block's gas).
    let source = "class Mark { init() {}\n\
                  mark() { const k = 'b' + block.number;\n\
                    if (storage.has(k)) for (;;) {}\n\
                    storage.put(k, '1'); return false; } }\nmodule.exports = Mark;\n";
    let abi = json!({ "lang": "javascript", "version": "1.0.0", "abi": [{ "name": "mark", "args": [] }] });
    let bundle = json!({ "entry": "mark.js", "files": { "mark.js": source }, "abi": abi });
    let deploy = tx("bob", &[("system.iost", "setCode", &json!([bundle.to_string()]).to_string())], 5_000_000, None);
    let mark = contract_id(&deploy.hash());
    assert_eq!(served.run(&deploy)["status"], "success");
    // Right after a block, so that the three share the next one (tried
    // again if a block came between them).
    for _ in 0..3 {
        let head = served.node.chain().head().header.number;
        while served.node.chain().head().header.number == head {
            std::thread::sleep(Duration::from_millis(5));
        }
        // (Bob, who deployed it, goes first: a newcomer to blocks waits
        // for those who sent little recently.)
        let first = tx("bob", &[(&mark, "mark", "[]")], 100_000, None);
        let slow = tx("alice", &[(&mark, "mark", "[]")], 140_000_000, None);
        let later = tx("carol", &[(&mark, "mark", "[]")], 140_000_000, None);
        let sent: Vec<String> = [&first, &slow, &later].iter().map(|tx| served.send(tx).unwrap()).collect();
        let included = served.receipt(&sent[0]);
        // Another publisher from the same address is turned away too.
        let (code, message, _) = match served.send(&tx("admin", &[(&mark, "mark", "[]")], 100_000, None)) {
            Err(error) => rpc_code(error),
            Ok(_) => continue,
        };
        assert_eq!(code, POOL_REFUSED, "{message}");
        assert!(message.starts_with("this client address's last transaction did not finish"), "{message}");
        assert_eq!(included["status"], "success");
        // The slow ones (after alice's) are in no block: not paid for.
        for hash in &sent[1..] {
            let receipt = served.call("getTxReceipt", json!({ "hash": hash })).unwrap();
            assert!(receipt.get("block_number").is_none(), "{receipt}");
        }
        served.stop();
        return;
    }
    panic!("no transaction ran into the deadline in a block");
}

/// A contract nested 3,000 and 100,000 parentheses deep, sent to a running
/// node by `sendTx` and `estimateGas` (before issue 15, 3,000 levels
/// overflowed the compile thread's stack and aborted the node): a clear
/// refusal, naming where and the limit, and the node goes on serving.
#[test]
fn deeply_nested_contracts_are_refused_and_the_node_goes_on() {
    let dir = data_dir("nesting");
    let served = Served::start(&dir, None);
    let abi = json!({ "lang": "javascript", "version": "1.0.0", "abi": [{ "name": "go", "args": [] }] });
    let deploy = |depth: usize| {
        let source = format!(
            "class Deep {{ init() {{}} go() {{ return {}1{}; }} }}\nmodule.exports = Deep;\n",
            "(".repeat(depth),
            ")".repeat(depth)
        );
        let bundle = json!({ "entry": "deep.js", "files": { "deep.js": source }, "abi": abi });
        tx("bob", &[("system.iost", "setCode", &json!([bundle.to_string()]).to_string())], 5_000_000, None)
    };
    let refusal = "deep.js:1:1036: brackets nest more than 1000 deep here";
    let raw = |depth| json!({ "raw": hex::encode(deploy(depth).encode()) });
    // 3,000 levels: the estimate and the dry run at the door say why; in its
    // block it fails the same way, and pays for the bytes it stored.
    let estimate = served.call("estimateGas", raw(3_000)).unwrap();
    assert_eq!(
        (estimate["receipt"]["status"].as_str(), estimate["receipt"]["message"].as_str()),
        (Some("runtime_error"), Some(refusal))
    );
    let sent = served.call("sendTx", raw(3_000)).unwrap();
    assert_eq!(sent["dry_run"]["message"], refusal);
    let receipt = served.receipt(sent["hash"].as_str().unwrap());
    assert_eq!((receipt["status"].as_str(), receipt["message"].as_str()), (Some("runtime_error"), Some(refusal)));
    assert!(receipt["gas_used"].as_u64().unwrap() > 0, "{receipt}");
    // 100,000 levels: over the size of a transaction, refused by both.
    for method in ["estimateGas", "sendTx"] {
        let (code, message, _) = rpc_code(served.call(method, raw(100_000)).unwrap_err());
        assert_eq!(
            (code, message.as_str()),
            (TX_REFUSED, "the transaction is 200435 bytes, over the 65536-byte limit")
        );
    }
    // The node goes on: a transfer is committed.
    let transfer = tx("alice", &[("token.iost", "transfer", r#"["iost","alice","carol","1",""]"#)], 100_000, None);
    assert_eq!(served.run(&transfer)["status"], "success");
    assert_eq!(served.call("getChainInfo", Value::Null).unwrap()["chainId"], 1024);
    served.stop();
}
