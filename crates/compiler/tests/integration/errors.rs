use v8vm_compiler::{compile_path, CompileOptions};

use crate::tester::errors;

#[test]
fn each_compile_error_is_located() {
    let cases = [
        ("let x = ;", "c.js:1:9: Unexpected token"),
        ("export const x = 1;\nfunction f(o) {\n  with (o) { x(); }\n}", "c.js:3:3: 'with' statements are not allowed"),
        (
            "const fs = require('fs');",
            "c.js:1:20: cannot resolve 'fs': a single-file contract can require only 'storage' and 'blockchain'",
        ),
        (
            "const m = require(name);",
            "c.js:1:11: require() takes one string literal: contracts are packed at compile time",
        ),
        (
            "async function f() {\n  await import('./x.js');\n}",
            "c.js:2:9: dynamic import() is not supported: use a static import or require()",
        ),
        (
            "const __v8vm_gas = 1;",
            "c.js:1:7: `__v8vm_gas` is reserved: names starting with __v8vm belong to the compiler",
        ),
        ("function f(o) {\n  with (o) { x(); }\n}", "c.js:2:3: `with` is not allowed in contracts"),
        (
            "export const x = 1;\nawait null;",
            "c.js:2:1: top-level await is not supported: contract modules load synchronously",
        ),
        ("export const u = import.meta.url;", "c.js:1:18: `import.meta` is not available in contracts"),
        (
            "class C {\n  constructor() { this.x = 1; }\n  init() {}\n}\nmodule.exports = C;",
            "c.js:2:3: the contract class must not have a constructor: it is created for every call; put deploy-time setup in init()",
        ),
        (
            "module.exports = class {\n  init() {}\n  constructor() {}\n};",
            "c.js:3:3: the contract class must not have a constructor: it is created for every call; put deploy-time setup in init()",
        ),
        (
            "export default class {\n  constructor() {}\n}",
            "c.js:2:3: the contract class must not have a constructor: it is created for every call; put deploy-time setup in init()",
        ),
        (
            "class C {\n  constructor() {}\n}\nexport default C;",
            "c.js:2:3: the contract class must not have a constructor: it is created for every call; put deploy-time setup in init()",
        ),
        (
            "class C {\n  constructor() {}\n}\nexport { C as default };",
            "c.js:2:3: the contract class must not have a constructor: it is created for every call; put deploy-time setup in init()",
        ),
        (
            "class C {\n  /** @param {float} x */\n  run(x) {}\n}",
            "c.js:2:7: unknown ABI type `float` in the JSDoc of `run`: use string, bool, number or json",
        ),
        (
            "function f(s) {\n  (g().s) += 'x';\n}",
            "c.js:2:4: `+=` on a parenthesized property of a computed object: remove the parentheses",
        ),
        (
            "class A extends Object {\n  m() {\n    super[f()] += 1;\n  }\n}",
            "c.js:3:5: `+=` on a `super` property that may be a typed array's element or an array's `length` (V8 \
             would read the value as a number, or grow the array, uncharged): write it through `this` instead",
        ),
        (
            "async function f() {\n  g().s += await h();\n}",
            "c.js:2:9: `+=` with `await` or `yield` on the right of a computed object's property: read the value into a \
             local first",
        ),
    ];
    for (source, expected) in cases {
        let found = errors(source);
        assert_eq!(found.first().map(String::as_str), Some(expected), "{source}: all errors: {found:?}");
    }
}

#[test]
fn project_errors_name_the_file() {
    let dir = std::env::temp_dir().join(format!("v8vm-compile-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.js"), "const x = require('./missing');\nconst n = require('net');\n").unwrap();
    let found: Vec<String> =
        compile_path(&dir, &CompileOptions::default()).unwrap_err().0.iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "index.js:1:19: cannot resolve './missing' from index.js",
            "index.js:2:19: 'net' is a Node.js built-in module, not available in contracts",
        ]
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn classes_other_than_the_exported_one_may_have_constructors() {
    crate::tester::compiled(
        "class Helper { constructor(x) { this.x = x; } }\nclass C { init() {} }\nmodule.exports = C;",
    );
}

#[test]
fn a_function_frame_is_bounded() {
    // Issue 14: ~1,500 locals made V8's stack overflow at a depth that
    // depended on the JIT tier. Locals, call arguments and expression
    // nesting count; each over the limit is refused where the function starts.
    let locals: String = (0..1500).map(|i| format!("let v{i} = {i};")).collect();
    let source = format!("function big() {{ {locals} return v0; }}\nclass C {{ init() {{}} }}\nmodule.exports = C;");
    assert_eq!(
        errors(&source),
        ["c.js:1:1: this function needs 1502 values on its stack frame (1501 parameters and locals, a call with 0 \
          arguments, expressions nested 1 deep), over the limit of 1024: split it"]
    );
    let args: Vec<String> = (0..1100).map(|i| i.to_string()).collect();
    let source =
        format!("class C {{ init() {{}} m() {{ return Math.max({}); }} }}\nmodule.exports = C;", args.join(","));
    assert!(errors(&source)[0].starts_with("c.js:1:22: this function needs"), "{:?}", errors(&source));
    let locals: String = (0..900).map(|i| format!("let v{i} = {i};")).collect();
    let nested = format!("{}1{}", "(1 + ".repeat(200), ")".repeat(200));
    let source = format!("class C {{ init() {{}} m() {{ {locals} return {nested}; }} }}\nmodule.exports = C;");
    assert!(errors(&source)[0].starts_with("c.js:1:22: this function needs"), "{:?}", errors(&source));
    // Big but within the limit.
    let locals: String = (0..900).map(|i| format!("let v{i} = {i};")).collect();
    crate::tester::compiled(&format!(
        "function big() {{ {locals} return v0; }}\nclass C {{ init() {{}} }}\nmodule.exports = C;"
    ));
}

#[test]
fn sources_nesting_too_deep_are_refused_before_parsing() {
    // Issue 15 / red team F3: 30,000 nested brackets aborted a node (the
    // parser overflowed a 2 MiB RPC thread's stack). Now a compile error,
    // whichever thread compiles, and so are long operator chains.
    let brackets = format!(
        "module.exports = class {{ init() {{}} m() {{ return {}{}; }} }};",
        "[".repeat(30_000),
        "]".repeat(30_000)
    );
    assert_eq!(errors(&brackets), ["c.js:1:1047: brackets nest more than 1000 deep here"]);
    for chain in ["!".repeat(100_000) + "x", "1+".repeat(100_000) + "1", "x=>".repeat(30_000) + "1"] {
        let source = format!("module.exports = class {{ init() {{}} m() {{ return {chain}; }} }};");
        let found = errors(&source);
        assert!(found[0].contains("an expression chains more than 2000 operators"), "{found:?}");
    }
}
