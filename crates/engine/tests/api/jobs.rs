//! Explicit promise jobs and the engine object: the embedder decides in
//! which frame jobs run, and reads thrown values without running JS.

use v8vm_engine::{Arg, Context, EngineError, Isolate, IsolateOptions, JsValue};

fn explicit_realm() -> (Isolate, Context) {
    let isolate = Isolate::new(&IsolateOptions { explicit_jobs: true, ..IsolateOptions::default() });
    let context = isolate.new_context();
    (isolate, context)
}

/// Runs `body` as a function of `engine` (the context's engine object).
fn with_engine(context: &Context, body: &str) -> Result<JsValue, EngineError> {
    let engine = context.new_engine_object();
    let f = context.compile_function(body, "jobs.js", &["engine"], None).unwrap().function;
    f.call_with(&[Arg::Object(&engine)])
}

#[test]
fn explicit_jobs_run_only_when_asked_and_never_in_a_later_run() {
    let (_isolate, context) = explicit_realm();
    let body = "globalThis.log = []; Promise.resolve().then(() => log.push('job')); \
                log.push('sync'); const before = log.join(); engine.runJobs(); \
                return before + '|' + log.join();";
    assert_eq!(with_engine(&context, body).unwrap(), JsValue::String("sync|sync,job".into()));
    // Left queued at the end of a run: dropped, not run by the next one.
    let leave = "globalThis.late = 0; Promise.resolve().then(() => { late = 1; }); \
                 Promise.resolve().then(() => { for (;;) {} }); return 'left';";
    assert_eq!(with_engine(&context, leave).unwrap(), JsValue::String("left".into()));
    let next = "engine.runJobs(); return late;";
    assert_eq!(with_engine(&context, next).unwrap(), JsValue::Number(0.0));
}

#[test]
fn rejections_are_taken_since_a_mark() {
    let (_isolate, context) = explicit_realm();
    let body = "const early = Promise.reject(new RangeError('early')); \
                const mark = engine.rejectionMark(); \
                Promise.reject(new TypeError('late')); \
                const taken = engine.takeRejection(mark); \
                const none = engine.takeRejection(mark); \
                early.catch(() => {}); \
                return [taken[0].message, none === undefined, engine.takeRejection(0) === undefined];";
    assert_eq!(with_engine(&context, body).unwrap(), JsValue::Json(r#"["late",true,true]"#.into()));
}

#[test]
fn the_engine_object_reads_without_running_js() {
    let (_isolate, context) = explicit_realm();
    let body = "let ran = 0; \
                const e = new TypeError('plain'); \
                Object.defineProperty(e, 'message', { get() { ran++; return 'x'; } }); \
                const p = new Proxy({}, { get() { ran++; }, getOwnPropertyDescriptor() { ran++; } }); \
                class Vault {} \
                return [engine.kind(e), engine.kind(p), engine.kind(null), engine.kind([]), engine.kind(1n), \
                        engine.own(e, 'message'), engine.own(p, 'x'), engine.own({ a: 1 }, 'a'), \
                        engine.className(new Vault()), engine.className(e), engine.className(p), ran, \
                        engine.brand(new String('s')), engine.brand(new ArrayBuffer(1)), engine.brand(/a/), \
                        engine.brand(class RegExp {}), engine.brand(new Proxy(/a/, {})), engine.brand('s')];";
    let expected = r#"["error","proxy","null","array","bigint",null,null,1,"Vault","TypeError","Proxy",0,"String","ArrayBuffer","RegExp",null,null,null]"#;
    assert_eq!(with_engine(&context, body).unwrap(), JsValue::Json(expected.into()));
}

#[test]
fn describing_a_thrown_error_runs_none_of_its_code() {
    let (_isolate, context) = explicit_realm();
    // A getter for `stack` and a toString that would queue a job: neither
    // runs while the engine describes the error after the run.
    let body = "globalThis.ran = 0; const e = new Error('boom'); \
                e.toString = () => { ran++; Promise.resolve().then(() => { ran++; }); return 'E'; }; \
                Object.defineProperty(e, 'stack', { get() { ran++; return 'fake'; } }); \
                throw e;";
    let EngineError::Exception(e) = with_engine(&context, body).unwrap_err() else { panic!("an exception") };
    assert_eq!(e.message, "Uncaught Error: boom");
    assert_eq!(e.stack, None);
    assert_eq!(with_engine(&context, "engine.runJobs(); return ran;").unwrap(), JsValue::Number(0.0));
}

#[test]
fn an_unhandled_rejection_is_described_without_running_js() {
    let (_isolate, context) = explicit_realm();
    let body = "globalThis.ran = 0; \
                const reason = new RangeError('late'); \
                reason.toString = () => { ran++; return 'x'; }; \
                Object.defineProperty(reason, 'name', { get() { ran++; return 'y'; } }); \
                Promise.reject(reason); \
                Promise.reject({ toString() { ran++; return 'z'; } }); \
                return 'returned';";
    let EngineError::Exception(e) = with_engine(&context, body).unwrap_err() else { panic!("an exception") };
    assert_eq!(e.message, "Uncaught (in promise) RangeError: late");
    assert_eq!(with_engine(&context, "return ran;").unwrap(), JsValue::Number(0.0));
}
