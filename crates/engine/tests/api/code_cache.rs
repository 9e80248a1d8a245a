use v8vm_engine::{Isolate, IsolateOptions, JsValue};

const SOURCE: &str = "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\nreturn fib(k);";

#[test]
fn code_cache_is_produced_and_accepted_in_another_isolate() {
    let cache = {
        let isolate = Isolate::new(&IsolateOptions::default());
        let context = isolate.new_context();
        let compiled = context.compile_function(SOURCE, "fib.js", &["k"], None).unwrap();
        assert!(!compiled.cache_rejected);
        assert_eq!(compiled.function.call(&[JsValue::Number(10.0)]).unwrap(), JsValue::Number(55.0));
        compiled.function.code_cache().expect("V8 produces a cache")
    };
    assert!(!cache.as_bytes().is_empty());

    let isolate = Isolate::new(&IsolateOptions::default());
    let context = isolate.new_context();
    let compiled = context.compile_function(SOURCE, "fib.js", &["k"], Some(&cache)).unwrap();
    assert!(!compiled.cache_rejected, "a cache for the same source is accepted");
    assert_eq!(compiled.function.call(&[JsValue::Number(12.0)]).unwrap(), JsValue::Number(144.0));

    let other = context.compile_function("return k * 2;", "other.js", &["k"], Some(&cache)).unwrap();
    assert!(other.cache_rejected, "a cache for other source is rejected");
    assert_eq!(other.function.call(&[JsValue::Number(4.0)]).unwrap(), JsValue::Number(8.0));
}
