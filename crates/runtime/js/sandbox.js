// The class libraries and the hardened realm of a v8vm sandbox.
//
// Runs once, as the body of a function, when the runtime makes its startup
// snapshot: every sandbox starts from the realm it leaves. It removes what is
// not deterministic, defines the globals a contract sees (storage,
// blockchain, block, tx, console), freezes every reachable intrinsic so that
// nothing one call does can leak into the next, and returns `bind`. Each new
// sandbox calls `bind` once with its host functions (src/host.rs), which only
// this file's closures can reach, and gets `entry`, the function the runtime
// calls for every contract call.
'use strict';

// Filled by `bind`; never reachable from the global object. `ops` are the
// host functions (src/host.rs); `engine` is the engine object (job control
// and reads that run no JS, see the engine crate's Context::new_engine_object).
const ops = {};
let engine;
// The libraries make their own errors with the intrinsic constructors: the
// globals become wrappers that charge for the stack an error records
// (builtins.js), and library code also runs with the meter off.
const { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, AggregateError } = globalThis;

const {
  defineProperty,
  freeze,
  getOwnPropertyDescriptor,
  getOwnPropertyNames,
  getPrototypeOf,
  isExtensible,
  isFrozen,
} = Object;
const { apply, construct, ownKeys, set: reflectSet } = Reflect;
// The library calls the originals: realm.js later routes the contract's
// calls of every built-in through `counted`.
const { trunc, min, max, ceil, floor, log2, log10, clz32 } = Math;
const { isArray } = Array;
// The realm's own objects, frozen when the libraries are done (realm.js):
// for...in does not charge for the keys of the prototypes among them (V8
// caches what it found there).
const realmObjects = new WeakSet();
// Functions of the realm (built-ins, the library's replacements of them and
// its APIs: realm.js adds them as it freezes the realm) and the functions
// `bind` makes: no contract code of their own.
const libraryFunctions = new WeakSet();
const { add: weakSetAdd, has: weakSetHas } = WeakSet.prototype;
const { parse: jsonParse, stringify: jsonStringify } = JSON;
const functionToString = Function.prototype.toString;
// Originals of built-ins the libraries wrap with gas charges, for library
// code that may run after a run ended (formatting a thrown error's stack),
// when the meter is off.
const stringSlice = String.prototype.slice;
const stringIndexOf = String.prototype.indexOf;
const stringCharCodeAt = String.prototype.charCodeAt;
const stringSplit = String.prototype.split;
const stringTrim = String.prototype.trim;
const arraySliceOriginal = Array.prototype.slice;
const stringStartsWith = String.prototype.startsWith;
const stringEndsWith = String.prototype.endsWith;
const regExpExec = RegExp.prototype.exec;
const objectHasOwnProperty = Object.prototype.hasOwnProperty;
// Map and Set methods for the library's own tables: the originals (the
// contract's are wrapped with charges, builtins.js, which must not reach
// the library's bookkeeping, nor run outside a run).
const { get: mapGet, set: mapSet, delete: mapDelete, clear: mapClear } = Map.prototype;
const { has: setHas, add: setAdd, clear: setClear } = Set.prototype;
const setSize = Object.getOwnPropertyDescriptor(Set.prototype, 'size').get;
const OriginalSet = Set;
const OriginalUint32Array = Uint32Array;
const OriginalMap = Map;
const arrayPush = Array.prototype.push;
const arrayFill = Array.prototype.fill;
// Appends to a list the library makes: V8's own push, because storing past
// the end of an array is slow in a realm whose prototypes are frozen.
function pushTo(list, value) {
  apply(arrayPush, list, [value]);
}
// A plain array of `length` undefineds, filled by V8, for the library to
// write into: a store into a hole is slow in a realm whose prototypes are
// frozen (V8 looks up the chain for each: ~25 ns), a store over a value is
// not.
function filledArray(length) {
  const result = [];
  result.length = length;
  apply(arrayFill, result, [undefined]);
  return result;
}
// Whether `fn` can be called with `new` (a proxy's `get` trap may run, for
// its `prototype`).
const isConstructor = (fn) => {
  try {
    construct(function probe() {}, [], fn);
    return true;
  } catch {
    return false;
  }
};
// `[first, ...rest]` without the iterator protocol (whose `next` is a
// counted call once the realm is made).
function withFirst(first, rest) {
  const list = [first];
  for (let i = 0; i < rest.length; i++) pushTo(list, rest[i]);
  return list;
}

const IntrinsicRegExp = RegExp;
// While these files set up the realm (no contract code has run, no host
// exists yet), a stand-in for the engine object's reads, for the library's
// own values only.
engine = {
  kind: (v) => (v === null ? 'null' : isArray(v) ? 'array' : typeof v === 'function' ? 'function'
    : typeof v === 'object' ? (v instanceof Error ? 'error' : 'object') : typeof v),
  own: (v, key) => {
    const desc = v !== null && (typeof v === 'object' || typeof v === 'function')
      ? getOwnPropertyDescriptor(v, key) : undefined;
    return desc !== undefined && 'value' in desc ? desc.value : undefined;
  },
  className: (v) => (v !== null && (typeof v === 'object' || typeof v === 'function') ? v.constructor.name : undefined),
  brand: (v) => [RegExp, ArrayBuffer, String, Number, Boolean].find((type) => v instanceof type)?.name,
  // V8's own constructor: the library's patterns need no checks.
  regExp: (source, flags) => new IntrinsicRegExp(source, flags),
};

const typeName = (v) => (v === null ? 'null' : isArray(v) ? 'array' : typeof v);

function checkString(api, name, value) {
  if (typeof value !== 'string') {
    throw new TypeError(`${api}: ${name} must be a string, got ${typeName(value)}`);
  }
  return value;
}

// `payer` is optional: undefined or null means the contract pays.
function checkPayer(api, payer) {
  return payer === undefined || payer === null ? null : checkString(api, 'payer', payer);
}

// --- Removed for determinism -------------------------------------------------

for (const name of [
  'Date', 'Intl', 'WeakRef', 'FinalizationRegistry', 'SharedArrayBuffer',
  'Atomics', 'WebAssembly', 'eval',
]) {
  delete globalThis[name];
}
delete Math.random;
// RegExp's legacy statics (RegExp.$1, lastMatch, input, ...) hold the last
// match of the whole realm: one call could read what the previous one matched.
for (const name of getOwnPropertyNames(RegExp)) {
  if (name.startsWith('$') || ['input', 'lastMatch', 'lastParen', 'leftContext', 'rightContext'].includes(name)) {
    delete RegExp[name];
  }
}

// Locale-aware methods would follow the host's ICU and locale.
const stringProto = String.prototype;
stringProto.localeCompare = function localeCompare(that) {
  const a = String(this);
  const b = String(that);
  return a < b ? -1 : a > b ? 1 : 0;
};
const numberToString = Number.prototype.toString;
const numberValueOf = Number.prototype.valueOf;
Number.prototype.toLocaleString = function toLocaleString() {
  const x = apply(numberValueOf, this, []);
  chargeNumberText(x);
  return apply(numberToString, x, []);
};
BigInt.prototype.toLocaleString = BigInt.prototype.toString;

// --- ES2022 methods V8 would add only to contexts it makes itself ---------------
//
// V8 installs `at`, `findLast`, `findLastIndex` and `Object.hasOwn` into each
// new context rather than into the snapshot this file runs for, and that
// would fail on a frozen realm: the engine turns them off and they are
// defined here instead, with the standard behaviour.

function relativeIndex(length, index) {
  const n = trunc(Number(index)) || 0;
  return n < 0 ? length + n : n;
}
function defineMethod(target, name, method) {
  defineProperty(target, name, { value: counted(method), writable: true, enumerable: false, configurable: true });
}
const TypedArrayPrototype = getPrototypeOf(Uint8Array.prototype);
for (const proto of [Array.prototype, TypedArrayPrototype]) {
  defineMethod(proto, 'at', {
    at(index) {
      const list = Object(this);
      const k = relativeIndex(list.length >>> 0, index);
      return k >= 0 && k < list.length ? list[k] : undefined;
    },
  }.at);
  defineMethod(proto, 'findLast', {
    findLast(predicate, thisArg) {
      if (typeof predicate !== 'function') throw new TypeError(`${typeName(predicate)} is not a function`);
      const list = Object(this);
      for (let k = (list.length >>> 0) - 1; k >= 0; k--) {
        if (apply(predicate, thisArg, [list[k], k, list])) return list[k];
      }
      return undefined;
    },
  }.findLast);
  defineMethod(proto, 'findLastIndex', {
    findLastIndex(predicate, thisArg) {
      if (typeof predicate !== 'function') throw new TypeError(`${typeName(predicate)} is not a function`);
      const list = Object(this);
      for (let k = (list.length >>> 0) - 1; k >= 0; k--) {
        if (apply(predicate, thisArg, [list[k], k, list])) return k;
      }
      return -1;
    },
  }.findLastIndex);
}
defineMethod(String.prototype, 'at', {
  at(index) {
    const text = String(this);
    const k = relativeIndex(text.length, index);
    return k >= 0 && k < text.length ? text[k] : undefined;
  },
}.at);
defineMethod(Object, 'hasOwn', {
  hasOwn(object, key) {
    return apply(Object.prototype.hasOwnProperty, Object(object), [key]);
  },
}.hasOwn);

// --- Per-call frame ------------------------------------------------------------

// Values of the current call, parsed lazily; reset by `entry`.
let frame = { block: undefined, tx: undefined };

// --- Gas -----------------------------------------------------------------------
//
// The meter of the call in progress. Contract code reaches it only through the
// calls the compiler injected (bundle parameters with names contracts cannot
// write); nothing can read or change `gasLeft`. The costs are in docs/gas.md.

// Zero between runs: no contract code runs outside a run (promise jobs run
// inside the frame that queued them, and thrown values are described
// without running their code), and if any did it would stop at once.
// (Unlimited only while these files set up the realm, before any contract.)
let gasLeft = Infinity;
// Whether a run is in progress (between `entry` starting a call and its
// gas report).
let running = false;

// The cold path, apart so that `meter` stays small enough to inline.
function exhausted() {
  // Where the contract ran out, for the receipt's message: the stack as
  // prepareStackTrace formats it (mapped to the contract's files; no
  // contract code runs). The meter is lifted for that: the run is
  // terminated right after anyway.
  // So is the call depth: at its limit, the formatter's own calls would
  // throw a RangeError the contract could catch and go on with the meter
  // lifted (a contract recursing from its `catch` at the depth limit ran
  // to its deadline). Nothing may stop the report.
  gasLeft = Infinity;
  depth = 0;
  nativeDepth = 0;
  let where = 'out of gas';
  try {
    where = new Error('out of gas').stack;
  } finally {
    ops.gas_exhausted(where);
    // Terminated at the loop's first check: control never returns to the
    // contract, and none of its catch or finally blocks run.
    for (;;) {}
  }
}

function meter(units) {
  if ((gasLeft -= units) < 0) exhausted();
}

// The depth of contract function calls in progress, across contracts
// (docs/contract-api.md). The compiler brackets every function body with
// `enter` and `leave` (in a `finally`). The limit is reached at the same
// depth on every node, long before V8's own stack limit, whose depth
// depends on frame sizes and on what the JIT compiled.
const MAX_FUNCTION_DEPTH = 256;
let depth = 0;
// Levels of native recursion in progress in built-ins (the objects
// JSON.stringify is inside, nested joins): they take the stack a contract
// call would, so they count against the same limit (builtins.js).
let nativeDepth = 0;
function enter(units) {
  if ((gasLeft -= units) < 0) exhausted();
  if (sealing) breakSeal();
  deeper();
}
function deeper() {
  if (++depth + nativeDepth > MAX_FUNCTION_DEPTH) {
    // The body's `try` has not begun: its `finally` will not undo this.
    depth--;
    throw new RangeError(`Maximum call depth exceeded: more than ${MAX_FUNCTION_DEPTH} nested function calls`);
  }
}
function leave() {
  depth--;
}

// A TypeError V8 throws ("o.f is not a function", "Cannot read properties
// of null") is worded by parsing again the whole source of the function (or
// class) whose frame threw, on every throw: work that grows with that
// function's size and that no basic block's cost covers. The compiler hands
// every value thrown in contract code to `caught` before anything could
// swallow it: in each `catch`, ahead of each `finally`, as it leaves each
// function (parameters that destructure included), so every promise job and
// iterator close that swallows errors sees them first (docs/gas.md,
// "Errors"). A TypeError is charged the first time, whoever made it: a
// contract's own `new TypeError` looks the same.
const GAS_TYPE_ERROR = 1900;
// Every value caught or rethrown: V8 records a message (where it was thrown)
// at each throw, about a microsecond (calibrated: a throw caught ~1.9 us).
const GAS_THROWN = 170;
const observedErrors = new WeakSet();
const typeErrorPrototype = TypeError.prototype;
// `site` is given in a function that closes iterators (for...of, array
// patterns): when a throw leaves one, V8 closes the iterator, and if its
// `return` is not a function, words a TypeError (parsing this function
// again) that it then drops for the throw already on its way. No contract
// code sees that one: every throw seen in such a function pays for it, as
// many times as iterators it may close at once (`closes`, nested array
// patterns; the compiler counts them).
function caught(thrown, site, closes = 1) {
  meter(GAS_THROWN);
  if (site !== undefined) meter(typeErrorGas(site) * closes);
  if (engine.kind(thrown) !== 'error' || apply(weakSetHas, observedErrors, [thrown])) return;
  apply(weakSetAdd, observedErrors, [thrown]);
  if (getPrototypeOf(thrown) !== typeErrorPrototype) return;
  meter(typeErrorGas(engine.thrownAt(thrown)));
  // V8 words such a message from the compiled source, where a helper the
  // compiler put in shows as a call (`o[__v8vm_key(...)] is not a
  // function`): shown as V8 shows any call's arguments. Only a message V8
  // could have made (a short one, still writable) is read: a contract's own
  // may be 2 MiB (red team round 26).
  const message = getOwnPropertyDescriptor(thrown, 'message');
  if (message !== undefined && message.writable && typeof message.value === 'string'
    && message.value.length <= MAX_WORDED_MESSAGE) {
    const shown = withoutHelperCalls(message.value);
    if (shown !== message.value) thrown.message = shown;
  }
}
// `text` with each `__v8vm_name(...)` as `(...)`.
function withoutHelperCalls(text) {
  let shown = '';
  let from = 0;
  for (;;) {
    const at = apply(stringIndexOf, text, [HELPER_PREFIX, from]);
    if (at < 0) return from === 0 ? text : shown + apply(stringSlice, text, [from]);
    let end = at + HELPER_PREFIX.length;
    while (end < text.length && isNameCharacter(apply(stringCharCodeAt, text, [end]))) end++;
    // The name is left out when a call follows; `(...)` stays.
    shown += apply(stringSlice, text, [from, apply(stringStartsWith, text, ['(...)', end]) ? at : end]);
    from = end;
  }
}
const isNameCharacter = (c) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
const HELPER_PREFIX = '__v8vm_';
const MAX_WORDED_MESSAGE = 1024;
// A module's top level has no function body of its own to hand throws over
// from: a module whose top level closes iterators (array patterns) names
// its site first thing, and `require` (realm.js) charges each throw that
// leaves it as `caught` in a function would.
let evaluatingModule;
function moduleSite(site, closes) {
  if (evaluatingModule !== undefined && evaluatingModule.site === undefined) {
    evaluatingModule.site = site;
    evaluatingModule.closes = closes;
  }
}
// A TypeError worded at `site` ([script, position]): a frame in a contract's
// bundle or in these libraries (a script V8 did not know, or no frame,
// parses nothing). About 13 ns a unit (the median gas is ~3-3.5 ns): 1.75
// gas a unit.
function typeErrorGas(site) {
  const units = site === undefined ? 0 : ops.reparse_size(site[0], site[1]) ?? 0;
  return GAS_TYPE_ERROR + units + ceil((units * 5) / 4);
}
// A built-in the class libraries define or wrap counts as a call, like a
// contract's function: built-ins handed to other built-ins as callbacks,
// getters or `toString`s (`a.forEach(Array.prototype.forEach, a)`) would
// otherwise recurse through library frames alone, to V8's own stack limit.
// `counted` keeps a method a method (no `new`); `countedConstructor` passes
// `new.target` on.
function counted(method) {
  return {
    [method.name](...args) {
      deeper();
      try {
        return apply(method, this, args);
      } finally {
        depth--;
      }
    },
  }[method.name];
}
function countedConstructor(make) {
  return function (...args) {
    deeper();
    try {
      return new.target === undefined ? apply(make, this, args) : construct(make, args, new.target);
    } finally {
      depth--;
    }
  };
}

// Odd arguments (negative, NaN) ask for no work: the built-in itself then
// does nothing or throws its usual error. A huge or infinite amount costs
// more gas than any call has.
const cost = (units) => {
  if (!(units > 0)) return 0;
  return units <= Number.MAX_SAFE_INTEGER ? ceil(units) : 1e15;
};
// Work over n characters, or over n items.
const perChars = (n) => 1 + cost(n / 32);
const perItems = (n) => 1 + cost(n);

// Helpers the compiler routes contract code through (its BUNDLE_PARAMS).
// These run on every `+`, `+=` and template: the charge is written out
// (1 per 32 characters, rounded up) to keep them cheap.
// A string longer than MAX_STRING (builtins.js) is refused where it is made.
// An object operand is converted once (hint default), and a BigInt joined
// to a string is charged for its formatting.
function plus(a, b) {
  const x = isObject(a) ? toPrimitive(a, 'default') : a;
  const y = isObject(b) ? toPrimitive(b, 'default') : b;
  chargeJoinedText(x, y);
  const result = x + y;
  if (typeof result === 'string') {
    if (result.length > MAX_STRING) throw tooLong(result.length);
    if ((gasLeft -= 1 + ((result.length + 31) >>> 5)) < 0) exhausted();
  } else if (typeof result === 'bigint') {
    capped(result, '+');
  }
  return result;
}
// `a += b` (the compiler's `a = __v8vm_append(a, b)`): charged for what
// was added, capped like any string made.
function append(a, b) {
  const x = isObject(a) ? toPrimitive(a, 'default') : a;
  const y = isObject(b) ? toPrimitive(b, 'default') : b;
  chargeJoinedText(x, y);
  const result = x + y;
  if (typeof result === 'string') {
    if (result.length > MAX_STRING) throw tooLong(result.length);
    const added = typeof x === 'string' ? result.length - x.length : result.length;
    if ((gasLeft -= 1 + ((added + 31) >>> 5)) < 0) exhausted();
  } else if (typeof result === 'bigint') {
    capped(result, '+=');
  }
  return result;
}
// A BigInt joined to a string is formatted in decimal: charged first; and
// a number (chargeNumberText).
function chargeJoinedText(x, y) {
  if (typeof x === 'bigint') {
    if (typeof y === 'string') chargeBigIntText(x);
  } else if (typeof y === 'bigint' && typeof x === 'string') {
    chargeBigIntText(y);
  } else if (typeof x === 'number') {
    if (typeof y === 'string') chargeNumberText(x);
  } else if (typeof y === 'number' && typeof x === 'string') {
    chargeNumberText(y);
  }
}
// A number made text: V8 writes a small integer from a cache, any other
// number by finding its shortest digits (~100-150 ns; its cache misses for
// most: red team round 47, `'' + i * 1.37` at ~5x the median a gas).
const GAS_NUMBER_TEXT = 30;
function chargeNumberText(n) {
  if ((n | 0) !== n && (gasLeft -= GAS_NUMBER_TEXT) < 0) exhausted();
}
// `object[key] op= value` on an object expression evaluated once: the key
// coerced once, then the property read, then `value()`, combined by the
// operator's helper (`append` for `+=`), as compound assignment orders them.
function update(object, key, value, combine, sloppy) {
  const property = propertyKey(key);
  const result = combine(object[property], value());
  store(object, property, result, sloppy);
  return result;
}
// `object[key] ||= value` (`&&=`, `??=`) where the value may be stored as
// a number (`stored`): read once, `value()` run and written only when the
// operator would.
function updateLogical(object, key, value, operator, sloppy) {
  const property = propertyKey(key);
  const old = object[property];
  if (operator === '||' ? old : operator === '&&' ? !old : old !== undefined && old !== null) return old;
  const result = value();
  store(object, property, result, sloppy);
  return result;
}
// `object[key] = value` (and `object.length = value`) where the value may
// be a long string or an object: the compiler's `__v8vm_put(o, k, v)`.
function put(object, key, value, sloppy) {
  if (object === null || object === undefined) throw cannotSet(object, key);
  store(object, propertyKey(key), value, sloppy);
  return value;
}
// A property in a pattern or a `for` head (`[o[k]] = list`,
// `for (a.length of list)`): `__v8vm_target(o, k).value`, written by `put`.
// (A null or undefined object throws where it is written, after the
// pattern read its value, as V8 would.)
function propertyTarget(object, key, sloppy) {
  return new PropertyTarget(object, key, sloppy);
}
class PropertyTarget {
  constructor(object, key, sloppy) {
    this.object = object;
    this.key = key;
    this.sloppy = sloppy;
  }
  set value(value) {
    put(this.object, this.key, value, this.sloppy);
  }
}
function cannotSet(object, key) {
  const name = isObject(key) ? '[object Object]' : OriginalString(key);
  return new TypeError(`Cannot set properties of ${object} (setting '${name}')`);
}
// `object[property] = value` as the contract's own code would do it: in
// sloppy code a write that fails is ignored (and one to a primitive's
// property does nothing: the realm's prototypes are frozen, no setter).
// A value V8 would read as a number is converted first (`stored`).
function store(object, property, value, sloppy) {
  const written = stored(object, property, value);
  if (!sloppy) object[property] = written;
  else if (isObject(object)) reflectSet(object, property, written);
}
// What V8 stores when `value` is written to `object[property]`. A typed
// array's element, and an array's `length`, read the value as a number,
// scanning a string whole, every time, uninterrupted and uncharged (2 MiB
// of digits: ~3 ms a store): a string is charged as `+s` is, and an object
// converted once here (its `valueOf` or `toString` run once), so that V8
// gets a number. Where: `readsStoredNumber`.
function stored(object, property, value) {
  checkPrototypeWrite(object, property, value);
  if (property === 'length' && readsStoredNumber(object, property)) {
    const length = scansWhenStored(value) ? storedNumber(value) : value;
    chargeLengthGrowth(unproxied(object), length);
    return length;
  }
  return scansWhenStored(value) && readsStoredNumber(object, property) ? storedNumber(value) : value;
}
// An array's length set past its items makes V8 allocate the slots added,
// holes, up to 2^25 of them (red team round 49: `a.length = 2 ** 25`,
// 256 MiB, ~0.26 s for a few gas): charged first as `new Array(n)` is
// (`slotsCharge`).
function chargeLengthGrowth(array, length) {
  const type = typeof length;
  const n = type === 'number' ? length : type === 'bigint' || type === 'symbol' ? NaN : NumberOf(length);
  if (n > array.length) meter(slotsCharge(n - array.length, n));
}
// `count` slots V8 allocates and fills with holes for an array of `length`:
// GAS_ARRAY_SLOT each, none when the length is no uint32 (V8's RangeError)
// or past MAX_FAST_LENGTH (V8 keeps such an array sparse, at no cost).
const MAX_FAST_LENGTH = 2 ** 25;
function slotsCharge(count, length) {
  return length >>> 0 === length && length <= MAX_FAST_LENGTH ? perItems(count * GAS_ARRAY_SLOT) : 0;
}
// A function's `prototype` is what the objects it constructs inherit from,
// each one link below it: its chain is bounded as `Object.create`'s (red
// team round 40: `F.prototype = c; c = new F()` in a loop built chains of
// any length, which every lookup that misses walks).
function checkPrototypeWrite(object, property, value) {
  if (property === 'prototype' && typeof object === 'function' && isObject(value)) {
    checkChain("a function's prototype", value, 1, false);
  }
}
// Whether V8 reading `value` as a number where it is stored may scan a
// long string: a string over FREE_NUMBER_TEXT characters, or an object
// (whose conversion may make one). Anything else is stored as it is.
function scansWhenStored(value) {
  return typeof value === 'string' ? value.length > FREE_NUMBER_TEXT : isObject(value);
}
// Each object `readsStoredNumber` passes, looking for where a value is
// stored: past proxies, up the prototype chain (~30 ns; red team round 30:
// `a[k] = object` was 22 ns a gas at the statement's 5; round 31: 5.6 us
// up a chain of 190 classes, for 12 gas).
const GAS_STORE_LINK = 4;
// A value about to be read as a number where it is stored (a typed array's
// element, an array's length): a string charged and read here, once, an
// object converted once.
function storedNumber(value) {
  if (typeof value === 'string') {
    chargeNumberRead(value);
    return NumberOf(value);
  }
  return isObject(value) ? numeric(value) : value;
}
function readsStoredNumber(object, property) {
  if (!isObject(object) || typeof property === 'symbol') return false;
  if (property === 'length') {
    const found = unproxied(object);
    return found !== undefined && isArray(found);
  }
  if (!isNumericKey(property)) return false;
  // A typed array reads it wherever the write meets it: as the object
  // written, past proxies that forward the write, or on the object's
  // prototype chain (V8 reads the value before it refuses an index the
  // typed array does not have: red team round 30). The realm's own
  // prototypes hold none.
  // (No chain gains a typed array after it is made: `checkChain`.)
  for (let current = object; ;) {
    meter(GAS_STORE_LINK);
    const target = proxyTarget.get(current);
    if (target !== undefined) {
      current = target;
    } else {
      if (apply(weakSetHas, realmObjects, [current])) return false;
      if (isTypedArray(current)) return true;
      current = getPrototypeOf(current);
      if (current === null) return false;
    }
  }
}
// A typed array's numeric keys (CanonicalNumericIndexString): a number, or
// the text of one (`'-0'` too). No number's text is longer than
// MAX_NUMBER_TEXT: a longer key is not looked at (red team round 33: `+key`
// of a 16,383-character key on every store, ~90 us).
function isNumericKey(property) {
  if (typeof property === 'number') return true;
  return property.length <= MAX_NUMBER_TEXT && (property === '-0' || OriginalString(+property) === property);
}
// '-1.2345678901234567e-308', '-0.0000012345678901234567'.
const MAX_NUMBER_TEXT = 25;

// BigInt operators. The compiler routes every binary operator that can make
// a BigInt (`-`, `*`, `/`, `%`, `**`, `<<`, `>>`, `&`, `|`, `^`) here unless
// one side is surely no BigInt (`+` goes to `plus`). No BigInt a contract
// holds is more than a bit over MAX_BIGINT_BITS (builtins.js): literals are
// checked by the compiler, BigInt() and these operators check what they
// make, and the operators left to V8 (unary `-`, `~`, `++`, `--`) keep a
// BigInt's magnitude or move it by one. A result's words are charged after
// its (linear) making; what grows faster than its operands is charged
// first: products and quotients by their words multiplied, powers by their
// result's words squared; a power or shift that would pass the limit is
// refused before V8 starts it (V8 itself would make 2^30 bits). Numbers go
// straight through; anything else is converted once, as the operator would
// (`numeric`), and the operator runs on what came out.
function minus(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const result = numeric(a) - numeric(b);
  return typeof result === 'bigint' ? capped(result, '-') : result;
}
function and(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a & b;
  const result = numeric(a) & numeric(b);
  return typeof result === 'bigint' ? capped(result, '&') : result;
}
function or(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a | b;
  const result = numeric(a) | numeric(b);
  return typeof result === 'bigint' ? capped(result, '|') : result;
}
function xor(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a ^ b;
  const result = numeric(a) ^ numeric(b);
  return typeof result === 'bigint' ? capped(result, '^') : result;
}
// `>>>` refuses a BigInt (V8's TypeError, from the operator itself).
function unsignedShiftRight(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a >>> b;
  return numeric(a) >>> numeric(b);
}
// Unary `+` (ToNumber: a BigInt is V8's TypeError), `-` and `~`
// (ToNumeric): the compiler routes them here when the operand may be a
// long string.
function positive(value) {
  return typeof value === 'number' ? value : +numeric(value);
}
// `x++`, `--o.p` and the like, on a target that may hold a long string:
// read once (by the caller, or here for `object[key]`), converted once
// (ToNumeric, a string charged), written once.
function step(value, write, delta, postfix) {
  const old = typeof value === 'number' ? value : numeric(value);
  const updated = typeof old === 'bigint' ? old + (delta > 0 ? 1n : -1n) : old + delta;
  write(updated);
  return postfix ? old : updated;
}
function stepProperty(object, key, delta, postfix, sloppy) {
  const property = propertyKey(key);
  return step(object[property], (updated) => store(object, property, updated, sloppy), delta, postfix);
}
function negative(value) {
  return typeof value === 'number' ? -value : -numeric(value);
}
function bitNot(value) {
  return typeof value === 'number' ? ~value : ~numeric(value);
}
function times(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  const x = typeof a === 'bigint' ? a : numeric(a);
  const y = typeof b === 'bigint' ? b : numeric(b);
  // Operands at most the limit: the product's work is bounded (~15 us),
  // and charged by its result's words squared (at least theirs multiplied).
  const result = x * y;
  return typeof result === 'bigint' ? capped(result, '*', true) : result;
}
function divide(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a / b;
  const x = typeof a === 'bigint' ? a : numeric(a);
  const y = typeof b === 'bigint' ? b : numeric(b);
  if (typeof x === 'bigint' && typeof y === 'bigint') chargeQuotient(x, y, '/');
  return x / y;
}
function remainder(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a % b;
  const x = typeof a === 'bigint' ? a : numeric(a);
  const y = typeof b === 'bigint' ? b : numeric(b);
  if (typeof x === 'bigint' && typeof y === 'bigint') chargeQuotient(x, y, '%');
  return x % y;
}
function power(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a ** b;
  const x = typeof a === 'bigint' ? a : numeric(a);
  const y = typeof b === 'bigint' ? b : numeric(b);
  // 0, 1 and -1 to any power, and negative powers (a RangeError), are no work.
  if (typeof x === 'bigint' && typeof y === 'bigint' && (x > 1n || x < -1n) && y > 0n) {
    // The result has at least (bits - 1) * y + 1 bits, and at most bits * y.
    const bits = bitLength(x, '**');
    if (y > BIGINT_LIMIT || (bits - 1) * NumberOf(y) + 1 > MAX_BIGINT_BITS) throw overBigIntLimit('**');
    const words = ceil((bits * NumberOf(y)) / 64);
    meter(cost((words * words) / BIGINT_POWER_WORDS_SQUARED_PER_GAS));
  }
  const result = x ** y;
  return typeof result === 'bigint' ? capped(result, '**') : result;
}
function shiftLeft(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a << b;
  const x = typeof a === 'bigint' ? a : numeric(a);
  const y = typeof b === 'bigint' ? b : numeric(b);
  if (typeof x === 'bigint' && typeof y === 'bigint' && y > BIGINT_LIMIT && x !== 0n) throw overBigIntLimit('<<');
  const result = x << y;
  return typeof result === 'bigint' ? capped(result, '<<') : result;
}
function shiftRight(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a >> b;
  const x = typeof a === 'bigint' ? a : numeric(a);
  const y = typeof b === 'bigint' ? b : numeric(b);
  // A negative shift to the right is one to the left.
  if (typeof x === 'bigint' && typeof y === 'bigint' && y < BIGINT_MINUS_LIMIT && x !== 0n) throw overBigIntLimit('>>');
  const result = x >> y;
  return typeof result === 'bigint' ? capped(result, '>>') : result;
}
// ToNumeric, as an arithmetic operator applies it to each side in turn:
// an object converted once (hint number), then anything but a BigInt made
// a number (a Symbol throws here, before the other side is converted).
function numeric(value) {
  const primitive = isObject(value) ? toPrimitive(value) : value;
  if (typeof primitive === 'bigint') return primitive;
  if (typeof primitive === 'string') chargeNumberRead(primitive);
  return +primitive;
}
// V8 reads a string as a number by scanning all of it, every time, with no
// interrupt (2 MiB of digits: ~2-3 ms; of two-byte spaces, ~11.6 ms; red
// team round 26): a gas a character. And a decimal of more than 15
// significant digits close to a rounding tie is settled with big-number
// arithmetic over up to 780 of them (`9007199254740993`, 16 characters:
// ~150 ns; 64 characters with `e300`: ~480 ns, and free here before red
// team round 44 made every step of an iterator read one; 766: ~4.2 µs): two
// more a character to the 800th. Strings of up to 15 characters are free.
// A decimal whose digits and exponent put it past what V8 computes exactly
// does it at any length (`'4527e-307'`, 9 characters: ~400 ns, red team
// round 45; `'.7992e-22'`, whose point makes it e-26: round 46): such a
// text pays GAS_EXPONENT_TEXT more; past 64 characters, always.
function chargeNumberRead(text) {
  const gas = numberReadCost(text);
  if (gas > 0) meter(gas);
}
// The gas of reading `text` as a number (chargeNumberRead, and the
// built-ins that read numbers from text their own way).
function numberReadCost(text) {
  const length = text.length;
  if (length > FREE_NUMBER_TEXT) {
    return perChars(length * 32) + digitsCharge(length)
      + (length > MAX_EXACT_TEXT || inexactDecimal(text) ? GAS_EXPONENT_TEXT : 0);
  }
  // (Without an exponent, 15 characters are exact: the common case, checked first.)
  return mayHaveExponent(text) && inexactDecimal(text) ? GAS_EXPONENT_TEXT : 0;
}
const mayHaveExponent = (text) => apply(stringIndexOf, text, ['e']) >= 0 || apply(stringIndexOf, text, ['E']) >= 0;
const digitsCharge = (length) => (length > FREE_NUMBER_TEXT ? 2 * min(length, MAX_SIGNIFICANT_SCAN) : 0);
const GAS_EXPONENT_TEXT = 160;
const MAX_EXACT_TEXT = 64;
// Whether the decimal `text` begins with (after anything that is not a
// digit or a point) may be one V8 cannot settle with a few doubles: its
// digits d times 10^e (e the exponent written, less the digits after the
// point) past -22 <= e and e + d <= 37, V8 may compare it with big powers
// of ten (more digits alone are paid by the length). The compiler's
// `inexact_decimal` is the same test.
function inexactDecimal(text) {
  const length = text.length;
  let i = 0;
  let c = 0;
  for (; i < length; i++) {
    c = apply(stringCharCodeAt, text, [i]);
    if ((c >= 48 && c <= 57) || c === 46) break;
  }
  let digits = 0;
  let fraction = 0;
  let point = false;
  for (; i < length; i++) {
    c = apply(stringCharCodeAt, text, [i]);
    if (c >= 48 && c <= 57) {
      digits++;
      if (point) fraction++;
    } else if (c === 46 && !point) {
      point = true;
    } else {
      break;
    }
  }
  let exponent = 0;
  if (i < length && (c === 101 || c === 69)) {
    i++;
    const sign = i < length ? apply(stringCharCodeAt, text, [i]) : 0;
    if (sign === 43 || sign === 45) i++;
    for (; i < length && exponent < 1000; i++) {
      c = apply(stringCharCodeAt, text, [i]);
      if (c < 48 || c > 57) break;
      exponent = exponent * 10 + (c - 48);
    }
    if (sign === 45) exponent = -exponent;
  }
  const scale = exponent - fraction;
  return scale < -22 || scale + digits > 37;
}
const FREE_NUMBER_TEXT = 15;
const MAX_SIGNIFICANT_SCAN = 800;
// V8 compares two strings of one length character by character (two
// distinct 2 MiB copies: ~0.7 ms; red team round 26), and orders two
// strings up to the shorter's length: charged past the first 1,024.
function chargeStringsCompared(length) {
  if (length > FREE_COMPARE) meter(perChars(length * 2));
}
const FREE_COMPARE = 1024;
// `===`, `!==`: the compiler routes them here unless a side is plain or
// surely no string.
function same(a, b) {
  if (typeof a === 'string' && typeof b === 'string' && a.length === b.length) chargeStringsCompared(a.length);
  return a === b;
}
function notSame(a, b) {
  return !same(a, b);
}
// `switch (value)` with `count` cases that may be long strings: each
// compared with `===`, charged as `same` charges, up front.
function cases(value, count) {
  if (typeof value === 'string' && value.length > FREE_COMPARE) meter(count * perChars(value.length * 2));
  return value;
}
// What a converting comparison scans of its (primitive) operands: two
// strings, up to the shorter's length; a string met by anything but a
// string (or, for `==`, null and undefined), read as a number (a BigInt
// meeting a string: its parse, chargeBigIntComparison).
function chargeStringsScanned(x, y, loose) {
  if (typeof x === 'string') {
    if (typeof y === 'string') chargeStringsCompared(x.length < y.length ? x.length : y.length);
    else if (typeof y !== 'bigint' && !(loose && (y === null || y === undefined))) chargeNumberRead(x);
  } else if (typeof y === 'string' && typeof x !== 'bigint' && !(loose && (x === null || x === undefined))) {
    chargeNumberRead(y);
  }
}
// Comparisons that convert their operands (`<`, `<=`, `>`, `>=`, `==`,
// `!=`): the compiler routes them here unless no side can be a BigInt
// meeting a string. V8 parses a string compared with a BigInt, in time
// superlinear in its length that nothing interrupts (~350 ms for 2 MiB of
// digits): the parse is charged as BigInt()'s is, before it. An object
// operand is converted once, in the operator's order (for `==`, only when
// the other side is a primitive other than null or undefined); the
// comparison then runs on what came out.
function less(a, b) {
  return typeof a === 'number' && typeof b === 'number' ? a < b : ordered(a, b, '<');
}
function lessEqual(a, b) {
  return typeof a === 'number' && typeof b === 'number' ? a <= b : ordered(a, b, '<=');
}
function greater(a, b) {
  return typeof a === 'number' && typeof b === 'number' ? a > b : ordered(a, b, '>');
}
function greaterEqual(a, b) {
  return typeof a === 'number' && typeof b === 'number' ? a >= b : ordered(a, b, '>=');
}
function ordered(a, b, operator) {
  const x = isObject(a) ? toPrimitive(a) : a;
  const y = isObject(b) ? toPrimitive(b) : b;
  chargeBigIntComparison(x, y);
  chargeStringsScanned(x, y, false);
  switch (operator) {
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    default: return x >= y;
  }
}
function looseEqual(a, b) {
  // Same types convert nothing (objects compare by identity).
  if (typeof a === typeof b) return same(a, b);
  let x = a;
  let y = b;
  if (isObject(x) && !isObject(y) && y !== null && y !== undefined) x = toPrimitive(x, 'default');
  else if (isObject(y) && !isObject(x) && x !== null && x !== undefined) y = toPrimitive(y, 'default');
  chargeBigIntComparison(x, y);
  chargeStringsScanned(x, y, true);
  return x == y;
}
function looseNotEqual(a, b) {
  return !looseEqual(a, b);
}
// A BigInt compared with anything is a call into V8's runtime, charged as a
// BigInt operator is (red team round 22: ~33 ns a gas uncharged).
function chargeBigIntComparison(x, y) {
  if (typeof x === 'bigint') {
    if ((gasLeft -= GAS_BIGINT_OPERATION) < 0) exhausted();
    if (typeof y === 'string') chargeBigIntParse(y.length);
  } else if (typeof y === 'bigint') {
    if ((gasLeft -= GAS_BIGINT_OPERATION) < 0) exhausted();
    if (typeof x === 'string') chargeBigIntParse(x.length);
  }
}
// A BigInt result: refused over the limit, else charged GAS_BIGINT_OPERATION
// and, from four words on, a gas per 2 words (or, for a product, per 16
// words squared). Each BigInt comparison is a call into V8's runtime: the
// common small values are told apart with as few as can be.
function capped(value, operator, product) {
  if (value < BIGINT_FOUR_WORDS && value > BIGINT_MINUS_FOUR_WORDS) {
    if ((gasLeft -= GAS_BIGINT_OPERATION) < 0) exhausted();
    return value;
  }
  if (value >= BIGINT_CEILING || value <= BIGINT_FLOOR) {
    // The work is done: a product (of operands at the limit) is charged as
    // the largest there is, or a loop catching this would multiply free.
    meter(GAS_BIGINT_OPERATION + (product ? GAS_BIGINT_LARGEST_PRODUCT : 0));
    throw overBigIntLimit(operator);
  }
  const words = bigintWords(value, operator);
  meter(GAS_BIGINT_OPERATION + (product ? cost((words * words) / BIGINT_PRODUCT_WORDS_SQUARED_PER_GAS) : words >>> 1));
  return value;
}
function overBigIntLimit(operator) {
  return new RangeError(`BigInt \`${operator}\`: a result of more than ${MAX_BIGINT_BITS} bits, the most a BigInt may hold`);
}
// A quotient's or remainder's schoolbook work on the two BigInts' 64-bit
// words (V8 divides in at most that many word steps), charged before it
// starts; with a dividend under four words, just the operation.
function chargeQuotient(x, y, operator) {
  if (x < BIGINT_FOUR_WORDS && x > BIGINT_MINUS_FOUR_WORDS) {
    if ((gasLeft -= GAS_BIGINT_OPERATION) < 0) exhausted();
    return;
  }
  // A divisor of few words still walks every word of the dividend, one
  // 128-bit division each (red team round 22: ~50 ns a gas by one word).
  const divisor = bigintWords(y, operator);
  meter(GAS_BIGINT_OPERATION + cost((bigintWords(x, operator) * (divisor < 4 ? 4 : divisor)) / BIGINT_WORDS_MULTIPLIED_PER_GAS));
}
// 64-bit words of a BigInt's magnitude: a binary search of the powers of
// 2^64 (a handful of comparisons, each deciding on the first word that
// differs). One past the table is a BigInt no operator should have let
// through: refused rather than measured short.
function bigintWords(value, operator) {
  if (value < BIGINT_ONE_WORD && value > BIGINT_MINUS_ONE_WORD) return 1;
  const magnitude = value < 0n ? -value : value;
  let low = 2;
  let high = BIGINT_WORD_POWERS.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (magnitude < BIGINT_WORD_POWERS[middle]) high = middle;
    else low = middle + 1;
  }
  if (low === BIGINT_WORD_POWERS.length) throw overBigIntLimit(operator);
  return low;
}
function bitLength(value, operator) {
  const words = bigintWords(value, operator);
  const magnitude = value < 0n ? -value : value;
  const top = words === 1 ? magnitude : magnitude >> BigInt(64 * (words - 1));
  const high = NumberOf(top >> 32n);
  const bits = high > 0 ? 64 - clz32(high) : 32 - clz32(NumberOf(top));
  return 64 * (words - 1) + bits;
}
function sized(value) {
  if (typeof value === 'string' && (gasLeft -= 1 + ((value.length + 31) >>> 5)) < 0) exhausted();
  return value;
}
function str(text) {
  if (text.length > MAX_STRING) throw tooLong(text.length);
  if ((gasLeft -= 3 + ((text.length + 31) >>> 5)) < 0) exhausted();
  return text;
}
// A property key (`o[k]`, `k in o`), converted once as V8 would (an object
// by ToPrimitive, hint string), a BigInt's decimal formatting charged, a
// long string checked (checkKey).
function propertyKey(value) {
  if (typeof value === 'number') return numberKey(value);
  if (typeof value === 'symbol') return value;
  if (typeof value === 'string') return stringKey(value);
  const primitive = isObject(value) ? toPrimitive(value, 'string') : value;
  if (typeof primitive === 'symbol') return primitive;
  return stringKey(StringOf(primitive));
}
// A number key that is no array index (`o[-1]`, `o[i * 1.37]`): V8 writes
// it as text (~100-150 ns for a fraction) and looks that up in its string
// table like a fresh string key (~250 ns; red team round 48: `(i * 1.37)
// in o` at 53 ns a gas, `Object.hasOwn(o, i + 0.5)` at 33).
const GAS_NUMBER_KEY = 150;
function numberKey(key) {
  if ((key >>> 0 !== key || key === 4294967295) && (gasLeft -= GAS_NUMBER_KEY) < 0) exhausted();
  return key;
}
// V8 looks a string key up in its string table, and adds it there if it is
// not yet (made flat, hashed, copied): a key it has not seen, ~250 ns, and
// one that adds a property to a fresh object also a new hidden class,
// ~600 ns (red team round 48: 76-116 ns a gas). Whether V8 has the key
// already depends on what ran before on the worker, so each key is charged
// GAS_FRESH_KEY the first time the run uses it (keysSeen, emptied when a
// run starts). A long key also pays 1.25 gas a character past the first 16
// (round 47: a fresh key of 1,024 characters, ~3.2 us), and one over
// FREE_COMPARE is checked (checkKey).
const GAS_FRESH_KEY = 150;
const MAX_KEYS_SEEN = 4096;
const FREE_KEY_TEXT = 16;
let keysSeen = new OriginalSet();
function stringKey(key) {
  chargeKey('a property key', key);
  return key;
}
// A string key (of an object, a Map or a Set): its characters, hashed and
// compared by V8, and GAS_FRESH_KEY the first time this run uses it.
function chargeKey(what, key) {
  const length = key.length;
  if (length > FREE_KEY_TEXT) meter(perChars(length * 40));
  if (length > FREE_COMPARE) checkKey(what, key);
  // An array index's text is no entry of V8's string table (V8 reads it as
  // the index), and V8 hashes it by its value, no seed: kept out of the set,
  // whose buckets it could crowd (red team round 52: 4,000 such keys in
  // one bucket, each lookup of the set ~324 ns a gas).
  if (arrayIndexOf(key) >= 0) return;
  if (!apply(setHas, keysSeen, [key])) {
    meter(GAS_FRESH_KEY);
    // Kept small: a set that held every key would keep them all alive.
    if (apply(setSize, keysSeen, []) === MAX_KEYS_SEEN) forgetKeysSeen();
    apply(setAdd, keysSeen, [key]);
  }
}
// The array index a string is the canonical text of (no sign, no leading
// zero, at most 4294967294), or -1.
function arrayIndexOf(text) {
  const length = text.length;
  if (length === 0 || length > 10) return -1;
  const first = apply(stringCharCodeAt, text, [0]);
  if (first < 48 || first > 57 || (first === 48 && length > 1)) return -1;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = apply(stringCharCodeAt, text, [i]) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value <= 4294967294 ? value : -1;
}
// The keys seen so far this run, forgotten when a run starts and ends (and
// set aside while a contract's modules are cached: realm.js `cacheModules`).
function forgetKeysSeen() {
  apply(setClear, keysSeen, []);
}
// A string used as a key (of an object, a Map or a Set): V8 compares it
// with an equal-length key character by character, and hashes one of more
// than 16,383 characters by its length alone, so that such keys collide
// (red team round 26: a lookup among 300 of them ~0.6 ms). Keys are at
// most MAX_KEY characters; one over FREE_COMPARE is charged as `===`
// charges comparing it.
function checkKey(what, key) {
  if (key.length > MAX_KEY) {
    throw new RangeError(`${what} of ${key.length} characters is over the limit of ${MAX_KEY}`);
  }
  chargeStringsCompared(key.length);
  return key;
}
const MAX_KEY = 16383;
// A template's substitution, converted as the template would (ToString: a
// symbol is a TypeError), its BigInt formatting charged (StringOf).
function text(value) {
  if (typeof value === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
  return StringOf(value);
}
function tooLong(length) {
  return new RangeError(`a string of ${length} characters is over the limit of ${MAX_STRING}`);
}
function esmModule(exports) {
  defineProperty(exports, '__esModule', { value: true });
}
// What `import` sees of a module: an ES module's exports, or a namespace
// whose `default` is a CommonJS module's exports (other names read through).
function esmInterop(exports) {
  const isObject = exports !== null && (typeof exports === 'object' || typeof exports === 'function');
  if (isObject && exports.__esModule) return exports;
  const namespace = Object.create(isObject ? exports : null);
  defineProperty(namespace, 'default', { value: exports, enumerable: true });
  return namespace;
}
function exportBinding(exports, name, get) {
  defineProperty(exports, name, { get, enumerable: true, configurable: true });
}
function exportStar(exports, from) {
  for (const name of Object.keys(from)) {
    if (name !== 'default' && !apply(objectHasOwnProperty, exports, [name])) {
      exportBinding(exports, name, () => from[name]);
    }
  }
}
// Every module ends with `seal([its top-level bindings])`. While a cacheable
// contract's modules are evaluated for reuse, it freezes everything they
// hold (see `loadCached`); otherwise it does nothing.
let sealing = false;
function seal(values) {
  if (sealing) freezeAll(values);
}
// Evaluating a cacheable contract's modules runs none of its functions: its
// top levels only declare (compiler::check_cacheable). Should a function
// run anyway (a getter a module-level read reaches, a `valueOf`), it could
// read the block or state into values kept for later calls: the evaluation
// is abandoned and the contract's modules are evaluated per call instead.
let sealBroken = false;
function breakSeal() {
  sealBroken = true;
  throw new Error('contract code ran while its modules were being cached');
}
// Freezes everything reachable from `roots` that is not frozen yet. Frozen
// objects are not walked: the realm's are deep-frozen already, and so is
// everything an earlier seal froze.
function freezeAll(roots) {
  const pending = [...roots];
  while (pending.length > 0) {
    const value = pending.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || isFrozen(value)) continue;
    freeze(value);
    pushTo(pending, getPrototypeOf(value));
    // A method's only own properties are its `length` and `name` (numbers
    // and strings: cacheable modules cannot redefine them), so freezing it
    // is enough. Reading descriptors is what makes a large class slow.
    const keys = ownKeys(value);
    if (typeof value === 'function' && keys.length === 2 && keys[0] === 'length' && keys[1] === 'name') continue;
    for (const key of keys) {
      const desc = getOwnPropertyDescriptor(value, key);
      if ('value' in desc) {
        const inner = desc.value;
        if ((typeof inner === 'object' && inner !== null) || typeof inner === 'function') pushTo(pending, inner);
      } else {
        pushTo(pending, desc.get);
        pushTo(pending, desc.set);
      }
    }
  }
}
// In the order of the compiler's BUNDLE_PARAMS.
const bundleHelpers = [meter, plus, append, update, minus, times, divide, remainder, power, shiftLeft, shiftRight, and, or,
  xor, less, lessEqual, greater, greaterEqual, looseEqual, looseNotEqual, same, notSame, cases, unsignedShiftRight, positive,
  negative, bitNot, numeric, step, stepProperty, put, propertyTarget, updateLogical, str, text, propertyKey, esmModule, esmInterop, exportBinding, exportStar, seal, enter, leave,
  spread, spreadObject, proto, heritage, forIn, iterate, caught, moduleSite, argumentsObject];
// (`bind` adds the engine's `site` last: see the compiler's BUNDLE_PARAMS.)

// --- storage -------------------------------------------------------------------

// A library function that first checks that its leading arguments, named
// `names`, are strings (for messages that name `api` and the argument); it
// passes on one more (the optional `payer`). Written out per arity: these
// run on every storage call.
function stringArgs(api, names, body) {
  const checked = stringArgsChecked(api, names, body);
  // Named as the API calls it (`storage.put.name` is `put`).
  defineProperty(checked, 'name', { value: apply(stringSlice, api, [apply(stringIndexOf, api, ['.']) + 1]) });
  return checked;
}
function stringArgsChecked(api, names, body) {
  const [first, second, third] = names;
  switch (names.length) {
    case 1:
      return function checked(a, b) {
        checkString(api, first, a);
        return body(a, b);
      };
    case 2:
      return function checked(a, b, c) {
        checkString(api, first, a);
        checkString(api, second, b);
        return body(a, b, c);
      };
    default:
      return function checked(a, b, c, d) {
        checkString(api, first, a);
        checkString(api, second, b);
        checkString(api, third, c);
        return body(a, b, c, d);
      };
  }
}

// Host call costs (docs/gas.md): a base per call plus the bytes moved.
const GAS_READ = 50;
const GAS_WRITE = 50;
// A map write keeps the map's index too: a new field writes 3 more records,
// a deleted one reads 3 and writes up to 5 (red team round 40: at the plain
// write's price, 3x its time a gas; at 100, new fields put and deleted were
// still 2.9-3.3x the median).
const GAS_MAP_INDEX = 150;
const GAS_EMIT = 60;
const GAS_LOG = 600;
const textLength = (text) => (typeof text === 'string' ? text.length : 0);
// A host call of `base` gas plus `perUnit` per character of up to three texts.
function charged(base, perUnit, a, b, c) {
  meter(base + cost((textLength(a) + textLength(b) + textLength(c)) * perUnit));
}
// A read returning `value`, named by up to two texts.
function read(value, a, b) {
  charged(GAS_READ, 1 / 32, value, a, b);
  return value;
}
// A map's fields are counted in one read (the map keeps an index of them);
// listing them is charged per field before the host reads any, and at most
// MAX_MAP_FIELDS are listed.
const GAS_MAP_FIELD = 25;
const MAX_MAP_FIELDS = 100000;
function mapLen(count) {
  meter(GAS_READ);
  return count();
}
function mapKeys(api, key, count, list) {
  const fields = mapLen(count);
  if (fields > MAX_MAP_FIELDS) {
    throw new RangeError(`${api}: map '${key}' has more than ${MAX_MAP_FIELDS} fields: read them in parts`);
  }
  meter(GAS_MAP_FIELD * fields);
  return list(fields);
}

const storage = freeze({
  put: stringArgs('storage.put', ['key', 'value'], (key, value, payer) => {
    charged(GAS_WRITE, 2, key, value);
    ops.storage_put(key, null, value, checkPayer('storage.put', payer));
  }),
  get: stringArgs('storage.get', ['key'], (key) => read(ops.storage_get(key, null), key)),
  has: stringArgs('storage.has', ['key'], (key) => read(ops.storage_has(key, null), key)),
  del: stringArgs('storage.del', ['key'], (key) => {
    charged(GAS_WRITE, 2, key);
    ops.storage_del(key, null);
  }),
  mapPut: stringArgs('storage.mapPut', ['key', 'field', 'value'], (key, field, value, payer) => {
    charged(GAS_WRITE + GAS_MAP_INDEX, 2, key, field, value);
    ops.storage_put(key, field, value, checkPayer('storage.mapPut', payer));
  }),
  mapGet: stringArgs('storage.mapGet', ['key', 'field'], (key, field) => read(ops.storage_get(key, field), key, field)),
  mapHas: stringArgs('storage.mapHas', ['key', 'field'], (key, field) => read(ops.storage_has(key, field), key, field)),
  mapDel: stringArgs('storage.mapDel', ['key', 'field'], (key, field) => {
    charged(GAS_WRITE + GAS_MAP_INDEX, 2, key, field);
    ops.storage_del(key, field);
  }),
  mapKeys: stringArgs('storage.mapKeys', ['key'], (key) => mapKeys('storage.mapKeys', key,
    () => ops.storage_map_len(key), (limit) => ops.storage_map_keys(key, limit))),
  mapLen: stringArgs('storage.mapLen', ['key'], (key) => mapLen(() => ops.storage_map_len(key))),
  globalHas: stringArgs('storage.globalHas', ['contract', 'key'], (c, key) => read(ops.global_has(c, key, null), key)),
  globalGet: stringArgs('storage.globalGet', ['contract', 'key'], (c, key) => read(ops.global_get(c, key, null), key)),
  globalMapHas: stringArgs('storage.globalMapHas', ['contract', 'key', 'field'],
    (c, key, field) => read(ops.global_has(c, key, field), key, field)),
  globalMapGet: stringArgs('storage.globalMapGet', ['contract', 'key', 'field'],
    (c, key, field) => read(ops.global_get(c, key, field), key, field)),
  globalMapKeys: stringArgs('storage.globalMapKeys', ['contract', 'key'], (c, key) => mapKeys('storage.globalMapKeys',
    key, () => ops.global_map_len(c, key), (limit) => ops.global_map_keys(c, key, limit))),
  globalMapLen: stringArgs('storage.globalMapLen', ['contract', 'key'],
    (c, key) => mapLen(() => ops.global_map_len(c, key))),
});

// --- Frames --------------------------------------------------------------------
//
// Every contract call, the transaction's own and each nested one, is a frame:
// Rust's call stack (src/host/call.rs) says whose identity, storage and
// authority the code running now has. Two rules keep a frame's code inside
// it (docs/contract-api.md, "Promise jobs"; docs/hostile.md):
//
// - Promise jobs run only here (the isolate's job queue is explicit): the
//   jobs a frame queued run before it returns, as that frame, on its gas;
//   before a nested call the caller's run as the caller. A job cannot call
//   another contract: its jobs would have no frame of their own to run in.
// - What crosses from a callee to its caller is inert: a result string, or
//   for a failure the thrown primitive, or a fresh error of the realm's own
//   made from the callee's error type name, message and stack, read as own
//   data properties (never a getter, proxy or method of the callee's).

// Whether the queued jobs are running: contract calls are refused meanwhile.
let draining = false;

// Runs the queued jobs, and those they queue, now, in the current frame.
function runJobs() {
  draining = true;
  try {
    engine.runJobs();
  } finally {
    draining = false;
  }
}

// Ends a frame that began at rejection mark `mark`: runs its jobs; then a
// promise it rejected and never handled fails it, unless it failed already.
function settle(mark, failed) {
  runJobs();
  const rejected = engine.takeRejection(mark);
  if (rejected !== undefined && !failed) throw unhandledRejection(rejected[0]);
}

const errorTypes = {
  __proto__: null, Error, TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError, AggregateError,
};
const isPrimitive = (kind) => kind !== 'object' && kind !== 'error' && kind !== 'array' && kind !== 'function' &&
  kind !== 'proxy';
const ownString = (value, key) => {
  const found = engine.own(value, key);
  return typeof found === 'string' ? found : undefined;
};
// Most characters of a crossing error's name, message and stack kept.
const MAX_NAME_CHARS = 100;
const MAX_TEXT_CHARS = 4096;
const clip = (text, max) => (text.length > max ? `${apply(stringSlice, text, [0, max])}…` : text);

// An error's type name and message, read without running its code.
// The built-in error classes by prototype: an error a contract made has the
// library's wrapper as its maker, which V8 cannot name (builtins.js).
const errorClasses = [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, AggregateError];
function errorClassName(error) {
  const prototype = getPrototypeOf(error);
  for (let i = 0; i < errorClasses.length; i++) {
    if (errorClasses[i].prototype === prototype) return errorClasses[i].name;
  }
  return engine.className(error);
}
function errorParts(error) {
  const name = ownString(error, 'name') ?? errorClassName(error) ?? 'Error';
  return [clip(name, MAX_NAME_CHARS), clip(ownString(error, 'message') ?? '', MAX_TEXT_CHARS)];
}
const header = (name, message) => (message === '' ? name : `${name}: ${message}`);

// What a thrown or rejected value says, read without running its code (the
// twin of the engine's description of an uncaught one).
function describeInert(value) {
  const kind = engine.kind(value);
  switch (kind) {
    case 'string':
      return clip(value, MAX_TEXT_CHARS);
    case 'symbol':
      return `Symbol(${value.description ?? ''})`;
    case 'bigint':
      return value >= -(2n ** 256n) && value <= 2n ** 256n ? `${value}n` : 'a BigInt';
    case 'error':
      return header(...errorParts(value));
    default:
      return isPrimitive(kind) ? String(value) : `#<${engine.className(value)}>`;
  }
}

// The frames of a stack (from its first "\n    at "), bounded.
function stackFrames(stack) {
  if (typeof stack !== 'string') return '';
  const at = stack.indexOf('\n    at ');
  return at < 0 ? '' : clip(stack.slice(at), MAX_TEXT_CHARS);
}

// A fresh error of the realm's own: type `name` (a built-in error type, else
// Error with that name), `message`, and `stack` as a plain string.
function freshError(name, message, stack) {
  const error = new (errorTypes[name] ?? Error)(message);
  if (errorTypes[name] === undefined) {
    defineProperty(error, 'name', { value: name, writable: true, enumerable: false, configurable: true });
  }
  defineProperty(error, 'stack', { value: stack, writable: true, enumerable: false, configurable: true });
  return error;
}

// What the caller of a failed callee catches, made in the callee's frame.
function crossing(thrown) {
  const kind = engine.kind(thrown);
  if (isPrimitive(kind)) return thrown;
  if (kind !== 'error') {
    const message = ownString(thrown, 'message') ?? describeInert(thrown);
    return freshError('Error', clip(message, MAX_TEXT_CHARS), `Error: ${clip(message, MAX_TEXT_CHARS)}`);
  }
  const [name, message] = errorParts(thrown);
  return freshError(name, message, header(name, message) + stackFrames(engine.own(thrown, 'stack')));
}

// The error that fails a frame which left a promise rejected and unhandled.
function unhandledRejection(reason) {
  const described = `(in promise) ${describeInert(reason)}`;
  const frames = engine.kind(reason) === 'error' ? stackFrames(engine.own(reason, 'stack')) : '';
  return freshError('Error', `Uncaught ${described}`, described + frames);
}

// --- blockchain ----------------------------------------------------------------

// Receipts and events take strings; other values are sent as JSON.
// (Contract values go through the metered JSON.stringify of builtins.js.)
const contentOf = (content) => (typeof content === 'string' ? content : JSON.stringify(content) ?? '');

// A call of another contract: Rust checks it and keeps the call stack and the
// journal checkpoint; the callee's method runs here, on the shared meter.
const GAS_CALL = 1000;
function callContract(api, contract, method, args, withAuth) {
  checkString(api, 'contract', contract);
  checkString(api, 'method', method);
  if (draining) {
    throw new Error(`${api}: a promise job cannot call contracts; call ${contract}.${method} from the method itself`);
  }
  const argsJson = typeof args === 'string' ? args : JSON.stringify(args === undefined ? [] : args);
  if (typeof argsJson !== 'string') throw new TypeError(`${api}: args must be an array or its JSON text`);
  charged(GAS_CALL, 1 / 32, argsJson);
  // The caller's jobs run as the caller, before the callee is on the stack.
  runJobs();
  const entered = ops.call_enter(contract, method, argsJson, withAuth);
  if (!isArray(entered)) {
    // A native contract ran in Rust: the gas it used, paid whether it
    // succeeded or failed, and its result or failure.
    meter(entered.gas);
    if (entered.error !== undefined) throw new Error(entered.error);
    return [entered.result];
  }
  const [bundle, entryId, checkedArgs] = entered;
  const mark = engine.rejectionMark();
  let result;
  let failure;
  let failed = true;
  try {
    result = runMethod(bundle, entryId, method, checkedArgs);
    failed = false;
  } catch (thrown) {
    failure = crossing(thrown);
  }
  try {
    settle(mark, failed);
  } catch (thrown) {
    failed = true;
    failure = crossing(thrown);
  }
  ops.call_exit(!failed);
  if (failed) throw failure;
  return [result];
}

// The native token: moved by the native contract token.iost, with this
// contract's authority (so it can pay out of its own balance).
const NATIVE_TOKEN = 'iost';
const amountText = (amount) => (typeof amount === 'number' ? String(amount) : amount);
function transfer(api, from, to, amount, memo) {
  const args = [NATIVE_TOKEN, from, to, amountText(amount), memo === undefined ? '' : memo];
  callContract(api, 'token.iost', 'transfer', args, true);
}

const blockchain = freeze({
  transfer(from, to, amount, memo) {
    transfer('blockchain.transfer', from, to, amount, memo);
  },
  withdraw(to, amount, memo) {
    transfer('blockchain.withdraw', read(ops.chain_contract_name()), to, amount, memo);
  },
  deposit(from, amount, memo) {
    transfer('blockchain.deposit', from, read(ops.chain_contract_name()), amount, memo);
  },
  call(contract, method, args) {
    return callContract('blockchain.call', contract, method, args, false);
  },
  callWithAuth(contract, method, args) {
    return callContract('blockchain.callWithAuth', contract, method, args, true);
  },
  blockInfo() {
    return read(ops.chain_info('block'));
  },
  txInfo() {
    return read(ops.chain_info('tx'));
  },
  contextInfo() {
    return read(ops.chain_info('context'));
  },
  contractName() {
    return read(ops.chain_contract_name());
  },
  contractOwner() {
    return read(ops.chain_contract_owner());
  },
  publisher() {
    return read(ops.chain_publisher());
  },
  caller() {
    return jsonParse(read(ops.chain_caller()));
  },
  requireAuth: stringArgs('blockchain.requireAuth', ['id', 'permission'],
    (id, permission) => read(ops.chain_require_auth(id, permission), id, permission)),
  receipt(content) {
    const text = contentOf(content);
    charged(GAS_EMIT, 1, text);
    ops.chain_receipt(text);
  },
  event(content) {
    const text = contentOf(content);
    charged(GAS_EMIT, 1, text);
    ops.chain_event(text);
  },
});

// --- console -------------------------------------------------------------------

// As Node.js's util.inspect with its defaults: nested objects shown 2
// levels deep (deeper ones as [Object] or [Array]) and 100 items of each,
// so formatting is bounded whatever the value (and metered as it goes).
const INSPECT_DEPTH = 2;
const INSPECT_ITEMS = 100;
// Gas for each value inspected, and for each object, array, map or set
// listed (the library's own work, not counted by the meter otherwise).
const GAS_INSPECT_VALUE = 10;
const GAS_INSPECT_OBJECT = 400;
function inspect(value, seen = [], depth = 0) {
  meter(GAS_INSPECT_VALUE);
  switch (typeof value) {
    case 'string':
      return jsonStringify(value);
    case 'function':
      return `[Function: ${value.name || '(anonymous)'}]`;
    case 'bigint':
      return `${StringOf(value)}n`;
    case 'object':
      break;
    default:
      return String(value);
  }
  if (value === null) return 'null';
  if (value instanceof Error) return value.stack || String(value);
  if (seen.includes(value)) return '[Circular]';
  if (depth > INSPECT_DEPTH) return isArray(value) ? '[Array]' : '[Object]';
  meter(GAS_INSPECT_OBJECT);
  pushTo(seen, value);
  const nested = (v) => inspect(v, seen, depth + 1);
  // The first INSPECT_ITEMS of `count` items yielded by `items`, shown.
  const list = (items, count, show) => {
    const shown = [];
    for (const item of items) {
      if (shown.length === INSPECT_ITEMS) break;
      shown[shown.length] = show(item);
    }
    if (count > INSPECT_ITEMS) shown[shown.length] = `... ${count - INSPECT_ITEMS} more items`;
    return shown;
  };
  let text;
  if (isArray(value)) {
    const head = apply(arraySliceOriginal, value, [0, INSPECT_ITEMS]);
    text = `[ ${list(head, value.length, nested).join(', ')} ]`;
  } else if (value instanceof Map) {
    const entries = list(value, value.size, ([k, v]) => `${nested(k)} => ${nested(v)}`);
    text = `Map(${value.size}) {${entries.length === 0 ? '' : ` ${entries.join(', ')} `}}`;
  } else if (value instanceof Set) {
    const entries = list(value, value.size, nested);
    text = `Set(${value.size}) {${entries.length === 0 ? '' : ` ${entries.join(', ')} `}}`;
  } else {
    const keys = Object.keys(value);
    const parts = list(keys, keys.length, (k) => `${k}: ${nested(value[k])}`);
    text = parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
  }
  seen.pop();
  return text;
}

const plain = (value) => (typeof value === 'string' ? value : inspect(value));

// One `%` specifier's text.
function formatted(spec, arg) {
  switch (spec) {
    case 's': return plain(arg);
    case 'd': return typeof arg === 'bigint' ? `${StringOf(arg)}n` : String(Number(arg));
    case 'i': return typeof arg === 'bigint' ? `${StringOf(arg)}n` : String(parseInt(arg, 10));
    case 'f': return String(parseFloat(arg));
    case 'j':
      try {
        return JSON.stringify(arg);
      } catch (e) {
        return '[Circular]';
      }
    default: return inspect(arg);
  }
}
// Node's util.format: %s %d %i %f %j %o %O %%.
function format(args) {
  if (args.length === 0) return '';
  let next = 1;
  let text;
  if (typeof args[0] === 'string') {
    // Each `%` and the character after it, left to right (no regex: the
    // library's own searches would be charged as a contract's).
    const template = args[0];
    text = '';
    let from = 0;
    for (let at = apply(stringIndexOf, template, ['%', 0]); at >= 0 && at + 1 < template.length;
      at = apply(stringIndexOf, template, ['%', from])) {
      const spec = template[at + 1];
      if (apply(stringIndexOf, 'sdifjoO%', [spec]) < 0) {
        text += apply(stringSlice, template, [from, at + 1]);
        from = at + 1;
        continue;
      }
      text += apply(stringSlice, template, [from, at]);
      from = at + 2;
      if (spec === '%') {
        text += '%';
      } else if (next >= args.length) {
        text += `%${spec}`;
      } else {
        text += formatted(spec, args[next++]);
      }
    }
    text += apply(stringSlice, template, [from]);
  } else {
    text = inspect(args[0]);
  }
  for (; next < args.length; next++) text += ` ${plain(args[next])}`;
  return text;
}

function log(level, args) {
  const text = format(args);
  charged(GAS_LOG, 1 / 32, text);
  ops.console_log(level, text);
}

const console = freeze({
  log(...args) { log('info', args); },
  info(...args) { log('info', args); },
  debug(...args) { log('debug', args); },
  warn(...args) { log('warn', args); },
  error(...args) { log('error', args); },
});

// --- IOSTCrypto ----------------------------------------------------------------

// Hashing is charged per byte hashed, checking a signature mostly per check
// (docs/gas.md).
const GAS_HASH = 400;
const GAS_VERIFY = 25000;
const MAX_VERIFY_MESSAGE = 1024;
const MAX_VERIFY_KEY = 128;
const IOSTCrypto = freeze({
  sha3: stringArgs('IOSTCrypto.sha3', ['text'], (text) => {
    charged(GAS_HASH, 1 / 8, text);
    return ops.crypto_sha3(text);
  }),
  sha3Hex: stringArgs('IOSTCrypto.sha3Hex', ['hex'], (hex) => {
    charged(GAS_HASH, 1 / 16, hex);
    return ops.crypto_sha3_hex(hex);
  }),
  ripemd160Hex: stringArgs('IOSTCrypto.ripemd160Hex', ['hex'], (hex) => {
    charged(GAS_HASH, 1 / 16, hex);
    return ops.crypto_ripemd160_hex(hex);
  }),
  verify: stringArgs('IOSTCrypto.verify', ['algo', 'message', 'signature'], (algo, message, signature, publicKey) => {
    checkString('IOSTCrypto.verify', 'publicKey', publicKey);
    // Decoding base58 takes time quadratic in its length: inputs are
    // capped, and the message is charged by its length squared.
    for (const [name, text, max] of [['message', message, MAX_VERIFY_MESSAGE], ['signature', signature, MAX_VERIFY_KEY],
      ['publicKey', publicKey, MAX_VERIFY_KEY]]) {
      if (text.length > max) {
        throw new RangeError(`IOSTCrypto.verify: ${name} is ${text.length} characters of base58, over the ${max}-character limit`);
      }
    }
    meter(GAS_VERIFY + cost(message.length / 8) + cost((message.length * message.length) / 64));
    return ops.crypto_verify(algo, message, signature, publicKey);
  }),
});

// --- globals -------------------------------------------------------------------

const constant = (value) => ({ value, writable: false, enumerable: false, configurable: false });
defineProperty(globalThis, 'storage', constant(storage));
defineProperty(globalThis, 'blockchain', constant(blockchain));
defineProperty(globalThis, 'console', constant(console));
defineProperty(globalThis, 'IOSTCrypto', constant(IOSTCrypto));
// `block` and `tx` read the current call's, parsed once per call.
for (const name of ['block', 'tx']) {
  defineProperty(globalThis, name, {
    get() {
      if (frame[name] === undefined) frame[name] = freeze(jsonParse(ops.chain_info(name)));
      return frame[name];
    },
    enumerable: false,
    configurable: false,
  });
}

// --- Stack traces ----------------------------------------------------------------

// Frames in the contract's bundle show the developer's file:line:col, as in
// Node.js with source maps; the libraries' own frames keep their name.
function describeFrame(site) {
  const file = site.getFileName();
  let location = 'native';
  if (file !== undefined && file !== null) {
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    let mapped = null;
    if (apply(stringStartsWith, String(file), ['v8vm:bundle/'])) {
      try {
        mapped = ops.source_locate(String(file), line, column);
      } catch (e) {
        // Outside a call there is no bundle to map through.
      }
    }
    location = mapped === null ? `${file}:${line}:${column}` : mapped;
  }
  // The function's name only: V8 finds a receiver's type name by walking
  // its whole prototype chain, which a contract may make as long as it likes
  // (red team round 11).
  const name = site.getFunctionName();
  const prefix = site.isConstructor() ? 'new ' : '';
  return name === null ? location : `${prefix}${name} (${location})`;
}
// Formatting a frame (its name, its file:line:col mapped to the contract's
// files) takes about 1.4 us.
const GAS_STACK_FRAME = 450;
// The header comes from the error's own data properties: V8 calls this
// whenever a stack is first read, also after a run threw, and no contract
// code (a toString, a getter) may run then.
Error.prepareStackTrace = function prepareStackTrace(error, sites) {
  if (running) meter(sites.length * GAS_STACK_FRAME);
  let stack = header(...errorParts(error));
  for (let i = 0; i < sites.length; i++) stack += `\n    at ${describeFrame(sites[i])}`;
  return stack;
};

