//! Thrown values: the compiler hands each to the library before anything
//! could swallow it (in each `catch`, ahead of each `finally`, as it leaves
//! each function, parameters that destructure included), and a TypeError
//! V8 made is charged for the source V8 parses again to word it. None of
//! that may change what the code does.

use crate::tester::Chain;

/// Every form of `try`, and every kind of function whose parameters
/// destructure, with what it must return.
const FORMS: &str = r#"
class Base { constructor({ a } = { a: 1 }) { this.a = a; } }
class Derived extends Base {
  constructor({ b }, ...[c]) { super({ a: b }); this.c = c; }
  get sum() { return this.a + this.c; }
  set both([x, y]) { this.a = x; this.c = y; }
  static make({ b, c }) { return new Derived({ b }, c); }
}
function args({ a }, [b] = [2], ...rest) { return [a, b, arguments.length, rest.length, new.target === undefined].join(); }
const arrow = ({ a }, [b]) => a + b;
const asyncArrow = async ({ a }) => { await null; return a * 2; };
async function asyncFn([a, b]) { const c = await Promise.resolve(a + b); return c; }
class Forms {
  init() {}
  run() {
    const out = [];
    try { null.x; } catch (e) { out.push(e instanceof TypeError); }
    try { throw { message: 'm', code: 7 }; } catch ({ message, code }) { out.push(message + code); }
    try { throw 3; } catch { out.push('bare'); }
    for (const i of [1, 2, 3]) { try { if (i === 2) null.x; } finally { if (i === 2) continue; } out.push(i); }
    const f = () => { try { return 'try'; } finally { out.push('fin'); } };
    out.push(f());
    label: try { try { throw 1; } catch (e) { break label; } finally { out.push('inner'); } } finally { out.push('outer'); }
    try { try { throw new RangeError('r'); } finally { out.push('passes'); } } catch (e) { out.push(e.message); }
    const d = new Derived({ b: 10 }, 5);
    out.push(d.sum, Derived.make({ b: 1, c: 2 }).sum);
    d.both = [3, 4];
    out.push(d.sum, new Base().a, args({ a: 1 }, undefined, 3, 4), arrow({ a: 1 }, [2]));
    const obj = { m({ x }) { return x; }, set s({ v }) { this.v = v; }, v: 0 };
    obj.s = { v: 9 };
    out.push(obj.m({ x: 'm' }), obj.v, Base.length, Derived.length, args.length);
    try { arrow(null, [1]); } catch (e) { out.push(e.constructor.name); }
    asyncArrow({ a: 4 }).then((v) => storage.put('arrow', String(v)));
    asyncFn([1, 2]).then((v) => storage.put('fn', String(v)));
    asyncFn(null).catch((e) => storage.put('null', e.constructor.name));
    Promise.all([asyncArrow({ a: 1 }), asyncFn([2, 3])]).then((v) => storage.put('all', v.join()));
    return JSON.stringify(out);
  }
  settled() {
    return ['arrow', 'fn', 'null', 'all'].map((key) => storage.get(key)).join();
  }
}
module.exports = Forms;
"#;

#[test]
fn handing_thrown_values_over_changes_no_behaviour() {
    let mut chain = Chain::new();
    assert!(chain.deploy_source("forms", "forms.js", FORMS, None).is_success());
    assert_eq!(
        chain.ok("forms", "run", "[]"),
        r#"[true,"m7","bare",1,3,"fin","try","inner","outer","passes","r",15,3,7,1,"1,2,4,2,true",3,"m",9,0,1,1,"TypeError"]"#
    );
    assert_eq!(chain.ok("forms", "settled", "[]"), "8,3,TypeError,2,5");
}

#[test]
fn a_type_error_is_charged_by_the_size_of_the_function_that_threw_it() {
    let pad = "y".repeat(4000);
    let source = format!(
        "class T {{ init() {{}}\n\
         small() {{ try {{ null.x; }} catch (e) {{}} ''; }}\n\
         large() {{ try {{ null.x; }} catch (e) {{}} '{pad}'; }}\n\
         plain() {{ try {{ throw 1; }} catch (e) {{}} ''; }}\n\
         library() {{ try {{ [].join.call(null); }} catch (e) {{}} ''; }}\n\
         twice() {{ try {{ try {{ null.x; }} catch (e) {{ throw e; }} }} catch (e) {{}} ''; }}\n\
         }}\nmodule.exports = T;"
    );
    let mut chain = Chain::new();
    assert!(chain.deploy_source("t", "t.js", &source, None).is_success());
    let gas = |chain: &mut Chain, method: &str| {
        let receipt = chain.call("t", method, "[]");
        assert!(receipt.is_success(), "{method}: {receipt:?}");
        receipt.gas_used
    };
    let (small, large, plain) = (gas(&mut chain, "small"), gas(&mut chain, "large"), gas(&mut chain, "plain"));
    // 2.25 gas a UTF-16 unit of the function V8 parses again.
    assert_eq!(large - small, 9000);
    assert!(small > plain + 1900, "a TypeError costs 1900 and its function: {small} vs {plain}");
    // Thrown in a library function: charged by that function's size.
    let library = gas(&mut chain, "library");
    assert!(library > plain + 1900 + 170, "{library} vs {plain}");
    // Caught twice: charged once, and 170 for each catch.
    let twice = gas(&mut chain, "twice");
    assert!(twice < small + 2 * 170 + 100, "{twice} vs {small}");
    // A cold worker charges the same.
    chain.restart_cold();
    assert_eq!(gas(&mut chain, "large"), large);
}
