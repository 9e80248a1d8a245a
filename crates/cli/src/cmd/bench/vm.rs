//! The VM's basic costs: isolates, contexts, LoadVM, warm calls, transfers, deadlines.

use std::sync::Arc;
use std::time::{Duration, Instant};

use v8vm_engine::{Isolate, IsolateOptions};
use v8vm_runtime::{Action, Contract, Sandbox, SandboxOptions, Status, Worker};

use super::{median, micros, ratio, sample, Ledger, Row};

const HELLO: &str = include_str!("../../../../../examples/hello.js");
const TOKEN: &str = include_str!("../../../../../examples/token.js");
const TOKEN_ABI: &str = include_str!("../../../../../examples/token.abi");
const LOOPS: &str = include_str!("../../../../runtime/tests/hostile/loops.js");

pub(super) fn rows(scale: usize) -> anyhow::Result<Vec<Row>> {
    let mut rows = Vec::new();

    let isolate_new = median(&sample(60 / scale + 3, || {
        let start = Instant::now();
        let isolate = Isolate::new(&IsolateOptions::default());
        let elapsed = start.elapsed();
        drop(isolate);
        elapsed
    }));
    rows.push(Row {
        name: "isolate creation",
        value: micros(isolate_new),
        note: "Isolate::new, 128 MiB heap limit".into(),
    });

    let isolate = Isolate::new(&IsolateOptions::default());
    let context_new = median(&sample(300 / scale, || {
        let start = Instant::now();
        let context = isolate.new_context();
        let elapsed = start.elapsed();
        drop(context);
        elapsed
    }));
    drop(isolate);
    rows.push(Row { name: "context creation", value: micros(context_new), note: "bare V8 context".into() });

    let load_vm = median(&sample(30 / scale + 3, || {
        let start = Instant::now();
        let sandbox = Sandbox::new(&SandboxOptions::default()).expect("sandbox loads");
        let elapsed = start.elapsed();
        drop(sandbox);
        elapsed
    }));
    rows.push(Row {
        name: "LoadVM (sandbox creation)",
        value: micros(load_vm),
        note: "isolate + context + class libraries + frozen realm".into(),
    });

    let hello = Arc::new(Contract::from_source("hello", "hello.js", HELLO, None)?);
    let mut sandbox = Sandbox::new(&SandboxOptions::default())?;
    let mut ledger = Ledger::default();
    ledger.execute(&hello, Action::Deploy, |r| sandbox.execute(&r));
    let hello_call = Action::Call { method: "hello".into(), args: r#"["bench"]"#.into() };
    let warm = median(&sample(3000 / scale, || {
        let start = Instant::now();
        ledger.execute(&hello, hello_call.clone(), |r| sandbox.execute(&r));
        start.elapsed()
    }));
    rows.push(Row {
        name: "warm hello call",
        value: micros(warm),
        note: "Sandbox on the calling thread, state applied".into(),
    });

    let worker = Worker::spawn(SandboxOptions::default())?;
    let warm_worker = median(&sample(3000 / scale, || {
        let start = Instant::now();
        ledger.execute(&hello, hello_call.clone(), |r| worker.execute(r).expect("worker runs"));
        start.elapsed()
    }));
    rows.push(Row {
        name: "warm hello call via a worker",
        value: micros(warm_worker),
        note: format!("includes the thread hop; {:.2}x the direct call", ratio(warm_worker, warm)),
    });

    let abi = v8vm_runtime::Abi::parse(TOKEN_ABI)?;
    let token = Arc::new(Contract::from_source("token", "token.js", TOKEN, Some(abi))?);
    ledger.execute(&token, Action::Deploy, |r| worker.execute(r).expect("worker runs"));
    let transfers = 5000 / scale;
    let start = Instant::now();
    for i in 0..transfers {
        let to = if i % 2 == 0 { "bob" } else { "carol" };
        let args = format!(r#"["admin","{to}","1"]"#);
        ledger.execute(&token, Action::Call { method: "transfer".into(), args }, |r| {
            worker.execute(r).expect("worker runs")
        });
    }
    let elapsed = start.elapsed();
    let per_second = transfers as f64 / elapsed.as_secs_f64();
    rows.push(Row {
        name: "warm token transfers, one worker",
        value: format!("{per_second:.0} tx/s"),
        note: format!(
            "{transfers} transfers, {:.1} µs each on average",
            elapsed.as_secs_f64() * 1e6 / transfers as f64
        ),
    });

    let loops = Arc::new(Contract::from_source("loops", "loops.js", LOOPS, None)?);
    ledger.execute(&loops, Action::Deploy, |r| worker.execute(r).expect("worker runs"));
    let deadline = Duration::from_millis(50);
    let lateness = median(&sample(40 / scale, || {
        let request = ledger.request(&loops, Action::Call { method: "plain".into(), args: "[]".into() }, deadline);
        let start = Instant::now();
        let execution = worker.execute(request).expect("worker runs");
        let elapsed = start.elapsed();
        assert_eq!(execution.receipt.status, Status::Timeout);
        elapsed.saturating_sub(deadline)
    }));
    rows.push(Row {
        name: "`while(true){}` stopped after its deadline",
        value: micros(lateness),
        note: "lateness past a 50 ms deadline, measured from the caller".into(),
    });

    Ok(rows)
}
