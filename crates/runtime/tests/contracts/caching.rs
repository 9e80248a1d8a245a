//! Module caching is sound: whatever a contract's modules do to their own
//! bindings, a call on a warm worker (whose sandbox evaluated the modules
//! long ago) ends exactly as the same call on a fresh worker. Each case
//! below mutates one kind of module-level binding, or reads the block from
//! a module's top level; the same calls run 100 times on one worker and
//! once each on fresh workers, and every receipt must match.

use std::path::PathBuf;

use v8vm_runtime::Receipt;

use crate::tester::Chain;

/// Calls on the warm worker.
const WARM_CALLS: usize = 100;
/// Calls, each on a fresh worker.
const COLD_CALLS: usize = 3;

/// One contract project: its files (the first is the entry).
struct Case {
    name: &'static str,
    files: &'static [(&'static str, &'static str)],
    /// What every call returns (`{height}`: the call's block number).
    returns: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "function_declaration",
        files: &[(
            "index.js",
            "function seen() { return 0; }\n\
             class A { init() {} next() { const n = seen() + 1; seen = () => n; return n; } }\n\
             module.exports = A;",
        )],
        returns: "1",
    },
    Case {
        name: "class_declaration",
        files: &[(
            "index.js",
            "class Counter { static n() { return 0; } }\n\
             class A { init() {} next() { const n = Counter.n() + 1; Counter = class { static n() { return n; } }; return n; } }\n\
             module.exports = A;",
        )],
        returns: "1",
    },
    Case {
        name: "var_binding",
        files: &[("index.js", "var n = 0;\nclass A { init() {} next() { return ++n; } }\nmodule.exports = A;")],
        returns: "1",
    },
    Case {
        name: "let_binding",
        files: &[("index.js", "let n = 0;\nclass A { init() {} next() { return ++n; } }\nmodule.exports = A;")],
        returns: "1",
    },
    Case {
        name: "destructured_import",
        files: &[
            (
                "index.mjs",
                "import { bump, count } from './b.mjs';\n\
                 export default class A { init() {} next() { bump(); return count(); } }",
            ),
            (
                "b.mjs",
                "export function count() { return 0; }\n\
                 export function bump() { const c = count() + 1; count = () => c; }",
            ),
        ],
        returns: "1",
    },
    Case {
        name: "default_export",
        files: &[
            (
                "index.mjs",
                "import value, { bump } from './b.mjs';\n\
                 export default class A { init() {} next() { bump(); return value(); } }",
            ),
            (
                "b.mjs",
                "export default function value() { return 0; }\n\
                 export function bump() { const v = value() + 1; value = () => v; }",
            ),
        ],
        returns: "1",
    },
    Case {
        name: "module_object",
        files: &[
            (
                "index.js",
                "const b = require('./b');\n\
                 class A { init() {} next() { try { b.n++; } catch (e) {} try { module.extra = 1; } catch (e) {} return b.n + (module.extra || 0); } }\n\
                 module.exports = A;",
            ),
            ("b.js", "exports.n = 0;"),
        ],
        returns: "0",
    },
    Case {
        name: "exports_parameter",
        files: &[
            (
                "index.js",
                "const b = require('./b');\nclass A { init() {} next() { return b.next(); } }\nmodule.exports = A;",
            ),
            (
                "b.js",
                "function read() { return exports.n === undefined ? 0 : exports.n; }\n\
                 exports.next = () => { const n = read() + 1; exports = { n }; return n; };",
            ),
        ],
        returns: "1",
    },
    Case {
        name: "closure_in_exported_class",
        files: &[(
            "index.js",
            "const state = { n: 0 };\nconst list = [];\n\
             class A { init() {} next() { try { state.n++; } catch (e) {} try { list.push(1); } catch (e) {} return state.n + list.length; } }\n\
             module.exports = A;",
        )],
        returns: "0",
    },
    Case {
        name: "module_arguments",
        files: &[(
            "index.js",
            "const args = () => arguments;\n\
             function read() { const e = args()[0]; return e.n === undefined ? 0 : e.n; }\n\
             class A { init() {} next() { const n = read() + 1; args()[0] = { n }; return n; } }\n\
             module.exports = A;",
        )],
        returns: "1",
    },
    Case {
        name: "static_private_field",
        files: &[(
            "index.js",
            "class A { static #n = 0; init() {} next() { A.#n += 1; return A.#n; } }\nmodule.exports = A;",
        )],
        returns: "1",
    },
    Case {
        name: "private_field_added_to_a_module_object",
        files: &[(
            "index.js",
            "const STATE = {};\n\
             class Id { constructor(o) { return o; } }\n\
             class Stamp extends Id { #n = 0; static next(o) { if (!(#n in o)) new Stamp(o); o.#n += 1; return o.#n; } }\n\
             class A { init() {} next() { return Stamp.next(STATE); } }\n\
             module.exports = A;",
        )],
        returns: "1",
    },
    Case {
        name: "default_parameter_reached_at_load",
        files: &[
            (
                "index.js",
                "const { values } = require('./b');\nconst list = [...values];\n\
                 class A { init() {} next() { return list.length; } }\nmodule.exports = A;",
            ),
            (
                "b.js",
                "class Values { static *[Symbol.iterator](n = blockchain.receipt('iterated')) { yield 1; } }\n\
                 exports.values = Values;",
            ),
        ],
        returns: "1",
    },
    Case {
        name: "getter_reached_at_load",
        files: &[
            (
                "index.js",
                "const { height } = require('./b');\nclass A { init() {} next() { return height; } }\nmodule.exports = A;",
            ),
            ("b.js", "module.exports = class B { static get height() { return block.number; } };"),
        ],
        returns: "{height}",
    },
];

/// Writes `case`'s files into a fresh folder.
fn project(case: &Case) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("v8vm-caching-{}-{}", std::process::id(), case.name));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let entry = case.files[0].0;
    std::fs::write(dir.join("package.json"), format!(r#"{{ "name": "{}", "main": "{entry}" }}"#, case.name)).unwrap();
    for (file, source) in case.files {
        std::fs::write(dir.join(file), source).unwrap();
    }
    dir
}

/// What a receipt must say for a call at block `height`.
fn check(case: &Case, receipt: &Receipt, height: u64) {
    let expected = case.returns.replace("{height}", &height.to_string());
    assert!(receipt.is_success(), "{}: {}", case.name, receipt.message);
    assert_eq!(receipt.ret, expected, "{} at height {height}", case.name);
}

#[test]
fn warm_and_fresh_workers_give_the_same_receipts_whatever_modules_do_to_their_bindings() {
    for case in CASES {
        let dir = project(case);
        let relative = dir.to_str().unwrap();
        let mut warm = Chain::new();
        assert!(warm.deploy_project(relative, case.name).is_success(), "{}", case.name);
        let mut cold = Chain::new();
        assert!(cold.deploy_project(relative, case.name).is_success(), "{}", case.name);

        let mut fresh = Vec::new();
        for i in 0..COLD_CALLS {
            cold.restart_cold();
            let receipt = cold.call(case.name, "next", "[]");
            check(case, &receipt, i as u64 + 2);
            fresh.push(receipt);
        }
        for i in 0..WARM_CALLS {
            let receipt = warm.call(case.name, "next", "[]");
            check(case, &receipt, i as u64 + 2);
            // Same receipt as on a fresh worker (the same block, if the
            // result depends on it), gas included.
            let reference = &fresh[i.min(COLD_CALLS - 1)];
            if i < COLD_CALLS || !case.returns.contains("{height}") {
                assert_eq!(&receipt, reference, "{} call {i}: warm and fresh workers differ", case.name);
            } else {
                assert_eq!(receipt.gas_used, reference.gas_used, "{} call {i}: gas differs", case.name);
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
