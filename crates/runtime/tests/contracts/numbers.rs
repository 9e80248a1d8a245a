//! The number classes (js/numbers.js): BigNumber, Int64 and Float64, exact
//! values, errors, and gas that grows with the digits.

use v8vm_runtime::Status;

use crate::tester::Chain;

const NUMBERS: &str = r#"
const classes = { BigNumber, Int64, Float64 };
const show = (r) => (typeof r === 'object' && r !== null ? r.toString() : String(r));
class Numbers {
  init() {}
  unary(cls, a, op) { return show(new classes[cls](a)[op]()); }
  binary(cls, a, op, b) { return show(new classes[cls](a)[op](b)); }
  fixed(cls, a, dp, rm) { return new classes[cls](a).toFixed(dp, rm === '' ? undefined : rm); }
  make(cls, a) { return new classes[cls](a).toString(); }
  json() { return JSON.stringify(new BigNumber(8e-11).plus(2.9e-15)); }
  jsonAll() { return JSON.stringify({ b: new BigNumber('1.50'), i: new Int64(-5), f: new Float64('2.50') }); }
  fromNumbers() {
    return [new BigNumber(0.1).plus(0.2), new Float64(0.1).plus(0.2), new Int64(2 ** 53).plus(1),
      new BigNumber(1e21), new BigNumber(-1.5e-7)].map(String).join(' ');
  }
  statics() {
    return [BigNumber.max(1, '5', new BigNumber(3)), BigNumber.min('2', -7, 3), BigNumber.max(1, 'x'),
      BigNumber.isBigNumber(new BigNumber(1)), BigNumber.isBigNumber('1'), BigNumber.isBigNumber(new Float64(1)),
      BigNumber.ROUND_DOWN, BigNumber.ROUND_HALF_UP].map(String).join(' ');
  }
  mixed() {
    return [new Float64('1.5').plus(new Int64(2)), new BigNumber(new Float64('0.25')).times(4),
      new Int64(new BigNumber('12')).multi(new Int64(3)), new Float64(new BigNumber('1e-3'))].map(String).join(' ');
  }
  chain() {
    // 100 * (1 + 5%)^10, kept to 8 places
    return new BigNumber(100).times(new BigNumber('1.05').pow(10)).toFixed(8);
  }
  tamper() {
    try { BigNumber.prototype.plus = () => 'hacked'; } catch (e) { /* frozen */ }
    try { globalThis.Int64 = null; } catch (e) { /* read-only */ }
    return [Object.isFrozen(BigNumber.prototype), Object.isFrozen(Float64), new BigNumber(1).plus(1), typeof Int64].map(String).join(' ');
  }
  squareForever(a) { let x = new BigNumber(a); for (;;) { x = x.times(x); } }
  grind(a) { const x = new BigNumber(a); for (;;) { x.times(x); } }
}
module.exports = Numbers;
"#;

fn chain() -> Chain {
    let mut chain = Chain::new();
    let receipt = chain.deploy_source("numbers", "numbers.js", NUMBERS, None);
    assert_eq!(receipt.status, Status::Success, "{}", receipt.message);
    chain
}

fn args(items: &[&str]) -> String {
    serde_json::to_string(items).expect("JSON")
}

/// `(class, a, op, b, expected)`: `new class(a)[op](b).toString()`.
fn check_binary(chain: &mut Chain, cases: &[(&str, &str, &str, &str, &str)]) {
    for &(cls, a, op, b, expected) in cases {
        let got = chain.ok("numbers", "binary", &args(&[cls, a, op, b]));
        assert_eq!(got, expected, "new {cls}({a:?}).{op}({b:?})");
    }
}

/// `(class, a, op, expected)`: `new class(a)[op]().toString()`.
fn check_unary(chain: &mut Chain, cases: &[(&str, &str, &str, &str)]) {
    for &(cls, a, op, expected) in cases {
        let got = chain.ok("numbers", "unary", &args(&[cls, a, op]));
        assert_eq!(got, expected, "new {cls}({a:?}).{op}()");
    }
}

/// The call fails with a runtime error whose message contains `message`.
fn check_error(chain: &mut Chain, method: &str, items: &[&str], message: &str) {
    let receipt = chain.call("numbers", method, &args(items));
    assert_eq!(receipt.status, Status::RuntimeError, "{method}{items:?}: {}", receipt.message);
    assert!(receipt.message.contains(message), "{method}{items:?}: {:?} lacks {message:?}", receipt.message);
}

#[test]
fn bignumber_prints_like_bignumber_js() {
    let mut chain = chain();
    assert_eq!(chain.ok("numbers", "json", "[]"), r#""8.00029e-11""#);
    assert_eq!(chain.ok("numbers", "jsonAll", "[]"), r#"{"b":"1.5","i":"-5","f":"2.5"}"#);
    for (input, expected) in [
        ("0", "0"),
        ("-0", "0"),
        ("1.50", "1.5"),
        ("  +12.340 ", "12.34"),
        (".5", "0.5"),
        ("5.", "5"),
        ("8e-11", "8e-11"),
        ("0.000001", "0.000001"),
        ("0.0000001", "1e-7"),
        ("123456789012345678901", "123456789012345678901"),
        ("1e21", "1e+21"),
        ("-1234567890123456789012.5", "-1.2345678901234567890125e+21"),
        ("0x1f", "31"),
        ("Infinity", "Infinity"),
        ("-Infinity", "-Infinity"),
        ("abc", "NaN"),
        ("", "NaN"),
        ("1.2.3", "NaN"),
        ("e5", "NaN"),
    ] {
        assert_eq!(chain.ok("numbers", "make", &args(&["BigNumber", input])), expected, "{input:?}");
    }
    assert_eq!(chain.ok("numbers", "fromNumbers", "[]"), "0.3 0.3 9007199254740993 1e+21 -1.5e-7");
}

#[test]
fn bignumber_arithmetic() {
    let mut chain = chain();
    check_binary(
        &mut chain,
        &[
            ("BigNumber", "0.1", "plus", "0.2", "0.3"),
            ("BigNumber", "1", "minus", "1.0001", "-0.0001"),
            ("BigNumber", "-1.5", "times", "2.5", "-3.75"),
            ("BigNumber", "123456789.123456789", "times", "1e10", "1234567891234567890"),
            ("BigNumber", "1", "div", "3", "0.33333333333333333333333333333333333333333333333333"),
            ("BigNumber", "2", "div", "3", "0.66666666666666666666666666666666666666666666666666"),
            ("BigNumber", "-2", "div", "3", "-0.66666666666666666666666666666666666666666666666666"),
            ("BigNumber", "1", "div", "8", "0.125"),
            ("BigNumber", "1", "div", "0", "Infinity"),
            ("BigNumber", "-1", "div", "0", "-Infinity"),
            ("BigNumber", "0", "div", "0", "NaN"),
            ("BigNumber", "7", "idiv", "2", "3"),
            ("BigNumber", "-7", "idiv", "2", "-3"),
            ("BigNumber", "7.5", "mod", "2", "1.5"),
            ("BigNumber", "-7", "mod", "2", "-1"),
            ("BigNumber", "7", "mod", "0", "NaN"),
            ("BigNumber", "2", "pow", "10", "1024"),
            ("BigNumber", "2", "pow", "100", "1.267650600228229401496703205376e+30"),
            ("BigNumber", "1.1", "pow", "2", "1.21"),
            ("BigNumber", "-2", "pow", "3", "-8"),
            ("BigNumber", "2", "pow", "-2", "0.25"),
            ("BigNumber", "3", "pow", "-1", "0.33333333333333333333333333333333333333333333333333"),
            ("BigNumber", "5", "pow", "0", "1"),
            ("BigNumber", "abc", "plus", "1", "NaN"),
            ("BigNumber", "1", "plus", "abc", "NaN"),
            ("BigNumber", "Infinity", "minus", "Infinity", "NaN"),
            ("BigNumber", "Infinity", "times", "-2", "-Infinity"),
            // bignumber.js's long names.
            ("BigNumber", "2", "multipliedBy", "3", "6"),
            ("BigNumber", "6", "dividedBy", "4", "1.5"),
            ("BigNumber", "7", "dividedToIntegerBy", "2", "3"),
            ("BigNumber", "7", "modulo", "4", "3"),
            ("BigNumber", "3", "exponentiatedBy", "3", "27"),
            ("BigNumber", "2", "isGreaterThan", "1", "true"),
            ("BigNumber", "2", "isLessThanOrEqualTo", "1", "false"),
        ],
    );
    check_unary(
        &mut chain,
        &[
            ("BigNumber", "2", "sqrt", "1.41421356237309504880168872420969807856967187537694"),
            ("BigNumber", "16", "sqrt", "4"),
            ("BigNumber", "0.0001", "sqrt", "0.01"),
            ("BigNumber", "-4", "sqrt", "NaN"),
            ("BigNumber", "-3.5", "abs", "3.5"),
            ("BigNumber", "3.5", "negated", "-3.5"),
            ("BigNumber", "-3.7", "integerValue", "-3"),
            ("BigNumber", "3.7", "integerValue", "3"),
            ("BigNumber", "3.7", "toNumber", "3.7"),
            ("BigNumber", "-0.5", "valueOf", "-0.5"),
            ("BigNumber", "-0.5", "toJSON", "-0.5"),
            ("BigNumber", "1.2345", "decimalPlaces", "4"),
        ],
    );
}

#[test]
fn bignumber_comparisons_and_predicates() {
    let mut chain = chain();
    check_binary(
        &mut chain,
        &[
            ("BigNumber", "1.0", "eq", "1", "true"),
            ("BigNumber", "0.1", "eq", "0.10000000000000000001", "false"),
            ("BigNumber", "2", "gt", "1.99999", "true"),
            ("BigNumber", "2", "gt", "2", "false"),
            ("BigNumber", "2", "gte", "2", "true"),
            ("BigNumber", "-2", "lt", "-1", "true"),
            ("BigNumber", "-2", "lte", "-2.0001", "false"),
            ("BigNumber", "3", "comparedTo", "2", "1"),
            ("BigNumber", "2", "comparedTo", "3", "-1"),
            ("BigNumber", "2", "comparedTo", "2.0", "0"),
            ("BigNumber", "NaN", "comparedTo", "2", "null"),
            ("BigNumber", "NaN", "eq", "NaN", "false"),
            ("BigNumber", "1e-30", "gt", "0", "true"),
            ("BigNumber", "-Infinity", "lt", "-1e300", "true"),
            ("Int64", "-5", "eq", "-5", "true"),
            ("Int64", "9223372036854775807", "gt", "9223372036854775806", "true"),
            ("Int64", "3", "gte", "4", "false"),
            ("Int64", "-9223372036854775808", "lt", "0", "true"),
            ("Int64", "7", "lte", "7", "true"),
            ("Float64", "0.1", "eq", "0.10", "true"),
            ("Float64", "1.0000000001", "gt", "1", "true"),
            ("Float64", "2.5", "gte", "2.50000001", "false"),
            ("Float64", "-0.3", "lt", "-0.2", "true"),
            ("Float64", "1e-3", "lte", "0.001", "true"),
        ],
    );
    check_unary(
        &mut chain,
        &[
            ("BigNumber", "0", "isZero", "true"),
            ("BigNumber", "0.0001", "isZero", "false"),
            ("BigNumber", "abc", "isNaN", "true"),
            ("BigNumber", "1", "isNaN", "false"),
            ("BigNumber", "Infinity", "isFinite", "false"),
            ("BigNumber", "1e300", "isFinite", "true"),
            ("BigNumber", "1e3", "isInteger", "true"),
            ("BigNumber", "1.5", "isInteger", "false"),
            ("BigNumber", "-1", "isNegative", "true"),
            ("BigNumber", "1", "isPositive", "true"),
            // As in bignumber.js, zero is positive.
            ("BigNumber", "0", "isPositive", "true"),
            ("BigNumber", "0", "isNegative", "false"),
        ],
    );
    assert_eq!(chain.ok("numbers", "statics", "[]"), "5 -7 NaN true false false 1 4");
}

#[test]
fn bignumber_to_fixed_rounds_down_unless_told() {
    let mut chain = chain();
    for (a, dp, rm, expected) in [
        ("1.005", "2", "", "1.00"),
        ("1.005", "2", "4", "1.01"),
        ("-1.999", "2", "", "-1.99"),
        ("-1.999", "2", "3", "-2.00"),
        ("2.5", "0", "6", "2"),
        ("3.5", "0", "6", "4"),
        ("12", "3", "", "12.000"),
        ("-0.001", "2", "", "0.00"),
        ("1e21", "1", "", "1000000000000000000000.0"),
        ("8e-11", "12", "", "0.000000000080"),
    ] {
        let got = chain.ok("numbers", "fixed", &args(&["BigNumber", a, dp, rm]));
        assert_eq!(got, expected, "new BigNumber({a}).toFixed({dp}, {rm})");
    }
    check_unary(&mut chain, &[("BigNumber", "1e21", "toFixed", "1000000000000000000000")]);
    check_error(&mut chain, "fixed", &["BigNumber", "1", "-1", ""], "BigNumber toFixed: an integer from 0");
    assert_eq!(chain.ok("numbers", "chain", "[]"), "162.88946267");
}

#[test]
fn int64_arithmetic_is_checked() {
    let mut chain = chain();
    check_binary(
        &mut chain,
        &[
            ("Int64", "9223372036854775806", "plus", "1", "9223372036854775807"),
            ("Int64", "-9223372036854775807", "minus", "1", "-9223372036854775808"),
            ("Int64", "123456789", "multi", "-1000", "-123456789000"),
            ("Int64", "7", "div", "2", "3"),
            ("Int64", "-7", "div", "2", "-3"),
            ("Int64", "7", "mod", "-2", "1"),
            ("Int64", "-7", "mod", "2", "-1"),
            ("Int64", "2", "pow", "62", "4611686018427387904"),
            ("Int64", "-2", "pow", "63", "-9223372036854775808"),
            ("Int64", "-1", "pow", "1000000000001", "-1"),
            ("Int64", "5", "pow", "0", "1"),
            ("Int64", "3", "shift", "2", "12"),
            ("Int64", "-7", "shift", "-1", "-4"),
            ("Int64", "7", "shift", "-1", "3"),
            ("Int64", "-1", "shift", "-100", "-1"),
            ("Int64", "1", "shift", "62", "4611686018427387904"),
            ("Int64", "10", "eq", "10", "true"),
            ("Int64", "10", "gt", "9", "true"),
            ("Int64", "10", "gte", "11", "false"),
            ("Int64", "-10", "lt", "9", "true"),
            ("Int64", "-10", "lte", "-10", "true"),
            ("Int64", "1", "plus", "1.0", "2"),
            ("Int64", "1", "plus", "1e3", "1001"),
        ],
    );
    check_unary(
        &mut chain,
        &[
            ("Int64", "-5", "negated", "5"),
            ("Int64", "0", "isZero", "true"),
            ("Int64", "3", "isPositive", "true"),
            ("Int64", "0", "isPositive", "false"),
            ("Int64", "-3", "isNegative", "true"),
            ("Int64", "-42", "toJSON", "-42"),
        ],
    );
    assert_eq!(chain.ok("numbers", "fixed", &args(&["Int64", "5", "2", ""])), "5.00");
    assert_eq!(chain.ok("numbers", "mixed", "[]"), "3.5 1 36 0.001");

    let max = "9223372036854775807";
    let min = "-9223372036854775808";
    check_error(
        &mut chain,
        "binary",
        &["Int64", max, "plus", "1"],
        "RangeError: Int64 overflow: 9223372036854775807 + 1",
    );
    check_error(
        &mut chain,
        "binary",
        &["Int64", min, "minus", "1"],
        "RangeError: Int64 underflow: -9223372036854775808 - 1",
    );
    check_error(&mut chain, "binary", &["Int64", max, "multi", "2"], "Int64 overflow: 9223372036854775807 * 2");
    check_error(&mut chain, "binary", &["Int64", min, "multi", "2"], "Int64 underflow: -9223372036854775808 * 2");
    check_error(&mut chain, "binary", &["Int64", min, "div", "-1"], "Int64 overflow: -9223372036854775808 / -1");
    check_error(&mut chain, "binary", &["Int64", "5", "div", "0"], "Int64 division by zero: 5 / 0");
    check_error(&mut chain, "binary", &["Int64", "5", "mod", "0"], "Int64 division by zero: 5 % 0");
    check_error(&mut chain, "binary", &["Int64", "2", "pow", "63"], "Int64 overflow: 2 ** 63");
    check_error(&mut chain, "binary", &["Int64", "2", "pow", "1000000000000"], "Int64 overflow: 2 ** 1000000000000");
    check_error(&mut chain, "binary", &["Int64", "2", "pow", "-1"], "Int64 pow: an integer from 0");
    check_error(&mut chain, "binary", &["Int64", "1", "shift", "63"], "Int64 overflow: 1 << 63");
    check_error(&mut chain, "binary", &["Int64", "-1", "shift", "64"], "Int64 underflow: -1 << 64");
    check_error(&mut chain, "unary", &["Int64", min, "negated"], "Int64 overflow: -(-9223372036854775808)");
    check_error(&mut chain, "make", &["Int64", "9223372036854775808"], "Int64 out of range: 9223372036854775808");
    check_error(&mut chain, "make", &["Int64", "1.5"], "RangeError: Int64: not an integer: 1.5");
    check_error(&mut chain, "binary", &["Int64", "1", "plus", "0.5"], "Int64: not an integer: 0.5");
    check_error(&mut chain, "make", &["Int64", "abc"], "TypeError: Int64: not a number: 'abc'");
    check_error(&mut chain, "make", &["Int64", "Infinity"], "Int64: not an integer: Infinity");
}

#[test]
fn float64_is_exact_decimal_arithmetic() {
    let mut chain = chain();
    check_binary(
        &mut chain,
        &[
            ("Float64", "12345.6789", "div", "12", "1028.806575"),
            ("Float64", "12345.6789", "pow", "3", "1881676371789.154860897069"),
            ("Float64", "0.1", "plus", "0.2", "0.3"),
            ("Float64", "1.10", "minus", "2.20", "-1.1"),
            ("Float64", "1.5", "multi", "-0.2", "-0.3"),
            ("Float64", "1", "div", "3", "0.33333333333333333333333333333333333333333333333333"),
            ("Float64", "-10", "div", "4", "-2.5"),
            ("Float64", "7.5", "mod", "2", "1.5"),
            ("Float64", "-7.5", "mod", "2", "-1.5"),
            ("Float64", "2", "pow", "-3", "0.125"),
        ],
    );
    check_binary(
        &mut chain,
        &[
            ("Float64", "1.5", "eq", "1.50", "true"),
            ("Float64", "1.5", "gt", "1.49999", "true"),
            ("Float64", "1.5", "gte", "1.6", "false"),
            ("Float64", "-1.5", "lt", "1", "true"),
            ("Float64", "1.5", "lte", "1.5", "true"),
            ("Float64", "1e-8", "plus", "1e8", "100000000.00000001"),
        ],
    );
    check_unary(
        &mut chain,
        &[
            ("Float64", "1.500", "toString", "1.5"),
            ("Float64", "1e21", "toString", "1000000000000000000000"),
            ("Float64", "8e-11", "toString", "0.00000000008"),
            ("Float64", "2.5", "negated", "-2.5"),
            ("Float64", "0.000", "isZero", "true"),
            ("Float64", "0.1", "isPositive", "true"),
            ("Float64", "0", "isPositive", "false"),
            ("Float64", "-0.1", "isNegative", "true"),
            ("Float64", "-0.10", "toJSON", "-0.1"),
        ],
    );
    assert_eq!(chain.ok("numbers", "fixed", &args(&["Float64", "10", "4", ""])), "10.0000");
    assert_eq!(chain.ok("numbers", "fixed", &args(&["Float64", "3.14159", "2", ""])), "3.14");
    assert_eq!(chain.ok("numbers", "fixed", &args(&["Float64", "-3.14159", "3", ""])), "-3.141");
    check_error(&mut chain, "binary", &["Float64", "1", "div", "0"], "Float64 division by zero: 1 / 0");
    check_error(&mut chain, "binary", &["Float64", "1", "mod", "0.0"], "Float64 division by zero: 1 % 0");
    check_error(&mut chain, "binary", &["Float64", "0", "pow", "-1"], "Float64 division by zero");
    check_error(&mut chain, "binary", &["Float64", "2", "pow", "0.5"], "Float64 pow: an integer");
    check_error(&mut chain, "make", &["Float64", "abc"], "TypeError: Float64: not a number: 'abc'");
    check_error(&mut chain, "make", &["Float64", "NaN"], "TypeError: Float64: not a number: 'NaN'");
}

#[test]
fn the_classes_are_frozen() {
    let mut chain = chain();
    assert_eq!(chain.ok("numbers", "tamper", "[]"), "true true 2 function");
    // The attempts left nothing behind for the next call.
    assert_eq!(chain.ok("numbers", "binary", &args(&["BigNumber", "1", "plus", "1"])), "2");
}

fn gas(chain: &mut Chain, a: &str, op: &str, b: &str) -> u64 {
    let receipt = chain.call("numbers", "binary", &args(&["BigNumber", a, op, b]));
    assert_eq!(receipt.status, Status::Success, "{}", receipt.message);
    receipt.gas_used
}

#[test]
fn gas_grows_with_the_digits_and_is_deterministic() {
    let mut chain = chain();
    let big = "7".repeat(4000);
    for op in ["plus", "times", "div", "mod", "comparedTo"] {
        let small = gas(&mut chain, "7", op, "3");
        let large = gas(&mut chain, &big, op, &big[..3000]);
        assert!(large > small + 200, "{op}: {small} for one digit, {large} for 4000");
        // The same call costs the same gas, again and on a fresh worker.
        assert_eq!(gas(&mut chain, &big, op, &big[..3000]), large, "{op}");
        chain.restart_cold();
        assert_eq!(gas(&mut chain, &big, op, &big[..3000]), large, "{op} after a restart");
    }
    let small = gas(&mut chain, "2", "pow", "10");
    let large = gas(&mut chain, "2", "pow", "30000");
    assert!(large > small + 100, "pow: {small} for 2^10, {large} for 2^30000");
}

#[test]
fn huge_numbers_are_refused_not_slow() {
    let mut chain = chain();
    check_error(
        &mut chain,
        "binary",
        &["BigNumber", "2", "pow", "1000000000"],
        "BigNumber pow: the result would have more than 10000 digits",
    );
    check_error(
        &mut chain,
        "binary",
        &["Float64", "1.5", "pow", "100000"],
        "Float64 pow: the result would have more than 10000 digits",
    );
    check_error(&mut chain, "binary", &["BigNumber", "1e9000", "times", "1e9000"], "BigNumber: out of range");
    check_error(&mut chain, "make", &["BigNumber", "1e-20000"], "BigNumber: out of range");
    check_error(&mut chain, "make", &["BigNumber", &"9".repeat(30_000)], "more than 20100 characters");
    // Squaring without end stops at the size limit.
    check_error(&mut chain, "squareForever", &["3"], "out of range");
    // Work that stays under the limit runs out of gas.
    chain.gas_limit = 200_000;
    let receipt = chain.call("numbers", "grind", &args(&[&"9".repeat(4000)]));
    assert_eq!((receipt.status, receipt.gas_used), (Status::OutOfGas, 200_000), "{}", receipt.message);
}
