//! `v8vm bench --hostile URL`: honest transfers per second into blocks while
//! attackers hammer the same node through its public JSON-RPC.
//!
//! Two phases of equal length on one running dev node: honest clients alone,
//! then honest clients and attackers. Honest clients, each from an address of
//! its own (127.0.1.1 and up, as independent users are), send signed native
//! transfers at a steady rate; attackers connect from 127.0.0.2 to 127.0.0.7,
//! and send deep-nesting deploys,
//! `estimateGas`/`call` at the query gas cap, a pool flood of heavy paid
//! transactions and of transactions that run into the node's deadline, all
//! from one account, oversized bodies, and slow connections that never finish
//! their headers. Loopback only: the node must run on this machine.

use std::collections::{BTreeMap, HashMap};
use std::io::{Read as _, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use serde_json::{json, Value};
use v8vm_chain::{contract_id, Genesis, Transaction, MAX_GAS_LIMIT};
use v8vm_node::Client;

use super::rpc::{action, chain_id, committed, signed, signed_with};
use super::Row;

/// The attackers' accounts, made and funded by the dev producer at the
/// start (their keys derive from their names, as the dev accounts' do): one
/// for the deep-nesting deploys, one for the heavy paid flood, one for the
/// transactions past the deadline, so that pausing one does not stop the
/// others.
const ATTACKERS: [&str; 3] = ["mallory_deep", "mallory_heavy", "mallory_late"];
/// The honest senders, each paying the next.
const HONEST: [&str; 3] = ["alice", "bob", "carol"];
/// Honest HTTP clients sending at once, each from its own address: enough
/// that the offered rate holds while each `sendTx` waits up to a couple of
/// hundred milliseconds for the node, as independent users would send,
/// whatever the node's answer time to others (with fewer, a slow answer
/// would hold back the next sends, and the rate measured would be the
/// answer time's).
const HONEST_CLIENTS: u8 = 64;
/// Connections held open with unfinished headers.
const SLOW_CONNECTIONS: usize = 2000;
/// How long after a phase honest transactions may still enter blocks.
const GRACE: Duration = Duration::from_secs(60);

/// A contract that burns gas: `spin` until it runs out, and `forever`.
const BURNER: &str = "class Burner {\n  init() {}\n  spin() { let x = 0; for (;;) { x += 1; } }\n  \
                      forever() { for (;;) {} }\n}\nmodule.exports = Burner;\n";
const BURNER_ABI: &str =
    r#"{"lang":"javascript","version":"1.0.0","abi":[{"name":"spin","args":[]},{"name":"forever","args":[]}]}"#;

/// The attacks `--hostile` runs (all by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Attack {
    /// Deploys nesting 3,000 and 30,000 parentheses, by `sendTx` and
    /// `estimateGas`.
    DeepNesting,
    /// `estimateGas` of 16 endless calls and `call` of one, 8 at once.
    Queries,
    /// One account's flood of heavy paid transactions (out of gas after a
    /// tenth of the largest gas limit).
    Flood,
    /// Another's transactions that run into the node's deadline.
    Deadline,
    /// 8 MiB bodies.
    Oversized,
    /// Connections that never finish their headers.
    Slow,
}

impl Attack {
    /// What the report calls it.
    fn name(self) -> &'static str {
        match self {
            Attack::DeepNesting => "deep nesting",
            Attack::Queries => "queries at the cap",
            Attack::Flood => "heavy paid flood",
            Attack::Deadline => "past the deadline",
            Attack::Oversized => "oversized bodies",
            Attack::Slow => "slow connections",
        }
    }
}

/// What one phase measured.
struct Phase {
    /// Honest transactions sent, and how many of them ended in a block.
    sent: usize,
    committed: usize,
    /// Honest sends the node refused.
    refused: usize,
    /// Committed per second, from the first send to the last commit.
    per_second: f64,
    /// Send to commit, median and worst, of the committed ones.
    latency: (Duration, Duration),
    /// How long `sendTx` took to answer, median and worst.
    answer: (Duration, Duration),
    /// The longest time between two consecutive blocks' times.
    longest_gap: Duration,
    blocks: u64,
}

/// What the attackers did, by attack: requests sent, and how the node
/// answered them (HTTP status or JSON-RPC error code, counted).
#[derive(Default)]
struct Tally(Mutex<BTreeMap<(&'static str, String), usize>>);

impl Tally {
    fn add(&self, attack: &'static str, answer: String) {
        *self.0.lock().expect("tally").entry((attack, answer)).or_default() += 1;
    }

    fn summary(&self) -> String {
        let tally = self.0.lock().expect("tally");
        let mut by_attack: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for ((attack, answer), count) in tally.iter() {
            by_attack.entry(attack).or_default().push(format!("{count}× {answer}"));
        }
        by_attack
            .iter()
            .map(|(attack, answers)| format!("{attack}: {}", answers.join(", ")))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

pub(super) fn rows(
    url: &str,
    seconds: u64,
    rate: u64,
    attacks: &[Attack],
    attack_rate: u64,
) -> anyhow::Result<Vec<Row>> {
    let client = Client::new(url);
    let addr = socket_addr(url)?;
    let chain_id = chain_id(&client)?;
    let bundle = json!({ "entry": "burner.js", "files": { "burner.js": BURNER }, "abi": serde_json::from_str::<Value>(BURNER_ABI)? });
    let mut setup = vec![action("system.iost", "setCode", json!([bundle.to_string()]))];
    for name in ATTACKERS {
        let key = Genesis::dev_key(name).public_b58();
        setup.push(action("system.iost", "newAccount", json!([name, key, key])));
        setup.push(action("token.iost", "transfer", json!(["iost", "admin", name, "1000000", ""])));
    }
    let deploy = signed_with(chain_id, "admin", 0, 10_000_000, setup, "unlimited");
    client.call("sendTx", json!({ "raw": hex::encode(deploy.encode()) }))?;
    let receipt = committed(&client, &deploy.hash_hex(), Instant::now())?;
    if receipt["status"] != "success" {
        bail!("setting up the attackers failed: {receipt}");
    }
    let burner = contract_id(&deploy.hash());

    let duration = Duration::from_secs(seconds);
    eprintln!("bench: honest clients alone, {seconds} s at {rate} tx/s...");
    let quiet = phase(&client, addr, chain_id, duration, rate, 1, None)?;
    eprintln!("bench: honest clients under attack, {seconds} s at {rate} tx/s...");
    let tally = Tally::default();
    let attacked = phase(
        &client,
        addr,
        chain_id,
        duration,
        rate,
        2,
        Some(Attackers { addr, burner: &burner, tally: &tally, attacks, rate: attack_rate }),
    )?;
    client.call("getChainInfo", Value::Null).context("the node no longer answers after the attack")?;

    let ratio = attacked.per_second / quiet.per_second;
    let describe = |phase: &Phase| {
        format!(
            "{}/{} committed ({} refused), send to commit median {:.0} ms, worst {:.0} ms; sendTx answered in \
             median {:.0} ms, worst {:.0} ms; {} blocks",
            phase.committed,
            phase.sent,
            phase.refused,
            phase.latency.0.as_secs_f64() * 1e3,
            phase.latency.1.as_secs_f64() * 1e3,
            phase.answer.0.as_secs_f64() * 1e3,
            phase.answer.1.as_secs_f64() * 1e3,
            phase.blocks
        )
    };
    Ok(vec![
        Row {
            vs: None,
            name: "honest transfers committed, no attack",
            value: format!("{:.0} tx/s", quiet.per_second),
            note: format!("{rate} tx/s offered for {seconds} s by {HONEST_CLIENTS} clients: {}", describe(&quiet)),
        },
        Row {
            vs: Some(("no attack", ratio)),
            name: "honest transfers committed, under attack",
            value: format!("{:.0} tx/s", attacked.per_second),
            note: format!("the same, attacked from another address: {}", describe(&attacked)),
        },
        Row {
            vs: Some(("no attack", attacked.longest_gap.as_secs_f64() / quiet.longest_gap.as_secs_f64().max(1e-3))),
            name: "longest gap between blocks, under attack",
            value: format!("{:.0} ms", attacked.longest_gap.as_secs_f64() * 1e3),
            note: format!(
                "{:.0} ms without the attack; the node answered throughout and after. The attackers: {}",
                quiet.longest_gap.as_secs_f64() * 1e3,
                tally.summary()
            ),
        },
    ])
}

/// One phase: honest transfers at `rate` for `duration` (nonces in `round`),
/// with the attackers running meanwhile if given.
fn phase(
    client: &Client,
    addr: SocketAddr,
    chain_id: u32,
    duration: Duration,
    rate: u64,
    round: usize,
    attack: Option<Attackers<'_>>,
) -> anyhow::Result<Phase> {
    let count = (duration.as_secs_f64() * rate as f64) as usize;
    let base = round * 10_000_000;
    let txs: Vec<Transaction> = (0..count)
        .map(|i| {
            let (from, to) = (HONEST[i % 3], HONEST[(i + 1) % 3]);
            signed(chain_id, from, base + i, action("token.iost", "transfer", json!(["iost", from, to, "0.001", ""])))
        })
        .collect();
    let raws: Vec<Value> = txs.iter().map(|tx| json!({ "raw": hex::encode(tx.encode()) })).collect();
    let first_block = client.call("getChainInfo", Value::Null)?["number"].as_u64().unwrap_or_default();
    let next = AtomicUsize::new(0);
    let refused = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let attacker_nonce = AtomicUsize::new(base + count);
    let sent_at: Vec<Mutex<Option<Instant>>> = (0..count).map(|_| Mutex::new(None)).collect();
    let answers = Mutex::new(Vec::with_capacity(count));
    let seen_at = Mutex::new(HashMap::new());
    let started = Instant::now();
    std::thread::scope(|scope| {
        scope.spawn(|| watch_blocks(client, first_block, &seen_at, &stop));
        if let Some(attackers) = &attack {
            attackers.start(scope, chain_id, &stop, &attacker_nonce);
        }
        let honest: Vec<_> = (0..HONEST_CLIENTS)
            .map(|k| {
                let (next, raws, sent_at, answers, refused) = (&next, &raws, &sent_at, &answers, &refused);
                scope.spawn(move || {
                    let client = Endpoint { node: addr, source: Ipv4Addr::new(127, 0, 1, 1 + k) };
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(raw) = raws.get(i) else { break };
                        // A steady rate: the i-th is sent at i / rate.
                        let due = started + Duration::from_secs_f64(i as f64 / rate as f64);
                        std::thread::sleep(due.saturating_duration_since(Instant::now()));
                        let sending = Instant::now();
                        *sent_at[i].lock().expect("sent_at") = Some(sending);
                        let answer = client.rpc("sendTx", raw.clone());
                        answers.lock().expect("answers").push(sending.elapsed());
                        if answer != "HTTP 200 result" && refused.fetch_add(1, Ordering::Relaxed) < 3 {
                            eprintln!("honest transfer refused: {answer}");
                        }
                    }
                })
            })
            .collect();
        for sender in honest {
            let _ = sender.join();
        }
        stop.store(true, Ordering::Relaxed);
    });

    // Commit times: when each block was first seen, until every honest
    // transaction is in one or the grace period ends.
    let mut seen_at = seen_at.into_inner().expect("seen_at");
    let mut latencies = Vec::new();
    let mut last_commit = started;
    let mut pending: Vec<usize> = (0..count).collect();
    let give_up = Instant::now() + GRACE;
    while !pending.is_empty() && Instant::now() < give_up {
        let now = Instant::now();
        record_blocks(client, first_block, &mut seen_at);
        pending.retain(|&i| {
            let Ok(receipt) = client.call("getTxReceipt", json!({ "hash": txs[i].hash_hex() })) else { return true };
            let Some(number) = receipt["block_number"].as_u64() else { return true };
            let at = seen_at.get(&number).copied().unwrap_or(now);
            let sent = sent_at[i].lock().expect("sent_at").unwrap_or(started);
            latencies.push(at.saturating_duration_since(sent));
            last_commit = last_commit.max(at);
            false
        });
        std::thread::sleep(Duration::from_millis(50));
    }
    let head = client.call("getChainInfo", Value::Null)?["number"].as_u64().unwrap_or_default();
    // The gaps between this phase's blocks (from the first one's parent).
    let mut times = Vec::new();
    for number in first_block.max(1)..=head {
        let block = client.call("getBlock", json!({ "number": number }))?;
        times.push(block["time"].as_i64().context("a block without a time")?);
    }
    let longest_gap = times.windows(2).map(|pair| (pair[1] - pair[0]).max(0)).max().unwrap_or_default();
    let committed = latencies.len();
    Ok(Phase {
        sent: count,
        committed,
        refused: refused.load(Ordering::Relaxed),
        per_second: committed as f64 / last_commit.duration_since(started).as_secs_f64().max(duration.as_secs_f64()),
        latency: median_and_worst(latencies),
        answer: median_and_worst(answers.into_inner().expect("answers")),
        longest_gap: Duration::from_nanos(longest_gap as u64),
        blocks: head - first_block,
    })
}

fn median_and_worst(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    (times.get(times.len() / 2).copied().unwrap_or_default(), times.last().copied().unwrap_or_default())
}

/// Records when each block after `first_block` was first seen, polling
/// until `stop`.
fn watch_blocks(client: &Client, first_block: u64, seen_at: &Mutex<HashMap<u64, Instant>>, stop: &AtomicBool) {
    let client = Client::new(client.url());
    while !stop.load(Ordering::Relaxed) {
        record_blocks(&client, first_block, &mut seen_at.lock().expect("seen_at"));
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Marks the blocks after `first_block` up to the head that were not seen
/// before as seen now.
fn record_blocks(client: &Client, first_block: u64, seen_at: &mut HashMap<u64, Instant>) {
    let Ok(head) = client.call("getChainInfo", Value::Null) else { return };
    let now = Instant::now();
    for number in first_block + 1 + seen_at.len() as u64..=head["number"].as_u64().unwrap_or_default() {
        seen_at.insert(number, now);
    }
}

/// The attackers of a phase: where, with which contract, what they do, and
/// where they count the node's answers.
struct Attackers<'a> {
    addr: SocketAddr,
    burner: &'a str,
    tally: &'a Tally,
    attacks: &'a [Attack],
    /// Requests a second each attacker thread sends at most.
    rate: u64,
}

/// Calls `request` until `stop`, at most `per_second` times a second.
fn paced(stop: &AtomicBool, per_second: u64, mut request: impl FnMut()) {
    let every = Duration::from_secs(1) / u32::try_from(per_second.max(1)).unwrap_or(u32::MAX);
    let mut next = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        request();
        next += every;
        std::thread::sleep(next.saturating_duration_since(Instant::now()));
    }
}

impl<'a> Attackers<'a> {
    /// Starts the attackers on `scope`; each runs until `stop`.
    fn start<'scope>(
        &self,
        scope: &'scope std::thread::Scope<'scope, '_>,
        chain_id: u32,
        stop: &'scope AtomicBool,
        nonce: &'scope AtomicUsize,
    ) where
        'a: 'scope,
    {
        let Attackers { addr, burner, tally, attacks, rate } = *self;
        // Each attack from an address of its own, as several machines would.
        let from = move |attack: Attack| Endpoint { node: addr, source: Ipv4Addr::new(127, 0, 0, 2 + attack as u8) };
        let runs = |attack| attacks.is_empty() || attacks.contains(&attack);
        let next_nonce = move || nonce.fetch_add(1, Ordering::Relaxed);
        // Deep nesting: a deploy whose method nests 3,000 and 30,000 parentheses,
        // signed and unsigned.
        if runs(Attack::DeepNesting) {
            scope.spawn(move || {
        let nested = |depth: usize| {
            let source = format!("class C {{ f() {{ return {}1{}; }} }}\nmodule.exports = C;\n", "(".repeat(depth), ")".repeat(depth));
            json!({ "entry": "c.js", "files": { "c.js": source }, "abi": { "lang": "javascript", "version": "1.0.0", "abi": [{ "name": "f", "args": [] }] } })
                .to_string()
        };
        let bundles = [nested(3_000), nested(30_000)];
        let node = from(Attack::DeepNesting);
        paced(stop, rate, || {
            for (bundle, method) in bundles.iter().zip(["sendTx", "estimateGas"]) {
                let tx = signed_with(chain_id, ATTACKERS[0], next_nonce(), MAX_GAS_LIMIT, vec![action("system.iost", "setCode", json!([bundle]))], "1");
                tally.add(Attack::DeepNesting.name(), node.rpc(method, json!({ "raw": hex::encode(tx.encode()) })));
            }
        });
    });
        }
        // Queries at the cap: `estimateGas` of 16 endless calls and `call` of
        // one, as many at once as the node lets one client have.
        for worker in (0..8).filter(|_| runs(Attack::Queries)) {
            scope.spawn(move || {
                let node = from(Attack::Queries);
                paced(stop, rate, || {
                    let answer = if worker % 2 == 0 {
                        let actions = vec![action(burner, "forever", json!([])); 16];
                        let tx = signed_with(chain_id, "admin", next_nonce(), MAX_GAS_LIMIT, actions, "1");
                        node.rpc("estimateGas", json!({ "raw": hex::encode(tx.encode()) }))
                    } else {
                        node.rpc("call", json!({ "contract": burner, "method": "forever", "args": [] }))
                    };
                    tally.add(Attack::Queries.name(), answer);
                });
            });
        }
        // The pool flood from one account: transactions that run out of gas
        // after a tenth of the largest gas limit (paid, heavy); and from
        // another, ones that run into the node's deadline (refused at the
        // door, unpaid).
        let floods =
            [(Attack::Flood, ATTACKERS[1], MAX_GAS_LIMIT / 10), (Attack::Deadline, ATTACKERS[2], MAX_GAS_LIMIT)];
        for (attack, account, gas_limit) in floods.into_iter().filter(|(attack, ..)| runs(*attack)) {
            for _ in 0..2 {
                scope.spawn(move || {
                    let node = from(attack);
                    paced(stop, rate, || {
                        let tx = signed_with(
                            chain_id,
                            account,
                            next_nonce(),
                            gas_limit,
                            vec![action(burner, "spin", json!([]))],
                            "1",
                        );
                        tally.add(attack.name(), node.rpc("sendTx", json!({ "raw": hex::encode(tx.encode()) })));
                    });
                });
            }
        }
        // Oversized bodies: 8 MiB sent whole.
        if runs(Attack::Oversized) {
            scope.spawn(move || {
                let (node, body) = (from(Attack::Oversized), vec![b' '; 8 << 20]);
                paced(stop, rate, || tally.add(Attack::Oversized.name(), node.post(&body)));
            });
        }
        // Slow connections: headers never finished, a byte every few seconds.
        if runs(Attack::Slow) {
            scope.spawn(move || {
                let (node, mut open) = (from(Attack::Slow), Vec::new());
                while !stop.load(Ordering::Relaxed) {
                    open.retain_mut(|stream: &mut TcpStream| stream.write_all(b"x").is_ok());
                    while open.len() < SLOW_CONNECTIONS && !stop.load(Ordering::Relaxed) {
                        match node.connect().and_then(|mut stream| {
                            stream.write_all(b"POST / HTTP/1.1\r\nHost: node\r\nX-Slow: ")?;
                            Ok(stream)
                        }) {
                            Ok(stream) => {
                                tally.add(Attack::Slow.name(), "opened".into());
                                open.push(stream);
                            }
                            Err(error) => {
                                tally.add(Attack::Slow.name(), format!("connect failed ({})", error.kind()));
                                break;
                            }
                        }
                    }
                    std::thread::sleep(Duration::from_secs(2));
                }
                let closed_by_node = open.iter_mut().filter(|stream| (&**stream).write_all(b"x").is_err()).count();
                tally.add(
                    "slow connections",
                    format!("{closed_by_node} of {} closed by the node at the end", open.len()),
                );
            });
        }
    }
}

/// `host:port` of an `http://host:port` address.
fn socket_addr(url: &str) -> anyhow::Result<SocketAddr> {
    let host = url.trim_start_matches("http://").trim_end_matches('/');
    let addr: SocketAddr = host.parse().with_context(|| format!("--hostile needs http://IP:PORT, not {url}"))?;
    if !addr.ip().is_loopback() {
        bail!("--hostile attacks only a node on this machine (a loopback address), not {addr}");
    }
    Ok(addr)
}

/// The node as seen from one source address.
#[derive(Clone, Copy)]
struct Endpoint {
    node: SocketAddr,
    source: Ipv4Addr,
}

impl Endpoint {
    /// A TCP connection to the node from the source address.
    fn connect(self) -> std::io::Result<TcpStream> {
        let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)?;
        socket.bind(&SocketAddr::from((self.source, 0)).into())?;
        socket.connect_timeout(&self.node.into(), Duration::from_secs(5))?;
        let stream: TcpStream = socket.into();
        stream.set_read_timeout(Some(Duration::from_secs(60)))?;
        stream.set_write_timeout(Some(Duration::from_secs(60)))?;
        Ok(stream)
    }

    /// POSTs `body` on a fresh connection; how the node answered: the HTTP
    /// status and the JSON-RPC error code and reason, if any.
    fn post(self, body: &[u8]) -> String {
        let answer = (|| {
            let mut stream = self.connect()?;
            write!(
                stream,
                "POST / HTTP/1.1\r\nHost: node\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
                 Connection: close\r\n\r\n",
                body.len()
            )?;
            // The node may answer and close before reading it all.
            let _ = stream.write_all(body);
            let mut answer = Vec::new();
            stream.read_to_end(&mut answer)?;
            Ok::<_, std::io::Error>(answer)
        })();
        let answer = match answer {
            Ok(answer) => String::from_utf8_lossy(&answer).into_owned(),
            Err(error) => return format!("connection closed ({})", error.kind()),
        };
        let Some(status) = answer.split(' ').nth(1) else { return "connection closed (no answer)".into() };
        let payload = answer.split_once("\r\n\r\n").map_or("", |(_, body)| body);
        let payload: Value = serde_json::from_str(payload).unwrap_or_default();
        match (payload["error"]["code"].as_i64(), payload["error"]["data"]["reason"].as_str()) {
            (Some(code), Some(reason)) => format!("HTTP {status} error {code} ({reason})"),
            (Some(code), None) => format!("HTTP {status} error {code}"),
            (None, _) => format!("HTTP {status} result"),
        }
    }

    /// One JSON-RPC call; how the node answered.
    fn rpc(self, method: &str, params: Value) -> String {
        self.post(json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params }).to_string().as_bytes())
    }
}
