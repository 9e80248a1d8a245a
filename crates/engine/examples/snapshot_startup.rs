//! Measures starting a worker from a startup snapshot against building its
//! realm by running the same library.
//!
//! ```text
//! cargo run --release -p v8vm-engine --example snapshot_startup [-- SETUP.js [ITERATIONS]]
//! ```
//!
//! Without a file the setup is a generated library of a few hundred lines
//! that defines classes, functions and frozen tables, hardens the realm and
//! returns `bind(ops) -> entry`. A file must follow the same contract (and
//! leave `Error` to `bind`, see `Snapshot::create`).

use std::time::{Duration, Instant};

use v8vm_engine::{Arg, Context, Function, HostError, HostObject, Isolate, IsolateOptions, JsValue, Snapshot};

fn main() {
    let mut args = std::env::args().skip(1);
    let (setup, name) = match args.next() {
        Some(path) => (std::fs::read_to_string(&path).expect("readable setup file"), path),
        None => (generated_setup(30), "generated.js".to_owned()),
    };
    let iterations: usize = args.next().map_or(200, |n| n.parse().expect("ITERATIONS is a number"));

    let start = Instant::now();
    v8vm_engine::init();
    println!("platform init: {:?}", start.elapsed());
    println!("setup: {} lines, {} bytes", setup.lines().count(), setup.len());

    let start = Instant::now();
    let snapshot = Snapshot::create(&setup, &name).expect("the setup snapshots");
    println!("Snapshot::create: {:?}", start.elapsed());
    let start = Instant::now();
    let again = Snapshot::create(&setup, &name).expect("the setup snapshots");
    println!("Snapshot::create (again): {:?}", start.elapsed());
    println!("blob: {} bytes ({} the second time)", snapshot.len(), again.len());

    // Each closure returns the time to a bound `entry` and to its first result.
    let plain = measure("plain: Isolate::new + new_context + compile + run setup + bind", iterations, || {
        let start = Instant::now();
        let isolate = Isolate::new(&IsolateOptions::default());
        let context = isolate.new_context();
        let setup = context.compile_function(&setup, &name, &[], None).expect("compiles").function;
        let bind = setup.call_for_function(&[]).expect("returns bind");
        bind_and_call(&context, &bind, start)
    });
    let snap = measure("snapshot: Isolate::new(snapshot) + new_context + take function + bind", iterations, || {
        let start = Instant::now();
        let options = IsolateOptions { snapshot: Some(snapshot.clone()), ..IsolateOptions::default() };
        let isolate = Isolate::new(&options);
        let context = isolate.new_context();
        let bind = context.take_snapshot_function().expect("a snapshot context");
        bind_and_call(&context, &bind, start)
    });
    let bare = measure("baseline: Isolate::new + new_context only", iterations, || {
        let start = Instant::now();
        let isolate = Isolate::new(&IsolateOptions::default());
        let _context = isolate.new_context();
        (start.elapsed(), start.elapsed())
    });
    // Contexts only, in one isolate kept for all iterations.
    let isolate = Isolate::new(&IsolateOptions::default());
    let plain_context =
        measure("plain context in a kept isolate: new_context + compile + run setup + bind", iterations, || {
            let start = Instant::now();
            let context = isolate.new_context();
            let setup = context.compile_function(&setup, &name, &[], None).expect("compiles").function;
            let bind = setup.call_for_function(&[]).expect("returns bind");
            bind_and_call(&context, &bind, start)
        });
    let isolate = Isolate::new(&IsolateOptions { snapshot: Some(snapshot.clone()), ..IsolateOptions::default() });
    let snap_context =
        measure("snapshot context in a kept isolate: new_context + take function + bind", iterations, || {
            let start = Instant::now();
            let context = isolate.new_context();
            let bind = context.take_snapshot_function().expect("a snapshot context");
            bind_and_call(&context, &bind, start)
        });
    println!(
        "median to a bound entry: new isolate: plain {plain:?}, snapshot {snap:?} ({:.1}x), bare isolate+context \
         {bare:?}; kept isolate: plain {plain_context:?}, snapshot {snap_context:?} ({:.1}x)",
        plain.as_secs_f64() / snap.as_secs_f64(),
        plain_context.as_secs_f64() / snap_context.as_secs_f64(),
    );
}

/// Runs `f` `iterations` times (after a few warm-up runs), prints the median
/// and mean of both times it returns, and returns the median of the first.
fn measure(label: &str, iterations: usize, mut f: impl FnMut() -> (Duration, Duration)) -> Duration {
    for _ in 0..5 {
        f();
    }
    let (mut ready, mut first): (Vec<Duration>, Vec<Duration>) = (0..iterations).map(|_| f()).unzip();
    ready.sort();
    first.sort();
    let mean = |v: &[Duration]| v.iter().sum::<Duration>() / u32::try_from(v.len()).unwrap_or(u32::MAX);
    let pct = |v: &[Duration], p: usize| v[(v.len() - 1) * p / 100];
    println!(
        "{label}\n  to bound entry: median {:?}, mean {:?}, p90 {:?}\n  to first entry result: median {:?}, mean {:?}",
        pct(&ready, 50),
        mean(&ready),
        pct(&ready, 90),
        pct(&first, 50),
        mean(&first)
    );
    pct(&ready, 50)
}

fn ops(context: &Context) -> HostObject {
    context.new_host_object(vec![(
        "double",
        Box::new(|args: &[JsValue]| match args {
            [JsValue::Number(n)] => Ok(JsValue::Number(n * 2.0)),
            _ => Err(HostError::type_error("double(n) takes a number")),
        }),
    )])
}

/// Binds host functions with `bind`, then calls the entry once; returns the
/// times since `start` to the bound entry and to its first result.
fn bind_and_call(context: &Context, bind: &Function, start: Instant) -> (Duration, Duration) {
    let ops = ops(context);
    let entry = bind.call_for_function(&[Arg::Object(&ops)]).expect("bind returns entry");
    let ready = start.elapsed();
    // A generated entry returns a number; a file's entry may want other
    // arguments and throw, which is fine for timing.
    let _ = entry.call(&[JsValue::Number(1.0)]);
    (ready, start.elapsed())
}

/// A library of `modules` classes with methods, frozen tables and helper
/// functions, a hardening pass over the realm (except `Error`, which `bind`
/// freezes), and `bind(ops) -> entry`.
fn generated_setup(modules: usize) -> String {
    let mut js = String::from(
        "'use strict';
const { freeze, getOwnPropertyDescriptor, getPrototypeOf } = Object;
const { ownKeys } = Reflect;
for (const name of ['Date', 'Intl', 'WeakRef', 'FinalizationRegistry', 'WebAssembly', 'eval']) {
  delete globalThis[name];
}
delete Math.random;
",
    );
    for i in 0..modules {
        js.push_str(&format!(
            "class Module{i} {{
  constructor(x) {{ this.x = x; this.history = []; }}
  add(y) {{ this.history.push(['add', y]); return this.x + y + table{i}.offset; }}
  scale(y) {{ return table{i}.weights.reduce((s, w) => s + w * y, 0); }}
  describe() {{ return `Module{i}(${{this.x}}, ${{table{i}.name}})`; }}
  static create(x) {{ return new Module{i}(helper{i}(x, {i})); }}
}}
const table{i} = freeze({{ name: 'module-{i}', offset: {i}, weights: freeze([{i}, 1, 2, 3]),
  limits: freeze({{ min: 0, max: {max} }}) }});
function helper{i}(a, b) {{
  if (typeof a !== 'number' || typeof b !== 'number') throw new TypeError('helper{i}: numbers only');
  return a < table{i}.limits.max ? a + b : table{i}.limits.max;
}}
",
            max = 100 * (i + 1)
        ));
    }
    let names: Vec<String> = (0..modules).map(|i| format!("Module{i}")).collect();
    js.push_str(&format!(
        "const registry = freeze({{ {} }});
function harden(roots, skip) {{
  const seen = new Set([skip]);
  const pending = [...roots];
  while (pending.length > 0) {{
    const value = pending.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    seen.add(value);
    pending.push(getPrototypeOf(value));
    for (const key of ownKeys(value)) {{
      const desc = getOwnPropertyDescriptor(value, key);
      if ('value' in desc) pending.push(desc.value);
      else pending.push(desc.get, desc.set);
    }}
    freeze(value);
  }}
}}
harden([globalThis, registry, getPrototypeOf(function* g() {{}}), getPrototypeOf(async function a() {{}}),
  getPrototypeOf([][Symbol.iterator]()), getPrototypeOf(new Map()[Symbol.iterator]())], Error);
return function bind(ops) {{
  freeze(Error);
  return function entry(x) {{
    let sum = 0;
    for (const name of ownKeys(registry)) sum += registry[name].create(x).add(1);
    return ops.double(x) + sum;
  }};
}};
",
        names.join(", ")
    ));
    js
}
