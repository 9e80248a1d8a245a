//! Which contracts' modules may be evaluated once and reused by every call.

use v8vm_compiler::{check_cacheable, compile_path, CompileOptions};

use crate::tester::{compiled, fixture};

/// `Ok` or the reason, as `file:line:col: reason`.
fn cacheability(source: &str) -> Result<(), String> {
    check_cacheable(&compiled(source)).map_err(|why| why.to_string())
}

#[test]
fn modules_that_only_declare_are_cacheable() {
    let sources = [
        "class A { init() {} }\nmodule.exports = A;",
        "'use strict';\nconst storage = require('storage');\nconst LIMIT = 10n ** 18n;\nconst NAMES = ['a', `b`, -1, { x: [1, 2], y: null }];\n\
         function helper(x) { return x + LIMIT; }\nclass Base { static kind = 'base'; field = []; }\n\
         class A extends Base { init() {} m() { return helper(1n); } }\nmodule.exports = A;",
        "export default class A { init() {} }",
        "import { x } from 'storage';\nconst s = `text`;\nexport const y = 2;\nexport default class A { init() {} }",
        "class Failure extends Error {}\nconst MAX = Number.MAX_SAFE_INTEGER - 1;\nconst TAU = 2 * Math.PI;\n\
         const DOWN = BigNumber.ROUND_DOWN;\n\
         module.exports = class A { init() {} };",
    ];
    for source in sources {
        assert_eq!(cacheability(source), Ok(()), "{source}");
    }
}

#[test]
fn module_state_or_code_at_load_keeps_modules_fresh_and_says_where() {
    let cases = [
        (
            "let n = 0;\nmodule.exports = class { init() {} };",
            "c.js:1:1: a top-level `let` or `var` binding (state that would outlive a call)",
        ),
        (
            "const m = new Map();\nmodule.exports = class { init() {} };",
            "c.js:1:1: a module-level value computed by running code",
        ),
        (
            "const c = [];\nc.push(1);\nmodule.exports = class { init() {} };",
            "c.js:2:1: a top-level expression that runs code (only declarations and exports can be cached)",
        ),
        (
            "const t = tx.time;\nmodule.exports = class { init() {} };",
            "c.js:1:1: a module-level value read from something other than a module or a built-in",
        ),
        (
            "const o = { get x() { return 1; } };\nmodule.exports = class { init() {} };",
            "c.js:1:1: a getter or setter in a module-level object",
        ),
        (
            "class A { static { storage.put('k', 'v'); } init() {} }\nmodule.exports = A;",
            "c.js:1:1: a class static block (it runs code at load)",
        ),
        (
            "if (true) {}\nmodule.exports = class { init() {} };",
            "c.js:1:1: a top-level statement that runs code (only declarations and exports can be cached)",
        ),
        (
            "const f = String(1);\nmodule.exports = class { init() {} };",
            "c.js:1:1: a module-level value computed by a call",
        ),
        // Converting a module's exports could run its code (`valueOf`).
        (
            "const n = require('storage') + 1;\nmodule.exports = class { init() {} };",
            "c.js:1:1: a module-level value computed by running code",
        ),
    ];
    for (source, why) in cases {
        assert_eq!(cacheability(source), Err(why.to_owned()), "{source}");
    }
}

#[test]
fn a_module_binding_that_can_change_keeps_modules_fresh() {
    let cases = [
        // Issue 14: a function declaration replaced by a call, seen by the next.
        (
            "function seen() { return 0; }\nclass A { init() {} next() { const n = seen() + 1; seen = () => n; return n; } }\nmodule.exports = A;",
            "c.js:2:52: an assignment to the module-level binding `seen` (state that would outlive a call)",
        ),
        (
            "class Counter {}\nclass A { init() {} next() { Counter = class {}; } }\nmodule.exports = A;",
            "c.js:2:30: an assignment to the module-level binding `Counter` (state that would outlive a call)",
        ),
        (
            "function f() {}\nclass A { init() {} next() { [f] = [1]; f++; } }\nmodule.exports = A;",
            "c.js:2:31: an assignment to the module-level binding `f` (state that would outlive a call)",
        ),
        (
            "class A { init() {} next() { exports = { n: 1 }; } }\nmodule.exports = A;",
            "c.js:1:30: an assignment to the module-level binding `exports` (state that would outlive a call)",
        ),
        (
            "const args = () => arguments;\nmodule.exports = class { init() {} };",
            "c.js:1:20: `arguments` of the module itself (it aliases the module's own bindings)",
        ),
        (
            "class A { static #n = 0; init() {} next() { return ++A.#n; } }\nmodule.exports = A;",
            "c.js:1:1: a static private field (state that would outlive a call)",
        ),
        // Red team F1: super() returns a frozen module-level object, and the
        // subclass adds its private field to it, call after call.
        (
            "class Id { constructor(o) { return o; } }\nclass Stamp extends Id { #n = 0; }\nclass A { init() {} }\nmodule.exports = A;",
            "c.js:2:1: a class with private members that extends another (state that would outlive a call)",
        ),
    ];
    for (source, why) in cases {
        assert_eq!(cacheability(source), Err(why.to_owned()), "{source}");
    }
    // A method's own `arguments`, private methods and instance private
    // fields are fine.
    let fine = "class A { #n = 0; static #twice(x) { return 2 * x; } init() {} m() { return arguments.length + A.#twice(this.#n); } }\nmodule.exports = A;";
    assert_eq!(cacheability(fine), Ok(()));
}

#[test]
fn one_stateful_module_keeps_the_whole_project_fresh() {
    let artifact = compile_path(&fixture("multi"), &CompileOptions::default()).unwrap();
    let why = check_cacheable(&artifact).unwrap_err().to_string();
    assert_eq!(why, "lib/counter.js:1:1: a top-level `let` or `var` binding (state that would outlive a call)");
}

#[test]
fn a_bundle_without_complete_seals_is_not_trusted() {
    let mut artifact = compiled("const A = class { init() {} };\nmodule.exports = A;");
    assert!(check_cacheable(&artifact).is_ok());
    // Whoever made an artifact cannot claim what its bundle does not show.
    artifact.bundle = artifact.bundle.replace("__v8vm_seal([A]);", "__v8vm_seal([]);");
    assert_eq!(
        check_cacheable(&artifact).unwrap_err().reason,
        "a module does not end with a seal of all its top-level bindings"
    );
}
