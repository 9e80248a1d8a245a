//! Gas: what metering costs, and how much CPU one unit of gas buys.

use std::sync::Arc;
use std::time::{Duration, Instant};

use v8vm_runtime::{Action, Contract, Sandbox, SandboxOptions};

use super::{median, micros, sample, Ledger, Row};

/// Compute-heavy methods for the overhead comparison.
const COMPUTE: &str = r#"
class Compute {
  init() {}
  loops() { let x = 0; for (let i = 0; i < 200000; i++) { x = (x + i * 3) % 1000003; } return x; }
  recursion() { const fib = (n) => (n < 2 ? n : fib(n - 1) + fib(n - 2)); return fib(20); }
  sorting() { const a = []; for (let i = 0; i < 5000; i++) a.push((i * 7919) % 10007); a.sort((p, q) => p - q); return a[0]; }
  strings() { let s = ''; for (let i = 0; i < 5000; i++) { s += 'item ' + i + ';'; } return s.length; }
}
module.exports = Compute;
"#;

/// One loop of each kind of work, `n` times, for calibration.
const WORKLOADS: &[(&str, &str)] = &[
    ("empty loop", "for (let i = 0; i < n; i++) {}"),
    ("arithmetic", "let x = 1; for (let i = 0; i < n; i++) { x = (x * 31 + i) % 65521; }"),
    ("branches", "let x = 0; for (let i = 0; i < n; i++) { if (i % 3 === 0) x++; else if (i % 3 === 1) x--; else x += 2; }"),
    ("switch", "let x = 0; for (let i = 0; i < n; i++) { switch (i % 4) { case 0: x++; break; case 1: x--; break; default: x += 2; } }"),
    ("function calls", "const f = (a) => a + 1; let x = 0; for (let i = 0; i < n; i++) { x = f(x); }"),
    ("closures", "let x = 0; for (let i = 0; i < n; i++) { const g = () => i; x += g(); }"),
    ("objects", "let o; for (let i = 0; i < n; i++) { o = { a: i, b: [i], c: { d: i } }; }"),
    ("property access", "const o = { a: 1, b: { c: 2 } }; let x = 0; for (let i = 0; i < n; i++) { x += o.a + o.b.c; }"),
    ("array push", "const a = []; for (let i = 0; i < n; i++) { a.push(i); }"),
    ("Map set/get", "const m = new Map(); for (let i = 0; i < n; i++) { m.set(i, i); m.get(i - 1); }"),
    ("try/catch", "let x = 0; for (let i = 0; i < n; i++) { try { if (i % 100 === 0) throw new Error('e'); x++; } catch (e) { x--; } }"),
    ("string +", "let s = ''; for (let i = 0; i < n; i++) { s = s.length > 1000 ? '' : s + 'ab'; }"),
    ("template", "let s = ''; for (let i = 0; i < n; i++) { s = `${i}:${i + 1}`; }"),
    ("repeat", "let l = 0; for (let i = 0; i < n; i++) { l += 'ab'.repeat(200).length; }"),
    ("split/join", "const t = 'a,b,c,d,e,f,g,h'; let l = 0; for (let i = 0; i < n; i++) { l += t.split(',').join(';').length; }"),
    ("map/filter", "const a = Array.from({ length: 100 }, (_, i) => i); let l = 0; for (let i = 0; i < n / 100; i++) { l += a.map((v) => v * 2).filter((v) => v % 3).length; }"),
    ("sort", "let l = 0; for (let i = 0; i < n / 100; i++) { const a = []; for (let j = 0; j < 100; j++) a.push((j * 37) % 101); l += a.sort((p, q) => p - q)[0]; }"),
    ("JSON", "let l = 0; for (let i = 0; i < n / 10; i++) { l += JSON.parse(JSON.stringify({ a: [1, 2, 3], b: 'text', i })).a.length; }"),
    ("regex", "const r = /([a-z]+)-(\\d+)/; let l = 0; for (let i = 0; i < n; i++) { if (r.test('item-' + i)) l++; }"),
    ("BigInt", "let x = 1n; for (let i = 0; i < n; i++) { x = (x * 31n + 7n) % 1000000007n; }"),
    ("storage.put", "for (let i = 0; i < n / 10; i++) { storage.put('k' + (i % 50), 'value ' + i); }"),
    ("storage.get", "storage.put('k', 'v'.repeat(64)); let l = 0; for (let i = 0; i < n / 10; i++) { l += storage.get('k').length; }"),
    ("storage.mapPut", "for (let i = 0; i < n / 10; i++) { storage.mapPut('m', 'f' + (i % 50), 'v' + i); }"),
    ("console.log", "for (let i = 0; i < n / 100; i++) { console.log('line %d of %s', i, 'log'); }"),
    ("receipts", "for (let i = 0; i < n / 100; i++) { blockchain.receipt('r' + i); }"),
    ("IOSTCrypto.sha3", "let l = 0; for (let i = 0; i < n / 10; i++) { l += IOSTCrypto.sha3('message ' + i).length; }"),
    // Valid signatures (made with fixed keys), so each check does all its work.
    ("verify ed25519", "let l = 0; for (let i = 0; i < n / 2000; i++) { l += IOSTCrypto.verify('ed25519', \
      'KCEbn6vGR28WzVbwz6nmY2FE2x', '3o1riYwMvkUg1K1w39ST8myqGiVCwwSbugHL8EujZe5ryQh7yg4BLHQw8pgqLNsNRTNgUyHXZPmGNp6eam3zH3E4', \
      'GmaDrppBC7P5ARKV8g3djiwP89vz1jLK23V2GBjuAEGB'); }"),
    ("verify secp256k1", "let l = 0; for (let i = 0; i < n / 2000; i++) { l += IOSTCrypto.verify('secp256k1', \
      'FFBszZRGuGNWM8HMFXpjKiWTgB7gzsNUHaFBnoyeZi9q', '312pm6mgpHG5LQhzhSmdc61rRD5DCE5cw8CaPtjGg1cqBbQCPoWacWPFR6AX6jQiMnCRPuFTtzVshD9ejPgQQW1S', \
      'hJ5Fdz3FdgJZuv4mJ7sU4Jv6JQTLaJW89C9MnhQEMenr'); }"),
];

pub(super) fn overhead_rows(scale: usize) -> anyhow::Result<Vec<Row>> {
    let metered = Arc::new(Contract::new("compute", Arc::new(v8vm_compiler::compile_source("c.js", COMPUTE, None)?))?);
    let unmetered =
        Arc::new(Contract::new("compute", Arc::new(v8vm_compiler::compile_source_unmetered("c.js", COMPUTE, None)?))?);
    let mut sandbox = Sandbox::new(&SandboxOptions { allow_unmetered: true, ..SandboxOptions::default() })?;
    let mut with = Ledger::default();
    let mut without = Ledger::default();
    with.execute(Action::Deploy(metered), |r| sandbox.execute(&r));
    without.execute(Action::Deploy(unmetered), |r| sandbox.execute(&r));
    let mut rows = Vec::new();
    for method in ["loops", "recursion", "sorting", "strings"] {
        let call = || Action::call("compute", method, "[]");
        // Interleave the two so both see the same machine noise.
        let (mut on, mut off) = (Vec::new(), Vec::new());
        for _ in 0..(60 / scale).max(5) {
            on.extend(sample(1, || time(|| drop(with.execute(call(), |r| sandbox.execute(&r))))));
            off.extend(sample(1, || time(|| drop(without.execute(call(), |r| sandbox.execute(&r))))));
        }
        let (on, off) = (median(&on), median(&off));
        rows.push(Row {
            vs: Some(("unmetered", on.as_secs_f64() / off.as_secs_f64())),
            name: method,
            value: format!("{:.2}x", on.as_secs_f64() / off.as_secs_f64()),
            note: format!("{} metered, {} unmetered", micros(on), micros(off)),
        });
    }
    Ok(rows)
}

pub(super) fn calibration_rows(scale: usize) -> anyhow::Result<(Vec<Row>, String)> {
    let n = 20_000 / scale as u64;
    let methods: String = WORKLOADS
        .iter()
        .enumerate()
        .map(|(i, (_, body))| format!("  w{i}(count) {{ const n = Number(count); {body} }}\n"))
        .collect();
    let source = format!("class Calibration {{\n  init() {{}}\n{methods}}}\nmodule.exports = Calibration;\n");
    let contract =
        Arc::new(Contract::new("calibration", Arc::new(v8vm_compiler::compile_source("cal.js", &source, None)?))?);
    let mut sandbox = Sandbox::new(&SandboxOptions::default())?;
    let mut ledger = Ledger::default();
    ledger.execute(Action::Deploy(contract), |r| sandbox.execute(&r));
    let mut measured = Vec::new();
    for (i, (name, _)) in WORKLOADS.iter().enumerate() {
        let call = || Action::call("calibration", &format!("w{i}"), &format!(r#"["{n}"]"#));
        let mut gas = 0;
        let elapsed = median(&sample((15 / scale).max(3), || {
            time(|| gas = ledger.execute(call(), |r| sandbox.execute(&r)).gas_used)
        }));
        measured.push((*name, gas, elapsed, elapsed.as_nanos() as f64 / gas as f64));
    }
    let mut per_gas: Vec<f64> = measured.iter().map(|m| m.3).collect();
    per_gas.sort_by(f64::total_cmp);
    let median_ns = per_gas[per_gas.len() / 2];
    let (worst_name, _, _, worst) = measured.iter().copied().max_by(|a, b| a.3.total_cmp(&b.3)).expect("workloads");
    let rows = measured
        .iter()
        .map(|&(name, gas, elapsed, ns)| Row {
            vs: Some(("the median workload", ns / median_ns)),
            name,
            value: format!("{ns:.2}"),
            note: format!("{gas} gas in {}; {:.2}x the median", micros(elapsed), ns / median_ns),
        })
        .collect();
    let summary = format!(
        "\n{} workloads, {n} iterations each: median {median_ns:.2} ns per gas; the costliest per gas is \
         \"{worst_name}\" at {worst:.2} ns, {:.2}x the median.",
        measured.len(),
        worst / median_ns
    );
    Ok((rows, summary))
}

fn time(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}
