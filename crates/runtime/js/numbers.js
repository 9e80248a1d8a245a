'use strict';
// The number classes of a v8vm sandbox: BigNumber, Int64 and Float64.
//
// Written here on top of BigInt (no npm code) so that every node computes the
// same digits and charges the same gas. This file runs first, in the same
// function as sandbox.js (the runtime concatenates the two): it only defines
// the three globals, which sandbox.js then hardens with the rest of the realm.
// Its methods call sandbox.js's `meter` at call time (a hoisted function
// declaration); at load time nothing of sandbox.js is used.
//
// A finite decimal is a pair (c, s): the value c / 10^s, with c a BigInt
// without trailing zeros (or 0n with s = 0) and s an integer, maybe negative.
// Every operation is charged by the digits of its operands and its result.
// Values hold at most LIMIT significant digits and at most LIMIT digits
// before or after the point: beyond that an operation throws a RangeError,
// so that no single operation can take long.
(() => {
  const { apply } = Reflect;
  const { freeze } = Object;
  // The original: these classes hold BigInts of up to LIMIT digits, past
  // what a contract's own may hold (builtins.js wraps the global later).
  // Parses of text are charged as the wrapper charges them.
  const { BigInt } = globalThis;
  // And the original String: formatting is charged here (`decimal`).
  const { String } = globalThis;
  const parsed = (digits) => {
    chargeBigIntParse(digits.length);
    return BigInt(digits);
  };
  const { floor, ceil, log10, clz32 } = Math;
  const { isInteger, parseInt: parseIntOf } = Number;
  const bigintToString = BigInt.prototype.toString;
  const exec = RegExp.prototype.exec;
  const trim = String.prototype.trim;
  const repeat = String.prototype.repeat;
  const slice = String.prototype.slice;

  // Decimal places of `div`, `sqrt` and negative powers (bignumber.js
  // DECIMAL_PLACES as IOST configures it), rounded toward zero.
  const DP = 50;
  // Most digits a value may have (see above).
  const LIMIT = 10000;
  // Fixed cost of reading a number from text.
  const GAS_NUMBER_PARSE = 100;
  // Longest text a constructor parses.
  const MAX_TEXT = 2 * LIMIT + 100;
  // A key only this file holds: `new BigNumber(INTERNAL)` makes an empty instance.
  const INTERNAL = freeze({});

  const zeros = (n) => (n > 0 ? apply(repeat, '0', [n]) : '');
  const babs = (c) => (c < 0n ? -c : c);

  const POW10 = freeze(Array.from({ length: 128 }, (_, i) => 10n ** BigInt(i)));
  // 10^n: past the table, made by squarings and charged as a product of its size.
  function pow10(n) {
    if (n < POW10.length) return POW10[n];
    chargeMul(n);
    return 10n ** BigInt(n);
  }

  // log10 |c| for c != 0n, without making its decimal digits.
  function log10Abs(c) {
    const a = babs(c);
    const n = Number(a);
    if (n < 1e300) return log10(n);
    const hex = apply(bigintToString, a, [16]);
    const lead = parseIntOf(apply(slice, hex, [0, 12]), 16);
    return log10(lead) + (hex.length - 12) * 4 * 0.3010299956639812;
  }
  // About the number of decimal digits of c (exact but near powers of ten).
  const digitsOf = (c) => (c === 0n ? 1 : floor(log10Abs(c)) + 1);
  function bitLength(n) {
    const hex = apply(bigintToString, n, [16]);
    return (hex.length - 1) * 4 + (32 - clz32(parseIntOf(hex[0], 16)));
  }

  // Gas: linear in the digits for additions and comparisons, with a
  // quadratic part for multiplications, divisions and roots.
  // Every operation also costs GAS_NUMBER_OPERATION: its fixed work (private
  // fields, a result object, checks) takes ~0.7 us whatever the digits (red
  // team round 22: `BigNumber.plus(BigNumber)` ran at ~35 ns a gas).
  const GAS_NUMBER_OPERATION = 24;
  const charge = (digits) => meter(GAS_NUMBER_OPERATION + ceil(digits / 32));
  const chargeMul = (digits) => meter(GAS_NUMBER_OPERATION + ceil(digits / 32) + floor((digits * digits) / 20000));

  // eq, gt, gte, lt and lte of Int64 and Float64, from each class's own
  // comparison (-1, 0 or 1).
  function defineComparisons(proto, compare) {
    const methods = {
      eq(y) {
        return compare(this, y) === 0;
      },
      gt(y) {
        return compare(this, y) > 0;
      },
      gte(y) {
        return compare(this, y) >= 0;
      },
      lt(y) {
        return compare(this, y) < 0;
      },
      lte(y) {
        return compare(this, y) <= 0;
      },
    };
    for (const name of ['eq', 'gt', 'gte', 'lt', 'lte']) {
      Object.defineProperty(proto, name, { value: methods[name], writable: true, configurable: true });
    }
  }

  // --- Decimal arithmetic on (c, s) pairs ---------------------------------------

  const E16 = 10n ** 16n;
  // Trailing zeros come off 16 at a time, each step a division of the whole
  // coefficient: a sum or a product can end in thousands of zeros (10^5000
  // takes ~1 ms in 313 steps). Past 64 digits each step is charged, before
  // it, by the digits left.
  function normalize(c, s) {
    if (c === 0n) return [0n, 0];
    if (c % 10n !== 0n) return [c, s];
    let digits = c < POW10[64] && c > -POW10[64] ? 0 : digitsOf(c);
    for (;;) {
      if (digits > 64) meter(ceil(digits / 8));
      if (c % E16 !== 0n) break;
      c /= E16;
      s -= 16;
      digits -= 16;
    }
    while (c % 10n === 0n) {
      c /= 10n;
      s -= 1;
    }
    return [c, s];
  }
  // Both coefficients at the larger scale. Scales far apart make a large
  // power of ten and a product with it (1e-10000 against 1e10000: 20,000
  // digits), charged first.
  function align(ac, as, bc, bs) {
    if (as === bs) return [ac, bc, as];
    if (as > bs) return [ac, scaled(bc, as - bs), as];
    return [scaled(ac, bs - as), bc, bs];
  }
  function scaled(c, n) {
    if (n >= POW10.length) chargeMul(digitsOf(c) + n);
    return c * pow10(n);
  }
  function addD(ac, as, bc, bs) {
    const [x, y, s] = align(ac, as, bc, bs);
    return normalize(x + y, s);
  }
  const mulD = (ac, as, bc, bs) => normalize(ac * bc, as + bs);
  // a / b to `dp` decimal places, toward zero; bc != 0n.
  function divD(ac, as, bc, bs, dp) {
    const e = dp + bs - as;
    const q = e >= 0 ? (ac * pow10(e)) / bc : ac / (bc * pow10(-e));
    return normalize(q, dp);
  }
  // a - trunc(a / b) * b: the sign of the dividend, as JavaScript's %.
  function modD(ac, as, bc, bs) {
    const [x, y, s] = align(ac, as, bc, bs);
    return normalize(x % y, s);
  }
  function cmpD(ac, as, bc, bs) {
    if (ac === 0n || bc === 0n || ac < 0n !== bc < 0n) return ac < bc ? -1 : ac > bc ? 1 : 0;
    const [x, y] = align(ac, as, bc, bs);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  // floor(sqrt(n)) for n >= 0n (Newton's method from above).
  function isqrt(n) {
    if (n < 2n) return n;
    let x = 1n << BigInt(ceil(bitLength(n) / 2));
    for (;;) {
      const y = (x + n / x) >> 1n;
      if (y >= x) return x;
      x = y;
    }
  }
  // sqrt(c / 10^s) to `dp` places, toward zero; c >= 0n.
  function sqrtD(c, s, dp) {
    const e = 2 * dp - s;
    const n = e >= 0 ? c * pow10(e) : c / pow10(-e);
    return normalize(isqrt(n), dp);
  }
  // (c / 10^s) ** n for an integer n, refused before it is computed if the
  // result would be too large; charged by its estimated size. Negative powers
  // are 1 / x ** |n| to `dp` places; c must not be 0n then.
  function powD(name, c, s, d, n, dp) {
    if (n === 0) return [1n, 0];
    if (c === 0n) return [0n, 0];
    const m = n < 0 ? -n : n;
    let estimate = 1;
    if (babs(c) !== 1n) estimate = m * log10Abs(c) + 1;
    if (!(estimate <= LIMIT) || !(m * (s < 0 ? -s : s) <= LIMIT)) {
      throw new RangeError(`${name} pow: the result would have more than ${LIMIT} digits`);
    }
    chargeMul(d + estimate);
    let pc;
    if (babs(c) === 1n) pc = c < 0n && m % 2 === 1 ? -1n : 1n;
    else pc = c ** BigInt(m);
    if (n > 0) return normalize(pc, s * m);
    return divD(1n, 0, pc, s * m, dp);
  }
  // Rounds to `dp` decimal places with a bignumber.js rounding mode.
  function roundD(c, s, dp, rm) {
    if (s <= dp) return [c, s];
    // A quotient and a product of the whole coefficient (red team round 22:
    // integerValue of 10,000 digits was charged as a linear step).
    chargeMul(2 * digitsOf(c));
    const p = pow10(s - dp);
    let q = c / p;
    const r = c - q * p;
    if (r === 0n) return normalize(q, dp);
    const sign = c < 0n ? -1n : 1n;
    let up;
    if (rm === 0) up = true;
    else if (rm === 1) up = false;
    else if (rm === 2) up = sign > 0n;
    else if (rm === 3) up = sign < 0n;
    else {
      const twice = 2n * babs(r);
      if (twice !== p) up = twice > p;
      else if (rm === 4) up = true;
      else if (rm === 5) up = false;
      else if (rm === 6) up = q % 2n !== 0n;
      else if (rm === 7) up = sign > 0n;
      else up = sign < 0n;
    }
    if (up) q += sign;
    return normalize(q, dp);
  }

  // --- Text -------------------------------------------------------------------------

  const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;
  const PREFIXED = /^([+-]?)(0[xbo][0-9a-f]+)$/i;
  const INFINITY = /^([+-]?)Infinity$/;
  // [c, s, kind]: kind 0 finite, 1 / -1 infinite, 2 not a number.
  const NAN = freeze([0n, 0, 2]);
  function parse(name, text) {
    if (text.length > MAX_TEXT) throw new RangeError(`${name}: a number of more than ${MAX_TEXT} characters`);
    // Reading text takes ~1.5 us before its digits (a regex, slices, a BigInt).
    meter(GAS_NUMBER_PARSE + ceil(text.length / 32));
    const t = apply(trim, text, []);
    const m = apply(exec, DECIMAL, [t]);
    if (m === null) {
      const inf = apply(exec, INFINITY, [t]);
      if (inf !== null) return [0n, 0, inf[1] === '-' ? -1 : 1];
      const prefixed = apply(exec, PREFIXED, [t]);
      if (prefixed === null) return NAN;
      const c = parsed(prefixed[2]);
      return [...normalize(prefixed[1] === '-' ? -c : c, 0), 0];
    }
    const int = m[2];
    const frac = m[3] === undefined ? '' : m[3];
    if (int === '' && frac === '') return NAN;
    const exp = m[4] === undefined ? 0 : Number(m[4]);
    const c = parsed(int + frac);
    if (c === 0n) return [0n, 0, 0];
    return [...normalize(m[1] === '-' ? -c : c, frac.length - exp), 0];
  }
  // [c, s, 0] of a BigInt, charged for its digits.
  function fromBigInt(value) {
    charge(digitsOf(value));
    return [...normalize(value, 0), 0];
  }
  // Checks a finite value's size; returns its digits.
  function sized(name, c, s) {
    const d = digitsOf(c);
    // Counting a large result's digits reads all of them (its hexadecimal
    // form), as making it did: more than the linear charges cover.
    if (d > 64) meter(ceil(d / 16));
    if (d > LIMIT || s > LIMIT || s < -LIMIT) {
      throw new RangeError(`${name}: out of range (more than ${LIMIT} digits before or after the point)`);
    }
    return d;
  }
  // The decimal digits of c >= 0n. V8 formats in time quadratic in them:
  // past 256 digits charged as BigInt.prototype.toString is (10,000 digits
  // take ~0.6 ms).
  function decimal(c) {
    const digits = digitsOf(c);
    if (digits > 256) chargeBigIntFormat(digits);
    return String(c);
  }
  // A value as an error message shows it: a BigInt formatted and charged as
  // above (red team round 22: `new Int64(big)` formatted 2,467 digits into
  // its error for nothing).
  const shown = (value) => (typeof value !== 'bigint' ? String(value) : value < 0n ? `-${decimal(-value)}` : decimal(value));
  // Plain notation: "-123.45", "0.001", "1000".
  function plain(c, s) {
    const neg = c < 0n;
    const digits = decimal(neg ? -c : c);
    let text;
    if (s <= 0) text = digits + zeros(-s);
    else if (s >= digits.length) text = `0.${zeros(s - digits.length)}${digits}`;
    else text = `${apply(slice, digits, [0, digits.length - s])}.${apply(slice, digits, [digits.length - s])}`;
    return neg ? `-${text}` : text;
  }
  // bignumber.js's toString: exponential notation when the exponent is at
  // least 21 or at most -7 ("1e+21", "8.00029e-11").
  function display(c, s) {
    const neg = c < 0n;
    const digits = decimal(neg ? -c : c);
    const e = digits.length - 1 - s;
    if (e > -7 && e < 21) return plain(c, s);
    const mantissa = digits.length > 1 ? `${digits[0]}.${apply(slice, digits, [1])}` : digits;
    return `${neg ? '-' : ''}${mantissa}e${e < 0 ? '-' : '+'}${e < 0 ? -e : e}`;
  }
  // Exactly `dp` decimals (the value already rounded to at most dp places).
  function fixed(c, s, dp) {
    if (dp === 0) return plain(c, s);
    const neg = c < 0n;
    let digits = decimal((neg ? -c : c) * pow10(dp - s));
    if (digits.length <= dp) digits = zeros(dp + 1 - digits.length) + digits;
    const text = `${apply(slice, digits, [0, digits.length - dp])}.${apply(slice, digits, [digits.length - dp])}`;
    return neg ? `-${text}` : text;
  }
  // An integer argument (an exponent, a count of places), as a Number.
  function intArg(name, what, value, min, max) {
    let n = value;
    if (typeof value === 'string' || typeof value === 'bigint' || (typeof value === 'object' && value !== null)) {
      n = Number(typeof value === 'object' ? value.toString() : value);
    }
    if (typeof n !== 'number' || !isInteger(n) || n < min || n > max) {
      throw new RangeError(`${name} ${what}: an integer from ${min} to ${max} expected, got ${shown(value)}`);
    }
    return n;
  }
  const placesArg = (name, what, value) => intArg(name, what, value, 0, LIMIT);
  function roundingArg(name, rm) {
    if (rm === undefined) return 1;
    return intArg(name, 'rounding mode', rm, 0, 8);
  }

  // Reads the value of any of the three classes: [c, s, kind], or undefined.
  let partsOfBigNumber;
  let partsOfInt64;
  let partsOfFloat64;
  function partsOf(value) {
    if (typeof value !== 'object' || value === null) return undefined;
    return partsOfBigNumber(value) ?? partsOfInt64(value) ?? partsOfFloat64(value);
  }

  // --- BigNumber ----------------------------------------------------------------------

  // The bignumber.js API contracts use, configured as IOST does: 50 decimal
  // places, rounding toward zero (ROUND_DOWN). NaN and +-Infinity as in
  // bignumber.js; no negative zero.
  class BigNumber {
    #c = 0n;
    #s = 0;
    // 0 finite, 1 / -1 infinite, 2 NaN.
    #k = 2;
    #d = 1;

    constructor(value, base) {
      if (value === INTERNAL) return;
      if (base !== undefined && base !== null && base !== 10) {
        throw new RangeError('BigNumber: only base 10 is supported');
      }
      let parts = partsOf(value);
      if (parts === undefined) {
        if (typeof value === 'number') parts = parse('BigNumber', String(value));
        else if (typeof value === 'string') parts = parse('BigNumber', value);
        else if (typeof value === 'bigint') parts = fromBigInt(value);
        else parts = NAN;
      }
      const [c, s, k] = parts;
      this.#k = k;
      if (k === 0) {
        this.#d = sized('BigNumber', c, s);
        this.#c = c;
        this.#s = s;
      }
    }

    static #make(c, s, k = 0) {
      const x = new BigNumber(INTERNAL);
      x.#k = k;
      if (k === 0) {
        x.#d = sized('BigNumber', c, s);
        x.#c = c;
        x.#s = s;
      }
      return x;
    }
    static #from(y) {
      return #c in Object(y) ? y : new BigNumber(y);
    }
    static #nan() {
      return BigNumber.#make(0n, 0, 2);
    }
    static #inf(sign) {
      return BigNumber.#make(0n, 0, sign < 0 ? -1 : 1);
    }
    static {
      partsOfBigNumber = (x) => (#c in x ? [x.#c, x.#s, x.#k] : undefined);
    }
    // The sign of a finite or infinite value: -1, 0 or 1.
    #sign() {
      if (this.#k === 1 || this.#k === -1) return this.#k;
      return this.#c < 0n ? -1 : this.#c > 0n ? 1 : 0;
    }

    plus(y) {
      return this.#add(BigNumber.#from(y), false);
    }
    minus(y) {
      return this.#add(BigNumber.#from(y), true);
    }
    #add(b, negate) {
      const bk = negate && (b.#k === 1 || b.#k === -1) ? -b.#k : b.#k;
      if (this.#k === 2 || bk === 2) return BigNumber.#nan();
      if (this.#k !== 0) return bk !== 0 && bk !== this.#k ? BigNumber.#nan() : BigNumber.#inf(this.#k);
      if (bk !== 0) return BigNumber.#inf(bk);
      const [c, s] = addD(this.#c, this.#s, negate ? -b.#c : b.#c, b.#s);
      const r = BigNumber.#make(c, s);
      charge(this.#d + b.#d + r.#d);
      return r;
    }
    times(y) {
      const b = BigNumber.#from(y);
      if (this.#k === 2 || b.#k === 2) return BigNumber.#nan();
      if (this.#k !== 0 || b.#k !== 0) {
        const sign = this.#sign() * b.#sign();
        return sign === 0 ? BigNumber.#nan() : BigNumber.#inf(sign);
      }
      chargeMul(this.#d + b.#d);
      const [c, s] = mulD(this.#c, this.#s, b.#c, b.#s);
      return BigNumber.#make(c, s);
    }
    // Division to 50 decimal places, toward zero (`integer`: to 0 places).
    #divide(y, integer) {
      const b = BigNumber.#from(y);
      if (this.#k === 2 || b.#k === 2) return BigNumber.#nan();
      if (this.#k !== 0) return b.#k !== 0 ? BigNumber.#nan() : BigNumber.#inf(this.#k * (b.#sign() || 1));
      if (b.#k !== 0) return BigNumber.#make(0n, 0);
      if (b.#c === 0n) return this.#c === 0n ? BigNumber.#nan() : BigNumber.#inf(this.#sign());
      chargeMul(this.#d + b.#d + (integer ? 0 : DP) + (this.#s > b.#s ? this.#s - b.#s : b.#s - this.#s));
      const [c, s] = divD(this.#c, this.#s, b.#c, b.#s, integer ? 0 : DP);
      return BigNumber.#make(c, s);
    }
    div(y) {
      return this.#divide(y, false);
    }
    idiv(y) {
      return this.#divide(y, true);
    }
    // The remainder of a division toward zero: the sign of the dividend.
    mod(y) {
      const b = BigNumber.#from(y);
      if (this.#k !== 0 || b.#k === 2 || (b.#k === 0 && b.#c === 0n)) return BigNumber.#nan();
      if (b.#k !== 0) return this;
      const [c, s] = modD(this.#c, this.#s, b.#c, b.#s);
      const r = BigNumber.#make(c, s);
      chargeMul(this.#d + b.#d + r.#d);
      return r;
    }
    // Integer exponents only; a negative one gives 1 / x^|n| to 50 places.
    pow(n) {
      const e = intArg('BigNumber', 'pow', n, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      if (e === 0) return BigNumber.#make(1n, 0);
      if (this.#k === 2) return this;
      if (this.#k !== 0) {
        if (e < 0) return BigNumber.#make(0n, 0);
        return BigNumber.#inf(this.#k < 0 && e % 2 !== 0 ? -1 : 1);
      }
      if (this.#c === 0n) return e < 0 ? BigNumber.#inf(1) : this;
      const [c, s] = powD('BigNumber', this.#c, this.#s, this.#d, e, DP);
      return BigNumber.#make(c, s);
    }
    // The square root to 50 decimal places, toward zero; NaN if negative.
    sqrt() {
      if (this.#k === 2 || this.#k === -1 || (this.#k === 0 && this.#c < 0n)) return BigNumber.#nan();
      if (this.#k === 1) return this;
      // Newton's method divides about log2(digits) times.
      const digits = this.#d + 2 * DP + (this.#s < 0 ? -this.#s : this.#s);
      for (let i = ceil(log10(digits) * 3.33); i > 0; i--) chargeMul(digits);
      const [c, s] = sqrtD(this.#c, this.#s, DP);
      return BigNumber.#make(c, s);
    }
    abs() {
      if (this.#k === -1) return BigNumber.#inf(1);
      if (this.#k !== 0 || this.#c >= 0n) return this;
      charge(this.#d);
      return BigNumber.#make(-this.#c, this.#s);
    }
    negated() {
      if (this.#k === 1 || this.#k === -1) return BigNumber.#inf(-this.#k);
      if (this.#k !== 0) return this;
      charge(this.#d);
      return BigNumber.#make(-this.#c, this.#s);
    }

    // -1, 0 or 1; null if either is NaN.
    comparedTo(y) {
      const b = BigNumber.#from(y);
      if (this.#k === 2 || b.#k === 2) return null;
      if (this.#k !== 0 || b.#k !== 0) {
        const x = this.#k !== 0 ? this.#k * 2 : this.#sign();
        const z = b.#k !== 0 ? b.#k * 2 : b.#sign();
        return x < z ? -1 : x > z ? 1 : 0;
      }
      charge(this.#d + b.#d);
      return cmpD(this.#c, this.#s, b.#c, b.#s);
    }
    eq(y) {
      return this.comparedTo(y) === 0;
    }
    gt(y) {
      return this.comparedTo(y) === 1;
    }
    gte(y) {
      const r = this.comparedTo(y);
      return r === 1 || r === 0;
    }
    lt(y) {
      return this.comparedTo(y) === -1;
    }
    lte(y) {
      const r = this.comparedTo(y);
      return r === -1 || r === 0;
    }

    isZero() {
      return this.#k === 0 && this.#c === 0n;
    }
    isNaN() {
      return this.#k === 2;
    }
    isFinite() {
      return this.#k === 0;
    }
    isInteger() {
      return this.#k === 0 && this.#s <= 0;
    }
    // As bignumber.js: zero is positive (there is no negative zero here).
    isNegative() {
      return this.#k === -1 || (this.#k === 0 && this.#c < 0n);
    }
    isPositive() {
      return this.#k === 1 || (this.#k === 0 && this.#c >= 0n);
    }
    // Decimal places of the value (null if not finite).
    decimalPlaces() {
      if (this.#k !== 0) return null;
      return this.#s > 0 ? this.#s : 0;
    }

    // Rounded to an integer; ROUND_DOWN (toward zero) unless a bignumber.js
    // rounding mode (0 to 8) is given.
    integerValue(rm) {
      const mode = roundingArg('BigNumber integerValue', rm);
      if (this.#k !== 0 || this.#s <= 0) return this;
      charge(this.#d);
      const [c, s] = roundD(this.#c, this.#s, 0, mode);
      return BigNumber.#make(c, s);
    }
    // Normal notation; with `dp`, exactly dp decimals, rounded toward zero
    // unless a rounding mode is given.
    toFixed(dp, rm) {
      if (this.#k === 2) return 'NaN';
      if (this.#k !== 0) return this.#k < 0 ? '-Infinity' : 'Infinity';
      charge(this.#d);
      if (dp === undefined || dp === null) return plain(this.#c, this.#s);
      const places = placesArg('BigNumber', 'toFixed', dp);
      const [c, s] = roundD(this.#c, this.#s, places, roundingArg('BigNumber toFixed', rm));
      charge(places);
      return fixed(c, s, places);
    }
    toString(base) {
      if (base !== undefined && base !== null && base !== 10) {
        throw new RangeError('BigNumber toString: only base 10 is supported');
      }
      if (this.#k === 2) return 'NaN';
      if (this.#k !== 0) return this.#k < 0 ? '-Infinity' : 'Infinity';
      charge(this.#d);
      return display(this.#c, this.#s);
    }
    valueOf() {
      return this.toString();
    }
    toJSON() {
      return this.toString();
    }
    toNumber() {
      return Number(this.toString());
    }

    static isBigNumber(value) {
      return typeof value === 'object' && value !== null && #c in value;
    }
    // NaN if any argument is NaN.
    static max(...values) {
      return BigNumber.#extreme(values, 1);
    }
    static min(...values) {
      return BigNumber.#extreme(values, -1);
    }
    static #extreme(values, want) {
      let best;
      for (const value of values) {
        const x = BigNumber.#from(value);
        if (x.#k === 2) return x;
        if (best === undefined || x.comparedTo(best) === want) best = x;
      }
      return best === undefined ? BigNumber.#nan() : best;
    }
  }
  const bigNumberAliases = {
    multipliedBy: 'times',
    dividedBy: 'div',
    dividedToIntegerBy: 'idiv',
    modulo: 'mod',
    exponentiatedBy: 'pow',
    squareRoot: 'sqrt',
    absoluteValue: 'abs',
    isEqualTo: 'eq',
    isGreaterThan: 'gt',
    isGreaterThanOrEqualTo: 'gte',
    isLessThan: 'lt',
    isLessThanOrEqualTo: 'lte',
    dp: 'decimalPlaces',
  };
  for (const alias of Object.keys(bigNumberAliases)) {
    Object.defineProperty(BigNumber.prototype, alias, {
      value: BigNumber.prototype[bigNumberAliases[alias]],
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }
  // bignumber.js's rounding modes, for integerValue and toFixed.
  const roundingModes = [
    'ROUND_UP', 'ROUND_DOWN', 'ROUND_CEIL', 'ROUND_FLOOR', 'ROUND_HALF_UP', 'ROUND_HALF_DOWN',
    'ROUND_HALF_EVEN', 'ROUND_HALF_CEIL', 'ROUND_HALF_FLOOR',
  ];
  roundingModes.forEach((name, mode) => {
    Object.defineProperty(BigNumber, name, { value: mode, writable: false, enumerable: true, configurable: false });
  });

  // --- Int64 --------------------------------------------------------------------------

  const INT64_MIN = -(2n ** 63n);
  const INT64_MAX = 2n ** 63n - 1n;

  // An integer value from any argument, or an error saying why not.
  function integerOf(name, value) {
    let parts = partsOf(value);
    if (parts === undefined) {
      if (typeof value === 'bigint') return value;
      if (typeof value === 'number') {
        if (!isInteger(value)) throw new RangeError(`${name}: not an integer: ${String(value)}`);
        return BigInt(value);
      }
      if (typeof value !== 'string') throw new TypeError(`${name}: not a number: ${String(value)}`);
      parts = parse(name, value);
      if (parts[2] === 2) throw new TypeError(`${name}: not a number: '${value}'`);
    }
    const [c, s, k] = parts;
    if (k !== 0) throw new RangeError(`${name}: not an integer: ${k === 2 ? 'NaN' : k < 0 ? '-Infinity' : 'Infinity'}`);
    if (s > 0) throw new RangeError(`${name}: not an integer: ${plain(c, s)}`);
    if (s < -19) throw new RangeError(`${name} out of range: ${plain(c, s)}`);
    return c * pow10(-s);
  }

  // Checked signed 64-bit integers: every result outside [-2^63, 2^63 - 1]
  // is a RangeError naming the operation.
  class Int64 {
    #v = 0n;

    constructor(value) {
      if (value === INTERNAL) return;
      const v = integerOf('Int64', value);
      if (v > INT64_MAX || v < INT64_MIN) throw new RangeError(`Int64 out of range: ${shown(v)}`);
      this.#v = v;
    }
    static {
      partsOfInt64 = (x) => (#v in x ? [...normalize(x.#v, 0), 0] : undefined);
      defineComparisons(Int64.prototype, (a, y) => a.#compare(y));
    }
    static #arg(y) {
      return #v in Object(y) ? y.#v : new Int64(y).#v;
    }
    // The result of `a op b`, checked.
    static #result(r, a, op, b) {
      charge(3);
      if (r > INT64_MAX) throw new RangeError(`Int64 overflow: ${a} ${op} ${b}`);
      if (r < INT64_MIN) throw new RangeError(`Int64 underflow: ${a} ${op} ${b}`);
      const x = new Int64(INTERNAL);
      x.#v = r;
      return x;
    }

    plus(y) {
      const b = Int64.#arg(y);
      return Int64.#result(this.#v + b, this.#v, '+', b);
    }
    minus(y) {
      const b = Int64.#arg(y);
      return Int64.#result(this.#v - b, this.#v, '-', b);
    }
    multi(y) {
      const b = Int64.#arg(y);
      return Int64.#result(this.#v * b, this.#v, '*', b);
    }
    // Truncated toward zero.
    div(y) {
      const b = Int64.#arg(y);
      if (b === 0n) throw new RangeError(`Int64 division by zero: ${this.#v} / 0`);
      return Int64.#result(this.#v / b, this.#v, '/', b);
    }
    // The sign of the dividend, as JavaScript's %.
    mod(y) {
      const b = Int64.#arg(y);
      if (b === 0n) throw new RangeError(`Int64 division by zero: ${this.#v} % 0`);
      return Int64.#result(this.#v % b, this.#v, '%', b);
    }
    // A non-negative integer exponent.
    pow(n) {
      const e = BigInt(intArg('Int64', 'pow', #v in Object(n) ? n.#v : n, 0, Number.MAX_SAFE_INTEGER));
      const a = this.#v;
      let r;
      if (e === 0n) r = 1n;
      else if (a === 0n || a === 1n) r = a;
      else if (a === -1n) r = e % 2n === 0n ? 1n : -1n;
      // |a| >= 2: 2^64 is out of range already.
      else if (e > 64n) r = a > 0n || e % 2n === 0n ? INT64_MAX + 1n : INT64_MIN - 1n;
      else r = a ** e;
      return Int64.#result(r, a, '**', e);
    }
    // shift(n): a << n for n > 0 (checked), an arithmetic a >> -n (toward
    // negative infinity, the sign kept) for n < 0.
    shift(n) {
      const k = intArg('Int64', 'shift', #v in Object(n) ? n.#v : n, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      const a = this.#v;
      if (k >= 0) {
        const r = a === 0n ? 0n : k >= 64 ? (a > 0n ? INT64_MAX + 1n : INT64_MIN - 1n) : a << BigInt(k);
        return Int64.#result(r, a, '<<', k);
      }
      return Int64.#result(a >> BigInt(k < -64 ? 64 : -k), a, '>>', -k);
    }
    negated() {
      const a = this.#v;
      if (a === INT64_MIN) throw new RangeError(`Int64 overflow: -(${a})`);
      return Int64.#result(-a, 0n, '-', a);
    }

    #compare(y) {
      const b = Int64.#arg(y);
      charge(2);
      return this.#v < b ? -1 : this.#v > b ? 1 : 0;
    }
    isZero() {
      return this.#v === 0n;
    }
    // Strictly: zero is neither positive nor negative.
    isPositive() {
      return this.#v > 0n;
    }
    isNegative() {
      return this.#v < 0n;
    }

    toString() {
      return String(this.#v);
    }
    // With `dp` zero decimals appended: new Int64(5).toFixed(2) is "5.00".
    toFixed(dp) {
      const places = dp === undefined || dp === null ? 0 : placesArg('Int64', 'toFixed', dp);
      charge(1 + places);
      return places === 0 ? String(this.#v) : `${this.#v}.${zeros(places)}`;
    }
    toJSON() {
      return String(this.#v);
    }
    static isInt64(value) {
      return typeof value === 'object' && value !== null && #v in value;
    }
  }

  // --- Float64 ------------------------------------------------------------------------

  // A finite decimal from any argument, or an error saying why not.
  function decimalOf(name, value) {
    let parts = partsOf(value);
    if (parts === undefined) {
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) throw new RangeError(`${name}: not a finite number: ${String(value)}`);
        parts = parse(name, String(value));
      } else if (typeof value === 'string') {
        parts = parse(name, value);
        if (parts[2] === 2) throw new TypeError(`${name}: not a number: '${value}'`);
      } else if (typeof value === 'bigint') {
        parts = fromBigInt(value);
      } else {
        throw new TypeError(`${name}: not a number: ${String(value)}`);
      }
    }
    if (parts[2] !== 0) throw new RangeError(`${name}: not a finite number: ${parts[2] === 2 ? 'NaN' : 'Infinity'}`);
    return parts;
  }

  // Exact decimal numbers (not IEEE doubles): sums, differences and products
  // are exact; quotients and negative powers have 50 decimal places, rounded
  // toward zero. toString is plain notation without trailing zeros.
  class Float64 {
    #c = 0n;
    #s = 0;
    #d = 1;

    constructor(value) {
      if (value === INTERNAL) return;
      const [c, s] = decimalOf('Float64', value);
      this.#d = sized('Float64', c, s);
      this.#c = c;
      this.#s = s;
    }
    static {
      partsOfFloat64 = (x) => (#c in x ? [x.#c, x.#s, 0] : undefined);
      defineComparisons(Float64.prototype, (a, y) => a.#compare(y));
    }
    static #from(y) {
      return #c in Object(y) ? y : new Float64(y);
    }
    static #make([c, s]) {
      const x = new Float64(INTERNAL);
      x.#d = sized('Float64', c, s);
      x.#c = c;
      x.#s = s;
      return x;
    }

    plus(y) {
      const b = Float64.#from(y);
      const r = Float64.#make(addD(this.#c, this.#s, b.#c, b.#s));
      charge(this.#d + b.#d + r.#d);
      return r;
    }
    minus(y) {
      const b = Float64.#from(y);
      const r = Float64.#make(addD(this.#c, this.#s, -b.#c, b.#s));
      charge(this.#d + b.#d + r.#d);
      return r;
    }
    multi(y) {
      const b = Float64.#from(y);
      chargeMul(this.#d + b.#d);
      return Float64.#make(mulD(this.#c, this.#s, b.#c, b.#s));
    }
    div(y) {
      const b = Float64.#from(y);
      if (b.#c === 0n) throw new RangeError(`Float64 division by zero: ${this} / 0`);
      chargeMul(this.#d + b.#d + DP + (this.#s > b.#s ? this.#s - b.#s : b.#s - this.#s));
      return Float64.#make(divD(this.#c, this.#s, b.#c, b.#s, DP));
    }
    // The remainder of a division toward zero: the sign of the dividend.
    mod(y) {
      const b = Float64.#from(y);
      if (b.#c === 0n) throw new RangeError(`Float64 division by zero: ${this} % 0`);
      const r = Float64.#make(modD(this.#c, this.#s, b.#c, b.#s));
      chargeMul(this.#d + b.#d + r.#d);
      return r;
    }
    // Integer exponents; a negative one gives 1 / x^|n| to 50 places.
    pow(n) {
      const e = intArg('Float64', 'pow', n, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      if (this.#c === 0n && e < 0) throw new RangeError(`Float64 division by zero: 0 ** ${e}`);
      return Float64.#make(powD('Float64', this.#c, this.#s, this.#d, e, DP));
    }
    negated() {
      charge(this.#d);
      return Float64.#make([-this.#c, this.#s]);
    }

    #compare(y) {
      const b = Float64.#from(y);
      charge(this.#d + b.#d);
      return cmpD(this.#c, this.#s, b.#c, b.#s);
    }
    isZero() {
      return this.#c === 0n;
    }
    // Strictly: zero is neither positive nor negative.
    isPositive() {
      return this.#c > 0n;
    }
    isNegative() {
      return this.#c < 0n;
    }

    toString() {
      charge(this.#d);
      return plain(this.#c, this.#s);
    }
    // Exactly `dp` decimals, rounded toward zero (a rounding mode of
    // bignumber.js may be given); without `dp`, as toString.
    toFixed(dp, rm) {
      charge(this.#d);
      if (dp === undefined || dp === null) return plain(this.#c, this.#s);
      const places = placesArg('Float64', 'toFixed', dp);
      const [c, s] = roundD(this.#c, this.#s, places, roundingArg('Float64 toFixed', rm));
      charge(places);
      return fixed(c, s, places);
    }
    toJSON() {
      return this.toString();
    }
    static isFloat64(value) {
      return typeof value === 'object' && value !== null && #c in value;
    }
  }

  for (const [name, value] of [['BigNumber', BigNumber], ['Int64', Int64], ['Float64', Float64]]) {
    Object.defineProperty(globalThis, name, { value, writable: false, enumerable: false, configurable: false });
  }
})();
