use crate::tester::compiled;

/// The bundle text of the only module, without its wrapper.
fn module_code(source: &str) -> String {
    let bundle = compiled(source).bundle;
    let start = bundle.find("__dirname) {").unwrap() + "__dirname) {".len();
    let end = bundle.rfind("\n__v8vm_seal(").unwrap();
    bundle[start..end].to_owned()
}

#[test]
fn every_basic_block_is_charged_once_at_its_start() {
    let code = module_code(
        "'use strict'\nfunction f(n) {\n  for (let i = 0; i < n; i++) g();\n  while (n) n--;\n  if (n) a(); else { b(); }\n  return n ? x : y || z;\n}\nconst h = (v) => v;",
    );
    assert_eq!(
        code,
        "'use strict';__v8vm_gas(6);\nfunction f(n) {__v8vm_enter(8);try{\n  for (let i = 0; i < n; i++) {__v8vm_gas(7);g();}\n  while (n) {__v8vm_gas(2);n--;}\n  if (n) {__v8vm_gas(5);a();} else {__v8vm_gas(5); b(); }\n  return n ? (__v8vm_gas(1),x) : (__v8vm_gas(2),y || (__v8vm_gas(1),z));\n}finally{__v8vm_leave()}}\nconst h = (v) => {__v8vm_enter(1);try{return (v);}finally{__v8vm_leave()}};"
    );
}

#[test]
fn function_bodies_count_the_call_depth_until_they_return_or_throw() {
    let code = module_code("function e() {}\nfunction d() { 'use strict'; }\nfunction s() { 'use strict'; return 1; }");
    assert_eq!(
        code,
        "__v8vm_gas(4);function e() {;__v8vm_enter(1);try{}finally{__v8vm_leave()}}\n\
         function d() { 'use strict';;__v8vm_enter(1);try{}finally{__v8vm_leave()} }\n\
         function s() { 'use strict';;__v8vm_enter(2);try{ return 1; }finally{__v8vm_leave()}}"
    );
}

#[test]
fn string_building_goes_through_size_charging_helpers() {
    let code = module_code("let s = a + b;\ns += `x${s}`;\nconst n = 1 + 2;\nconst t = tag`raw ${s}`;");
    assert_eq!(
        code,
        "__v8vm_gas(15);let s = __v8vm_plus(a,b);\ns = __v8vm_append(s, __v8vm_str(`x${s}`));\nconst n = 1 + 2;\nconst t = tag`raw ${s}`;"
    );
}

#[test]
fn appending_reads_past_html_like_comments() {
    let code = module_code("x <!-- a comment\n += 'b';\nf().y\n--> another\n += 'c';");
    assert_eq!(
        code,
        "__v8vm_gas(8);x <!-- a comment\n = __v8vm_append(x, 'b');\n__v8vm_append_to(f(), \"y\"\n--> another\n , () => ( 'c'));"
    );
}

#[test]
fn appending_writes_plain_targets_twice_and_evaluates_others_once() {
    let code = module_code(
        "(o.p) /* += */ += x;
this['k'] += x;
f().p += x;
a.b[k] += x;",
    );
    assert_eq!(
        code,
        "__v8vm_gas(15);(o.p) /* += */ = __v8vm_append(o.p, x);
this['k'] = __v8vm_append(this['k'], x);
\
         __v8vm_append_to(f(), \"p\" , () => ( x));
__v8vm_append_to(a.b, k , () => ( x));"
    );
}

#[test]
fn lines_never_move() {
    let source = "class A {\n  m(x) {\n    if (x) return x + 1;\n    return `${x}`;\n  }\n}\nmodule.exports = A;\n";
    let artifact = compiled(source);
    let module = &artifact.modules[0];
    let code_lines: Vec<&str> = artifact.bundle.lines().skip(module.first_line as usize).take(7).collect();
    for (i, original) in source.lines().enumerate() {
        // Every original token is still on its own line.
        let last_token = original.split_whitespace().last().unwrap_or("");
        assert!(code_lines[i].contains(last_token.trim_end_matches(';')), "line {}: {:?}", i + 1, code_lines[i]);
    }
}

#[test]
fn jsdoc_param_types_are_recorded_for_the_abi() {
    let artifact = compiled(
        "class T {\n  /**\n   * @param {string} to\n   * @param {number} amount\n   * @param {boolean} force\n   * @param {json} memo\n   */\n  pay(to, amount, force, memo) {}\n}\nmodule.exports = T;",
    );
    use v8vm_compiler::ArgType::*;
    assert_eq!(artifact.jsdoc["pay"], [String, Number, Bool, Json]);
}
