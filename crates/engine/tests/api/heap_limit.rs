use v8vm_engine::{EngineError, Isolate, IsolateOptions, JsValue, TerminationReason};

#[test]
fn memory_bomb_terminates_instead_of_aborting() {
    let isolate = Isolate::new(&IsolateOptions { heap_limit_bytes: 32 << 20, ..IsolateOptions::default() });
    let context = isolate.new_context();
    let bomb = "const keep = []; while (true) { keep.push(new Array(10000).fill({})); }";
    assert_eq!(
        context.run_script(bomb, "bomb.js").unwrap_err(),
        EngineError::Terminated(TerminationReason::OutOfMemory)
    );
    assert!(isolate.heap_limit_reached());
    // The isolate still runs code afterwards.
    assert_eq!(context.run_script("1 + 1", "after.js").unwrap(), JsValue::Number(2.0));
}

#[test]
fn array_buffers_are_bounded_by_the_same_budget() {
    let isolate = Isolate::new(&IsolateOptions { heap_limit_bytes: 32 << 20, ..IsolateOptions::default() });
    let context = isolate.new_context();
    let err = context.run_script("new ArrayBuffer(64 << 20)", "ab.js").unwrap_err();
    let EngineError::Exception(e) = err else { panic!("{err:?}") };
    assert!(e.message.contains("RangeError"), "{}", e.message);
}
