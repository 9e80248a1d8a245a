//! `v8vm bench --rpc URL`: signed native-token transfers per second through
//! a node's JSON-RPC into committed blocks, the load sent from this process
//! (the node runs in another: `scripts/bench-rpc.sh`).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use serde_json::{json, Value};
use v8vm_chain::{Genesis, Transaction, TxAction};
use v8vm_node::{now_ns, Client};
use v8vm_runtime::AmountLimit;

use super::vm::{TOKEN, TOKEN_ABI};
use super::Row;

/// The dev accounts that send native transfers, each to the next.
const SENDERS: [&str; 3] = ["alice", "bob", "carol"];

/// A transaction of one action by dev account `from` (a dev chain's
/// well-known keys), made distinct by `nonce`.
pub(super) fn signed(chain_id: u32, from: &str, nonce: usize, action: TxAction) -> Transaction {
    signed_with(chain_id, from, nonce, 100_000, vec![action], "1")
}

/// A transaction of `actions` by dev account `from` with `gas_limit`, that
/// may move up to `iost` of the native token, made distinct by `nonce`.
pub(super) fn signed_with(
    chain_id: u32,
    from: &str,
    nonce: usize,
    gas_limit: u64,
    actions: Vec<TxAction>,
    iost: &str,
) -> Transaction {
    let start = now_ns() - 1_000_000_000;
    let mut tx = Transaction {
        chain_id,
        time: start + nonce as i64,
        expiration: start + 80_000_000_000,
        gas_limit,
        gas_price: 1,
        publisher: from.into(),
        actions,
        amount_limit: vec![AmountLimit { token: "iost".into(), val: iost.into() }],
        signers: Vec::new(),
        signatures: Vec::new(),
    };
    let key = Genesis::dev_key(from);
    tx.add_signature(key.algorithm(), key.public_key(), key.sign(&tx.hash()));
    tx
}

pub(super) fn action(contract: &str, method: &str, args: Value) -> TxAction {
    TxAction { contract: contract.into(), method: method.into(), args: args.to_string() }
}

/// Waits until transaction `hash` is in a block; its receipt.
pub(super) fn committed(client: &Client, hash: &str, since: Instant) -> anyhow::Result<Value> {
    loop {
        let receipt = client.call("getTxReceipt", json!({ "hash": hash }))?;
        if receipt.get("block_number").is_some() {
            return Ok(receipt);
        }
        if since.elapsed() > Duration::from_secs(600) {
            bail!("transaction {hash} is not in a block after 10 minutes");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// The chain id of the node `client` asks.
pub(super) fn chain_id(client: &Client) -> anyhow::Result<u32> {
    client.call("getChainInfo", Value::Null)?["chainId"]
        .as_u64()
        .and_then(|id| u32::try_from(id).ok())
        .context("no chain id")
}

/// Native transfers, then transfers of the token example (a JavaScript
/// contract, deployed first): `count` of each from `senders` threads.
pub(super) fn rows(url: &str, count: usize, senders: usize) -> anyhow::Result<Vec<Row>> {
    let client = Client::new(url);
    let chain_id = chain_id(&client)?;
    let native: Vec<Transaction> = (0..count)
        .map(|i| {
            let (from, to) = (SENDERS[i % 3], SENDERS[(i + 1) % 3]);
            signed(chain_id, from, i, action("token.iost", "transfer", json!(["iost", from, to, "0.001", ""])))
        })
        .collect();
    let mut rows = measure(&client, &native, senders, "token.iost (native, Rust)")?;

    let bundle = json!({ "entry": "token.js", "files": { "token.js": TOKEN }, "abi": serde_json::from_str::<Value>(TOKEN_ABI)? });
    let deploy = signed(chain_id, "alice", count, action("system.iost", "setCode", json!([bundle.to_string()])));
    client.call("sendTx", json!({ "raw": hex::encode(deploy.encode()) }))?;
    let token =
        committed(&client, &deploy.hash_hex(), Instant::now())?["return"].as_str().unwrap_or_default().to_owned();
    let example: Vec<Transaction> = (0..count)
        .map(|i| {
            let to = SENDERS[1 + i % 2];
            signed(chain_id, "alice", count + 1 + i, action(&token, "transfer", json!(["alice", to, "1"])))
        })
        .collect();
    rows.extend(measure(&client, &example, senders, "the token example (JavaScript)")?);
    Ok(rows)
}

/// Sends `txs` from `senders` threads, waits until all are in blocks, and
/// reports the rates.
fn measure(client: &Client, txs: &[Transaction], senders: usize, what: &str) -> anyhow::Result<Vec<Row>> {
    let count = txs.len();
    let first_block = client.call("getChainInfo", Value::Null)?["number"].as_u64().unwrap_or_default();
    let raws: Vec<Value> = txs.iter().map(|tx| json!({ "raw": hex::encode(tx.encode()) })).collect();
    let next = AtomicUsize::new(0);
    let refused = AtomicUsize::new(0);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..senders {
            scope.spawn(|| {
                let client = Client::new(client.url());
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(raw) = raws.get(i) else { break };
                    if let Err(error) = client.call("sendTx", raw.clone()) {
                        if refused.fetch_add(1, Ordering::Relaxed) == 0 {
                            eprintln!("refused: {error}");
                        }
                    }
                }
            });
        }
    });
    let sent = started.elapsed();
    if refused.load(Ordering::Relaxed) > 0 {
        bail!("{} of {count} transactions were refused", refused.load(Ordering::Relaxed));
    }
    // A FIFO pool: once the last is in a block, the rest are too (each is
    // checked below).
    committed(client, &txs.last().context("no transactions")?.hash_hex(), started)?;
    let elapsed = started.elapsed();
    let mut succeeded = 0;
    for tx in txs {
        let receipt = client.call("getTxReceipt", json!({ "hash": tx.hash_hex() }))?;
        succeeded += usize::from(receipt["status"] == "success");
    }
    let blocks = client.call("getChainInfo", Value::Null)?["number"].as_u64().unwrap_or_default() - first_block;
    let per_second = |elapsed: Duration| format!("{:.0} tx/s", count as f64 / elapsed.as_secs_f64());
    Ok(vec![
        Row {
            vs: None,
            name: "accepted by sendTx",
            value: per_second(sent),
            note: format!("{what}: {count} signed transfers, {senders} HTTP clients; door checks and a dry run each"),
        },
        Row {
            vs: None,
            name: "committed in blocks",
            value: per_second(elapsed),
            note: format!(
                "{what}: first send to last receipt in a block {:.2} s, {blocks} blocks, {succeeded}/{count} succeeded",
                elapsed.as_secs_f64()
            ),
        },
    ])
}
