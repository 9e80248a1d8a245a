use std::time::{Duration, Instant};

use v8vm_engine::{EngineError, JsValue, TerminateHandle, TerminationReason};

use crate::realm;

pub(crate) fn terminate_after(handle: TerminateHandle, delay: Duration) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        std::thread::sleep(delay);
        handle.terminate(TerminationReason::Timeout);
    })
}

#[test]
fn infinite_loop_is_terminated_from_another_thread_and_isolate_is_reusable() {
    let (isolate, context) = realm();
    let start = Instant::now();
    let killer = terminate_after(isolate.terminate_handle(), Duration::from_millis(50));
    let err =
        context.run_script("try { while (true) {} } catch (e) {} finally { while (true) {} }", "loop.js").unwrap_err();
    killer.join().unwrap();
    assert_eq!(err, EngineError::Terminated(TerminationReason::Timeout));
    assert!(start.elapsed() < Duration::from_secs(5));
    assert_eq!(context.run_script("'still alive'", "next.js").unwrap(), JsValue::String("still alive".into()));
}

#[test]
fn a_late_terminate_does_not_hit_the_next_run() {
    let (isolate, context) = realm();
    context.run_script("1", "a.js").unwrap();
    // Nothing is running: this must be a no-op.
    isolate.terminate_handle().terminate(TerminationReason::Timeout);
    assert_eq!(context.run_script("2", "b.js").unwrap(), JsValue::Number(2.0));
}

#[test]
fn handle_outlives_isolate_safely() {
    let (isolate, context) = realm();
    let handle = isolate.terminate_handle();
    drop(context);
    drop(isolate);
    handle.terminate(TerminationReason::Timeout);
}

#[test]
fn terminate_handle_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<TerminateHandle>();
}

#[test]
fn a_loop_in_a_promise_job_after_the_script_is_still_a_termination() {
    let (isolate, context) = realm();
    let killer = terminate_after(isolate.terminate_handle(), Duration::from_millis(50));
    let err =
        context.run_script("Promise.resolve().then(() => { while (true) {} }); 'returned'", "job.js").unwrap_err();
    killer.join().unwrap();
    assert_eq!(err, EngineError::Terminated(TerminationReason::Timeout));
    assert_eq!(context.run_script("'next'", "next.js").unwrap(), JsValue::String("next".into()));
}
