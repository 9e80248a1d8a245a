use v8vm_engine::{EngineError, HostError, JsValue};

use crate::realm;

#[test]
fn values_cross_both_ways() {
    let (_isolate, context) = realm();
    let echo = context.compile_function("return [typeof v, v]", "echo.js", &["v"], None).unwrap().function;
    let cases = [
        (JsValue::Undefined, r#"["undefined",null]"#),
        (JsValue::Null, r#"["object",null]"#),
        (JsValue::Bool(true), r#"["boolean",true]"#),
        (JsValue::Number(1.5), r#"["number",1.5]"#),
        (JsValue::String("héllo".into()), r#"["string","héllo"]"#),
        (JsValue::Json(r#"{"a":[1,2]}"#.into()), r#"["object",{"a":[1,2]}]"#),
    ];
    for (input, expected) in cases {
        assert_eq!(echo.call(&[input]).unwrap(), JsValue::Json(expected.into()));
    }
    assert_eq!(context.run_script("'a' + 1", "s.js").unwrap(), JsValue::String("a1".into()));
    assert_eq!(context.run_script("undefined", "s.js").unwrap(), JsValue::Undefined);
    assert_eq!(context.run_script("Symbol()", "s.js").unwrap_err(), EngineError::Conversion);
}

#[test]
fn exceptions_carry_message_location_and_stack() {
    let (_isolate, context) = realm();
    let f = context
        .compile_function(
            "let x = 1;\nfunction inner() {\n  throw new TypeError('bad ' + x);\n}\ninner();",
            "lib/thrower.js",
            &[],
            None,
        )
        .unwrap()
        .function;
    let EngineError::Exception(e) = f.call(&[]).unwrap_err() else { panic!("expected an exception") };
    assert_eq!(e.message, "Uncaught TypeError: bad 1");
    assert_eq!((e.resource.as_str(), e.line, e.column), ("lib/thrower.js", 3, 3));
    let stack = e.stack.expect("native errors have a stack");
    assert!(stack.contains("at inner (lib/thrower.js:3:9)"), "{stack}");

    let err = context.run_script("let = ;", "syntax.js").unwrap_err();
    let EngineError::Exception(e) = err else { panic!("expected a syntax error") };
    assert_eq!(e.message, "Uncaught SyntaxError: Unexpected token ';'");
    assert_eq!((e.resource.as_str(), e.line), ("syntax.js", 1));
}

#[test]
fn host_functions_are_rust_closures() {
    let (_isolate, context) = realm();
    let calls = std::rc::Rc::new(std::cell::Cell::new(0));
    let seen = calls.clone();
    context.set_host_object(
        "host",
        vec![
            (
                "concat",
                Box::new(move |args: &[JsValue]| {
                    seen.set(seen.get() + 1);
                    let parts: Vec<String> = args.iter().map(|a| format!("{a:?}")).collect();
                    Ok(JsValue::String(parts.join("|")))
                }),
            ),
            ("fail", Box::new(|_: &[JsValue]| Err(HostError::range_error("too big")))),
            ("boom", Box::new(|_: &[JsValue]| panic!("host bug"))),
        ],
    );
    let out = context.run_script("host.concat('a', 2, true, null, undefined)", "h.js").unwrap();
    assert_eq!(out, JsValue::String(r#"String("a")|Number(2.0)|Bool(true)|Null|Undefined"#.into()));
    assert_eq!(calls.get(), 1);
    // Objects are refused without running any of their code.
    let refused = "let ran = 0; const o = { toJSON() { ran++; return 1 }, get x() { ran++; return 1 } }; \
                   try { host.concat(o) } catch (e) { `${ran} ${e.message}` }";
    let caught = context.run_script(refused, "h.js").unwrap();
    assert_eq!(
        caught,
        JsValue::String("0 host functions take only strings, numbers, booleans, null and undefined".into())
    );
    assert_eq!(calls.get(), 1);
    let caught =
        context.run_script("try { host.fail() } catch (e) { `${e.constructor.name}: ${e.message}` }", "h.js").unwrap();
    assert_eq!(caught, JsValue::String("RangeError: too big".into()));
    let caught = context.run_script("try { host.boom() } catch (e) { e.message }", "h.js").unwrap();
    assert_eq!(caught, JsValue::String("internal error: host function panicked".into()));
    let caught = context.run_script("try { host.concat(Symbol()) } catch (e) { e.message }", "h.js").unwrap();
    assert_eq!(
        caught,
        JsValue::String("host functions take only strings, numbers, booleans, null and undefined".into())
    );
}

#[test]
fn code_generation_from_strings_is_disabled() {
    let (_isolate, context) = realm();
    for src in ["eval('1')", "new Function('return 1')()", "(function(){}).constructor('return 1')()"] {
        let EngineError::Exception(e) = context.run_script(src, "gen.js").unwrap_err() else { panic!() };
        assert!(e.message.contains("code generation from strings is disabled"), "{src}: {}", e.message);
    }
    assert_eq!(context.run_script("typeof WebAssembly", "w.js").unwrap(), JsValue::String("undefined".into()));
}

#[test]
fn functions_can_be_passed_to_functions() {
    use v8vm_engine::Arg;
    let (_isolate, context) = realm();
    let square = context.compile_function("return x * x", "sq.js", &["x"], None).unwrap().function;
    let apply = context.compile_function("return f(v) + 1", "apply.js", &["f", "v"], None).unwrap().function;
    let v = JsValue::Number(7.0);
    assert_eq!(apply.call_with(&[Arg::Function(&square), Arg::Value(&v)]).unwrap(), JsValue::Number(50.0));
}

#[test]
fn a_function_can_return_a_function_handle() {
    let (_isolate, context) = realm();
    let make = context.compile_function("let n = 0; return () => ++n;", "counter.js", &[], None).unwrap().function;
    let counter = make.call_for_function(&[]).unwrap();
    assert_eq!(counter.call(&[]).unwrap(), JsValue::Number(1.0));
    assert_eq!(counter.call(&[]).unwrap(), JsValue::Number(2.0));
    let not_fn = context.compile_function("return 1", "one.js", &[], None).unwrap().function;
    assert_eq!(not_fn.call_for_function(&[]).unwrap_err(), EngineError::Conversion);
}

#[test]
fn an_unhandled_rejection_fails_the_run() {
    let (_isolate, context) = realm();
    let src = "Promise.resolve().then(() => { throw new RangeError('late'); }); 'returned'";
    let EngineError::Exception(e) = context.run_script(src, "late.js").unwrap_err() else { panic!() };
    assert_eq!(e.message, "Uncaught (in promise) RangeError: late");
    assert_eq!((e.resource.as_str(), e.line, e.column), ("late.js", 1, 38));
    // Handled rejections, even handled late in the same run, are fine.
    let handled = "const p = Promise.reject(new Error('x')); p.catch(() => {}); 'ok'";
    assert_eq!(context.run_script(handled, "ok.js").unwrap(), JsValue::String("ok".into()));
    assert_eq!(context.run_script("'next'", "next.js").unwrap(), JsValue::String("next".into()));
}

#[test]
fn strings_reach_host_functions_as_utf8() {
    let (_isolate, context) = realm();
    context.set_host_object(
        "host",
        vec![(
            "echo",
            Box::new(|args: &[JsValue]| match args {
                [JsValue::String(text)] => Ok(JsValue::String(format!("{text}|{}", text.len()))),
                _ => Err(HostError::type_error("echo(text)")),
            }),
        )],
    );
    let echo = context.compile_function("return host.echo(v)", "echo.js", &["v"], None).unwrap().function;
    // ASCII, Latin-1 (one-byte in V8 but two bytes in UTF-8), two-byte
    // strings, and a lone surrogate (not UTF-8: replaced).
    for (input, expected) in [("plain key", "plain key|9"), ("héllo", "héllo|6"), ("日本", "日本|6"), ("", "|0")]
    {
        assert_eq!(echo.call(&[JsValue::String(input.into())]).unwrap(), JsValue::String(expected.into()));
    }
    let lone = context.run_script("host.echo('a\\ud800b')", "lone.js").unwrap();
    assert_eq!(lone, JsValue::String("a\u{fffd}\u{fffd}\u{fffd}b|11".into()));
}
