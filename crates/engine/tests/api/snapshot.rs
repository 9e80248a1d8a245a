use std::sync::OnceLock;
use std::time::Duration;

use v8vm_engine::{
    Arg, Context, EngineError, Function, HostError, Isolate, IsolateOptions, JsValue, Snapshot, TerminationReason,
};

use crate::terminate::terminate_after;

/// A hardened library: a frozen global `lib`, a frozen realm, and `bind`.
const LIBRARY: &str = "'use strict';
const lib = Object.freeze({ base: 100 });
Object.defineProperty(globalThis, 'lib', { value: lib, enumerable: true });
Object.freeze(globalThis);
return function bind(ops) {
  return function entry(x) { return ops.double(x) + lib.base; };
};";

/// The library's snapshot, made once for all tests.
fn library() -> Snapshot {
    static SNAPSHOT: OnceLock<Snapshot> = OnceLock::new();
    SNAPSHOT.get_or_init(|| Snapshot::create(LIBRARY, "v8vm:lib.js").expect("the library snapshots")).clone()
}

/// An isolate (default options) and a context from `snapshot`.
fn snapshot_realm(snapshot: &Snapshot) -> (Isolate, Context) {
    let isolate = Isolate::new(&IsolateOptions { snapshot: Some(snapshot.clone()), ..IsolateOptions::default() });
    let context = isolate.new_context();
    (isolate, context)
}

/// `bind` applied to a host object whose `double` is a Rust closure.
fn bound_entry(context: &Context) -> Function {
    let bind = context.take_snapshot_function().expect("a snapshot context has the setup's function");
    let ops = context.new_host_object(vec![(
        "double",
        Box::new(|args: &[JsValue]| match args {
            [JsValue::Number(n)] => Ok(JsValue::Number(n * 2.0)),
            _ => Err(HostError::type_error("double(n) takes a number")),
        }),
    )]);
    bind.call_for_function(&[Arg::Object(&ops)]).unwrap()
}

#[test]
fn isolates_on_several_threads_start_from_one_snapshot() {
    let snapshot = library();
    assert!(snapshot.len() > 0);
    let workers: Vec<_> = (0..3)
        .map(|i| {
            let snapshot = snapshot.clone();
            std::thread::spawn(move || {
                let (_isolate, context) = snapshot_realm(&snapshot);
                let entry = bound_entry(&context);
                let x = f64::from(i);
                assert_eq!(entry.call(&[JsValue::Number(x)]).unwrap(), JsValue::Number(2.0 * x + 100.0));
                let err = entry.call(&[JsValue::String("x".into())]).unwrap_err();
                let EngineError::Exception(e) = err else { panic!("{err:?}") };
                assert_eq!(e.message, "Uncaught TypeError: double(n) takes a number");
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
}

#[test]
fn the_snapshot_realm_is_frozen_and_keeps_the_setup_globals() {
    let (_isolate, context) = snapshot_realm(&library());
    let check = "[Object.isFrozen(globalThis), Object.isFrozen(lib), lib.base, typeof bind]";
    assert_eq!(context.run_script(check, "check.js").unwrap(), JsValue::Json(r#"[true,true,100,"undefined"]"#.into()));
    let err = context.run_script("'use strict'; globalThis.intruder = 1;", "intruder.js").unwrap_err();
    let EngineError::Exception(e) = err else { panic!("{err:?}") };
    assert!(e.message.starts_with("Uncaught TypeError"), "{}", e.message);
}

#[test]
fn code_generation_from_strings_stays_disabled() {
    let (_isolate, context) = snapshot_realm(&library());
    for src in ["eval('1')", "new Function('return 1')()", "(function(){}).constructor('return 1')()"] {
        let EngineError::Exception(e) = context.run_script(src, "gen.js").unwrap_err() else { panic!() };
        assert!(e.message.contains("code generation from strings is disabled"), "{src}: {}", e.message);
    }
    assert_eq!(context.run_script("typeof WebAssembly", "w.js").unwrap(), JsValue::String("undefined".into()));
}

#[test]
fn plain_and_snapshot_realms_have_the_same_built_ins() {
    // V8 would install these only into contexts it has made, not into the
    // snapshot's setup; they are off everywhere (see `v8_flags`).
    let probe = "[typeof SharedArrayBuffer, typeof Atomics, typeof [].at, typeof [].findLast, typeof Object.hasOwn, \
                 typeof Error.stackTraceLimit]";
    let expected = JsValue::Json(r#"["undefined","undefined","undefined","undefined","undefined","number"]"#.into());
    let (_isolate, context) = snapshot_realm(&library());
    assert_eq!(context.run_script(probe, "probe.js").unwrap(), expected);
    let (_plain_isolate, plain) = crate::realm();
    assert_eq!(plain.run_script(probe, "probe.js").unwrap(), expected);
}

#[test]
fn the_snapshot_function_is_taken_once_per_context() {
    let (isolate, context) = snapshot_realm(&library());
    assert!(context.take_snapshot_function().is_some());
    assert!(context.take_snapshot_function().is_none());
    // Every context of a snapshot isolate is a fresh copy with its own.
    assert!(isolate.new_context().take_snapshot_function().is_some());
    let (_plain_isolate, plain) = crate::realm();
    assert!(plain.take_snapshot_function().is_none());
}

#[test]
fn each_context_starts_from_the_snapshot_state() {
    let snapshot = Snapshot::create("let n = 0; return () => ++n;", "counter.js").unwrap();
    let (isolate, first) = snapshot_realm(&snapshot);
    let counter = first.take_snapshot_function().unwrap();
    assert_eq!(counter.call(&[]).unwrap(), JsValue::Number(1.0));
    assert_eq!(counter.call(&[]).unwrap(), JsValue::Number(2.0));
    let again = isolate.new_context().take_snapshot_function().unwrap();
    assert_eq!(again.call(&[]).unwrap(), JsValue::Number(1.0));
    // Isolates from another snapshot live side by side with these.
    let (_other_isolate, other) = snapshot_realm(&library());
    assert_eq!(bound_entry(&other).call(&[JsValue::Number(1.0)]).unwrap(), JsValue::Number(102.0));
    assert_eq!(counter.call(&[]).unwrap(), JsValue::Number(3.0));
}

#[test]
fn an_exception_in_the_setup_is_reported() {
    let err = Snapshot::create("const a = 1;\nthrow new RangeError('setup failed ' + a);", "bad.js").unwrap_err();
    let EngineError::Exception(e) = err else { panic!("{err:?}") };
    assert_eq!(e.message, "Uncaught RangeError: setup failed 1");
    assert_eq!((e.resource.as_str(), e.line, e.column), ("bad.js", 2, 1));

    let err = Snapshot::create("return (", "syntax.js").unwrap_err();
    let EngineError::Exception(e) = err else { panic!("{err:?}") };
    assert!(e.message.starts_with("Uncaught SyntaxError"), "{}", e.message);
    assert_eq!((e.resource.as_str(), e.line), ("syntax.js", 1));
}

#[test]
fn the_setup_must_return_a_function() {
    for setup in ["return 42", "", "return { bind() {} }"] {
        let err = Snapshot::create(setup, "not_fn.js").unwrap_err();
        let EngineError::Exception(e) = err else { panic!("{err:?}") };
        assert_eq!(e.message, "Uncaught TypeError: the snapshot setup must return a function", "{setup}");
    }
}

#[test]
fn the_setup_must_leave_room_for_error_stack_trace_limit() {
    for setup in ["Object.freeze(Error); return () => 1", "Error.stackTraceLimit = 5; return () => 1"] {
        let err = Snapshot::create(setup, "error.js").unwrap_err();
        let EngineError::Exception(e) = err else { panic!("{err:?}") };
        assert!(
            e.message.contains("must leave Error extensible and without stackTraceLimit"),
            "{setup}: {}",
            e.message
        );
    }
}

/// Freezes everything reachable from the global object and the hidden
/// intrinsics, except `Error`, which `bind` freezes once V8 gave it its
/// `stackTraceLimit` (as a hardened library's snapshot must).
const HARDENED: &str = "'use strict';
const { freeze, getOwnPropertyDescriptor, getPrototypeOf } = Object;
function harden(roots, skip) {
  const seen = new Set([skip]);
  const pending = [...roots];
  while (pending.length > 0) {
    const value = pending.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    seen.add(value);
    pending.push(getPrototypeOf(value));
    for (const key of Reflect.ownKeys(value)) {
      const desc = getOwnPropertyDescriptor(value, key);
      if ('value' in desc) pending.push(desc.value);
      else pending.push(desc.get, desc.set);
    }
    freeze(value);
  }
}
delete globalThis.Date;
harden([globalThis, getPrototypeOf(function* g() {}), getPrototypeOf(async function a() {}),
  getPrototypeOf([][Symbol.iterator]()), getPrototypeOf(new Map()[Symbol.iterator]())], Error);
return function bind() {
  freeze(Error);
  return () => [Object.isFrozen(globalThis), Object.isFrozen(Array.prototype), Object.isFrozen(Error),
    typeof Date, new Error('x').stack.split('\\n')[1].trim()];
};";

#[test]
fn a_fully_hardened_realm_deserializes() {
    let snapshot = Snapshot::create(HARDENED, "hardened.js").unwrap();
    let (_isolate, context) = snapshot_realm(&snapshot);
    let report = context.take_snapshot_function().unwrap().call_for_function(&[]).unwrap();
    assert_eq!(
        report.call(&[]).unwrap(),
        JsValue::Json(r#"[true,true,true,"undefined","at hardened.js:25:18"]"#.into())
    );
}

#[test]
fn a_memory_bomb_in_a_snapshot_isolate_terminates() {
    let options = IsolateOptions { heap_limit_bytes: 32 << 20, snapshot: Some(library()), ..IsolateOptions::default() };
    let isolate = Isolate::new(&options);
    let context = isolate.new_context();
    let bomb = "const keep = []; while (true) { keep.push(new Array(10000).fill({})); }";
    assert_eq!(
        context.run_script(bomb, "bomb.js").unwrap_err(),
        EngineError::Terminated(TerminationReason::OutOfMemory)
    );
    assert!(isolate.heap_limit_reached());
    assert_eq!(context.run_script("1 + 1", "after.js").unwrap(), JsValue::Number(2.0));
    assert_eq!(bound_entry(&context).call(&[JsValue::Number(1.0)]).unwrap(), JsValue::Number(102.0));

    let err = context.run_script("new ArrayBuffer(64 << 20)", "ab.js").unwrap_err();
    let EngineError::Exception(e) = err else { panic!("{err:?}") };
    assert!(e.message.contains("RangeError"), "{}", e.message);
}

#[test]
fn an_infinite_loop_in_a_snapshot_context_is_terminated() {
    let (isolate, context) = snapshot_realm(&library());
    let killer = terminate_after(isolate.terminate_handle(), Duration::from_millis(50));
    let err = context.run_script("while (true) {}", "loop.js").unwrap_err();
    killer.join().unwrap();
    assert_eq!(err, EngineError::Terminated(TerminationReason::Timeout));
    assert_eq!(bound_entry(&context).call(&[JsValue::Number(2.0)]).unwrap(), JsValue::Number(104.0));
}

#[test]
fn an_unhandled_rejection_in_a_snapshot_context_fails_the_run() {
    let (_isolate, context) = snapshot_realm(&library());
    let src = "Promise.resolve().then(() => { throw new RangeError('late'); }); 'returned'";
    let EngineError::Exception(e) = context.run_script(src, "late.js").unwrap_err() else { panic!() };
    assert_eq!(e.message, "Uncaught (in promise) RangeError: late");
}

#[test]
fn a_code_cache_from_a_snapshot_isolate_is_accepted_by_another() {
    const SOURCE: &str = "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\nreturn fib(k) + lib.base;";
    let cache = {
        let (_isolate, context) = snapshot_realm(&library());
        let compiled = context.compile_function(SOURCE, "fib.js", &["k"], None).unwrap();
        assert_eq!(compiled.function.call(&[JsValue::Number(10.0)]).unwrap(), JsValue::Number(155.0));
        compiled.function.code_cache().expect("V8 produces a cache")
    };
    let (_isolate, context) = snapshot_realm(&library());
    let compiled = context.compile_function(SOURCE, "fib.js", &["k"], Some(&cache)).unwrap();
    assert!(!compiled.cache_rejected, "a cache from another snapshot isolate is accepted");
    assert_eq!(compiled.function.call(&[JsValue::Number(12.0)]).unwrap(), JsValue::Number(244.0));

    // Caches made in plain isolates (as the compiler makes them) are accepted too.
    let plain_cache = {
        let (_plain_isolate, plain) = crate::realm();
        plain.run_script("globalThis.lib = { base: 100 }", "lib.js").unwrap();
        let compiled = plain.compile_function(SOURCE, "fib.js", &["k"], None).unwrap();
        compiled.function.call(&[JsValue::Number(1.0)]).unwrap();
        compiled.function.code_cache().expect("V8 produces a cache")
    };
    let compiled = context.compile_function(SOURCE, "fib.js", &["k"], Some(&plain_cache)).unwrap();
    assert!(!compiled.cache_rejected, "a cache from a plain isolate is accepted");
}

#[test]
fn host_objects_work_in_plain_contexts_too() {
    let (_isolate, context) = crate::realm();
    let ops = context.new_host_object(vec![("answer", Box::new(|_: &[JsValue]| Ok(JsValue::Number(42.0))))]);
    let describe = context
        .compile_function("return [Object.keys(ops), ops.answer.name, ops.answer()]", "d.js", &["ops"], None)
        .unwrap()
        .function;
    let out = describe.call_with(&[Arg::Object(&ops)]).unwrap();
    assert_eq!(out, JsValue::Json(r#"[["answer"],"answer",42]"#.into()));
}

#[test]
#[should_panic(expected = "a host object must belong to the same context")]
fn a_host_object_cannot_cross_contexts() {
    let (isolate, context) = crate::realm();
    let ops = context.new_host_object(vec![]);
    let other = isolate.new_context();
    let f = other.compile_function("return typeof ops", "f.js", &["ops"], None).unwrap().function;
    let _ = f.call_with(&[Arg::Object(&ops)]);
}

#[test]
#[should_panic(expected = "the global object is frozen")]
fn set_host_object_refuses_a_frozen_global() {
    let (_isolate, context) = snapshot_realm(&library());
    context.set_host_object("host", vec![]);
}
