//! Recursion ends at the same depth with the same receipt on every node:
//! the call-depth limit (256 nested calls) is reached long before V8's own
//! stack limit, whatever the frames' sizes (bounded by the compiler) and
//! whatever the JIT did. Each path recurses with the largest frames the
//! compiler allows, through the class libraries' and built-ins' frames (and
//! with the most arguments a call may carry: spread, bound, or the captures
//! a replace callback gets), on a
//! cold worker and on a worker that ran the same code until it was
//! optimized; the receipts must be identical.

use v8vm_runtime::Status;

use crate::tester::Chain;

/// A function with close to the compiler's most locals, recursing `n` deep
/// through `via` (how it calls itself back).
fn contract() -> String {
    let locals: String = (0..900).map(|i| format!("let v{i} = n + {i};")).collect();
    let sum: String = (0..900).step_by(100).map(|i| format!(" + v{i}")).collect();
    format!(
        "function deep(n, via) {{ {locals}\n\
           if (n <= 0) return 0;\n\
           switch (via) {{\n\
             case 'direct': return deep(n - 1, via){sum};\n\
             case 'map': return [n - 1].map((m) => deep(m, via))[0]{sum};\n\
             case 'sort': {{ let r = 0; [1, 2].sort(() => {{ r = deep(n - 1, via); return 0; }}); return r{sum}; }}\n\
             case 'getter': return JSON.stringify({{ get x() {{ return deep(n - 1, via); }} }}).length{sum};\n\
             case 'toString': return String({{ toString() {{ return String(deep(n - 1, via)); }} }}).length{sum};\n\
             case 'proxy': return new Proxy({{}}, {{ get() {{ return deep(n - 1, via); }} }}).x{sum};\n\
             case 'spread': return deep(n - 1, via, ...wide){sum};\n\
             case 'bound': return deep.bind(null, n - 1, via, ...wide.slice(2))(...wide){sum};\n\
             case 'replace': {{ let r = 0; RegExp.prototype[Symbol.replace].call(wideMatch(), 'x', (...a) => {{ r = deep(n - 1, via); return ''; }}); return r{sum}; }}\n\
             default: throw new Error('no such path');\n\
           }}\n\
         }}\n\
         const wide = new Array(4000).fill(1);\n\
         function wideMatch() {{ let used = false; return {{ exec() {{ if (used) return null; used = true; const m = new Array(4001).fill('c'); m.index = 0; return m; }} }}; }}\n\
         class Depth {{ init() {{}} go(n, via) {{ return deep(n, via); }} }}\n\
         module.exports = Depth;"
    )
}

const PATHS: [&str; 9] = ["direct", "map", "sort", "getter", "toString", "proxy", "spread", "bound", "replace"];

#[test]
fn recursion_ends_at_the_same_depth_cold_or_optimized() {
    let source = contract();
    let abi = r#"{"lang":"javascript","version":"1.0.0","abi":[{"name":"go","args":["number","string"]}]}"#;
    for via in PATHS {
        let too_deep = format!(r#"[1000, "{via}"]"#);
        let mut chain = Chain::new();
        // Gas ends each run, not time: a deadline far past any (the debug
        // build on a loaded machine took over a second for `bound`).
        chain.set_timeout(std::time::Duration::from_secs(30));
        // (Each level of `bound` copies ~8,000 arguments, paid for.)
        chain.gas_limit = 100_000_000;
        chain.deploy_source("depth", "depth.js", &source, Some(abi));
        let cold = chain.call("depth", "go", &too_deep);
        assert_eq!(cold.status, Status::RuntimeError, "{via}: {}", cold.message);
        // Built-ins that recurse natively (JSON.stringify) count their own
        // levels against the same limit and say so in their own words.
        assert!(
            cold.message.starts_with("RangeError: Maximum call depth exceeded: more than 256 nested function calls")
                || cold.message.contains("nesting 257 deep with the calls in progress, over the limit of 256"),
            "{via}: {}",
            cold.message
        );
        // Hot: the same functions, run until V8 optimizes them.
        for _ in 0..60 {
            assert_eq!(chain.call("depth", "go", &format!(r#"[50, "{via}"]"#)).status, Status::Success, "{via}");
        }
        let hot = chain.call("depth", "go", &too_deep);
        assert_eq!(hot, cold, "{via}: an optimized worker ends the recursion differently");
        chain.restart_cold();
        assert_eq!(chain.call("depth", "go", &too_deep), cold, "{via}: a fresh worker differs");
    }
}

/// Built-ins that reach one another with no contract code between the
/// levels (getters that are bound `Reflect.get`, `valueOf`s that are bound
/// `Math.floor`, a built-in that calls itself through `this`) count each
/// level: the longest chain that fits is the same on a cold and a warm
/// worker, and a longer one ends at the call-depth limit, never at V8's.
#[test]
fn chains_of_built_ins_count_each_level_cold_or_warm() {
    let source = r#"
function chain(kind, n) {
  let next = kind === 'reflect' ? { x: 'end' } : { valueOf: () => 7 };
  for (let i = 0; i < n; i++) {
    const o = {};
    if (kind === 'reflect') Object.defineProperty(o, 'x', { get: Reflect.get.bind(null, next, 'x') });
    else o.valueOf = Math.floor.bind(null, next);
    next = o;
  }
  return next;
}
const read = (kind, o) => (kind === 'reflect' ? o.x : +o);
function fits(kind, n) { try { read(kind, chain(kind, n)); return true; } catch (e) { return false; } }
class Chains {
  init() {}
  longest(kind) {
    let lo = 0;
    let hi = 5000;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (fits(kind, mid)) lo = mid; else hi = mid - 1; }
    return lo;
  }
  long(kind) { return read(kind, chain(kind, 5000)); }
  itself() { const o = {}; o.toString = Object.prototype.toLocaleString; return o.toLocaleString(); }
}
module.exports = Chains;
"#;
    let mut chain = Chain::new();
    chain.gas_limit = 1_000_000_000;
    chain.deploy_source("chains", "chains.js", source, None);
    let depth_error = "RangeError: Maximum call depth exceeded: more than 256 nested function calls";
    for kind in ["reflect", "valueOf"] {
        let args = format!(r#"["{kind}"]"#);
        chain.restart_cold();
        let cold = chain.call("chains", "longest", &args);
        assert_eq!(cold.status, Status::Success, "{kind}: {}", cold.message);
        for _ in 0..3 {
            chain.call("chains", "longest", &args);
        }
        assert_eq!(chain.call("chains", "longest", &args), cold, "{kind}: a warm worker differs");
        let long = chain.call("chains", "long", &args);
        assert_eq!(long.status, Status::RuntimeError, "{kind}: {}", long.message);
        assert!(long.message.starts_with(depth_error), "{kind}: {}", long.message);
    }
    let itself = chain.call("chains", "itself", "[]");
    assert_eq!(itself.status, Status::RuntimeError, "{}", itself.message);
    assert!(itself.message.starts_with(depth_error), "{}", itself.message);
    assert_eq!(chain.ok("chains", "longest", r#"["reflect"]"#).parse::<u32>().map(|n| n < 256), Ok(true));
}
