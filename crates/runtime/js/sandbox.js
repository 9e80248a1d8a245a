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

const {
  defineProperty,
  freeze,
  getOwnPropertyDescriptor,
  getOwnPropertyNames,
  getPrototypeOf,
  isFrozen,
} = Object;
const { apply, ownKeys } = Reflect;
const { parse: jsonParse, stringify: jsonStringify } = JSON;
const functionToString = Function.prototype.toString;
// Originals of built-ins the libraries wrap with gas charges, for library
// code that may run after a run ended (formatting a thrown error's stack),
// when the meter is off.
const stringSlice = String.prototype.slice;
const stringStartsWith = String.prototype.startsWith;

const typeName = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

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
Number.prototype.toLocaleString = function toLocaleString() {
  return apply(numberToString, this, []);
};
BigInt.prototype.toLocaleString = BigInt.prototype.toString;

// --- ES2022 methods V8 would add only to contexts it makes itself ---------------
//
// V8 installs `at`, `findLast`, `findLastIndex` and `Object.hasOwn` into each
// new context rather than into the snapshot this file runs for, and that
// would fail on a frozen realm: the engine turns them off and they are
// defined here instead, with the standard behaviour.

function relativeIndex(length, index) {
  const n = Math.trunc(Number(index)) || 0;
  return n < 0 ? length + n : n;
}
function defineMethod(target, name, method) {
  defineProperty(target, name, { value: method, writable: true, enumerable: false, configurable: true });
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
let gasLeft = 0;
// Whether a run is in progress (between `entry` starting a call and its
// gas report).
let running = false;

// The cold path, apart so that `meter` stays small enough to inline.
function exhausted() {
  // Where the contract ran out, for the receipt's message: the stack as
  // prepareStackTrace formats it (mapped to the contract's files; no
  // contract code runs). The meter is lifted for that: the run is
  // terminated right after anyway.
  gasLeft = Infinity;
  ops.gas_exhausted(new Error('out of gas').stack);
  // Terminated at the loop's first check: control never returns to the
  // contract, and none of its catch or finally blocks run.
  for (;;) {}
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
function enter(units) {
  if ((gasLeft -= units) < 0) exhausted();
  if (sealing) breakSeal();
  if (++depth > MAX_FUNCTION_DEPTH) {
    // The body's `try` has not begun: its `finally` will not undo this.
    depth--;
    throw new RangeError(`Maximum call depth exceeded: more than ${MAX_FUNCTION_DEPTH} nested function calls`);
  }
}
function leave() {
  depth--;
}

// Odd arguments (negative, NaN) ask for no work: the built-in itself then
// does nothing or throws its usual error. A huge or infinite amount costs
// more gas than any call has.
const cost = (units) => {
  if (!(units > 0)) return 0;
  return units <= Number.MAX_SAFE_INTEGER ? Math.ceil(units) : 1e15;
};
// Work over n characters, or over n items.
const perChars = (n) => 1 + cost(n / 32);
const perItems = (n) => 1 + cost(n);

// Helpers the compiler routes contract code through (its BUNDLE_PARAMS).
// These run on every `+`, `+=` and template: the charge is written out
// (1 per 32 characters, rounded up) to keep them cheap.
function plus(a, b) {
  const result = a + b;
  if (typeof result === 'string' && (gasLeft -= 1 + ((result.length + 31) >>> 5)) < 0) exhausted();
  return result;
}
function sized(value) {
  if (typeof value === 'string' && (gasLeft -= 1 + ((value.length + 31) >>> 5)) < 0) exhausted();
  return value;
}
function str(text) {
  if ((gasLeft -= 3 + ((text.length + 31) >>> 5)) < 0) exhausted();
  return text;
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
    if (name !== 'default' && !Object.prototype.hasOwnProperty.call(exports, name)) {
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
    pending.push(getPrototypeOf(value));
    // A method's only own properties are its `length` and `name` (numbers
    // and strings: cacheable modules cannot redefine them), so freezing it
    // is enough. Reading descriptors is what makes a large class slow.
    const keys = ownKeys(value);
    if (typeof value === 'function' && keys.length === 2 && keys[0] === 'length' && keys[1] === 'name') continue;
    for (const key of keys) {
      const desc = getOwnPropertyDescriptor(value, key);
      if ('value' in desc) {
        const inner = desc.value;
        if ((typeof inner === 'object' && inner !== null) || typeof inner === 'function') pending.push(inner);
      } else {
        pending.push(desc.get, desc.set);
      }
    }
  }
}
// In the order of the compiler's BUNDLE_PARAMS.
const bundleHelpers = [meter, plus, sized, str, esmModule, esmInterop, exportBinding, exportStar, seal, enter, leave];

// Built-ins whose work grows with their input are charged by size before
// they run; `units` (called with the same `this` and arguments) says how much.
function meterMethod(target, name, units) {
  const original = target[name];
  const metered = {
    [name](...args) {
      meter(apply(units, this, args));
      return apply(original, this, args);
    },
  }[name];
  defineProperty(target, name, { value: metered, writable: true, enumerable: false, configurable: true });
}
const lengthOf = (value) => (value !== null && value !== undefined && typeof value.length === 'number' ? value.length : 0);
const thisChars = function thisChars() { return perChars(lengthOf(this)); };
const thisItems = function thisItems() { return perItems(lengthOf(this)); };
const firstArgChars = (text) => perChars(lengthOf(text));

for (const name of ['replace', 'replaceAll', 'split', 'match', 'matchAll', 'search', 'normalize', 'toUpperCase',
  'toLowerCase', 'trim', 'trimStart', 'trimEnd', 'slice', 'substring', 'substr', 'indexOf', 'lastIndexOf',
  'includes', 'startsWith', 'endsWith', 'localeCompare']) {
  meterMethod(String.prototype, name, thisChars);
}
// The locale-free case mappings share the metered methods.
String.prototype.toLocaleUpperCase = String.prototype.toUpperCase;
String.prototype.toLocaleLowerCase = String.prototype.toLowerCase;
meterMethod(String.prototype, 'repeat', function repeat(count) { return perChars(lengthOf(this) * count); });
meterMethod(String.prototype, 'padStart', (length) => perChars(length));
meterMethod(String.prototype, 'padEnd', (length) => perChars(length));
meterMethod(String.prototype, 'concat', function concat(...parts) {
  return perChars(parts.reduce((n, part) => n + String(part).length, lengthOf(this)));
});
meterMethod(String, 'fromCharCode', (...codes) => perItems(codes.length));
meterMethod(String, 'fromCodePoint', (...codes) => perItems(codes.length));
// Methods that call back per item (map, forEach, ...) are charged by the
// callback's own blocks; `push` does bounded work per call. The rest walk
// or copy the whole array.
for (const name of ['indexOf', 'lastIndexOf', 'includes', 'join', 'fill', 'slice', 'reverse', 'flat', 'splice',
  'shift', 'unshift', 'copyWithin']) {
  meterMethod(Array.prototype, name, thisItems);
}
// Building a new array per call costs more than walking one.
const thisItemsTwice = function thisItemsTwice() { return perItems(2 * lengthOf(this)); };
for (const name of ['map', 'filter', 'flatMap']) {
  meterMethod(Array.prototype, name, thisItemsTwice);
}
meterMethod(Array.prototype, 'concat', function concat(...parts) {
  return perItems(parts.reduce((n, part) => n + (Array.isArray(part) ? part.length : 1), lengthOf(this)));
});
meterMethod(Array.prototype, 'sort', function sort() {
  const n = lengthOf(this);
  return perItems(n * Math.ceil(Math.log2(n + 1)));
});
meterMethod(Array, 'of', (...items) => perItems(items.length));

// Built-ins whose work shows only in their result are charged after they run,
// by the result's size: `units(result)`.
function meterResult(target, name, units) {
  const original = target[name];
  const metered = {
    [name](...args) {
      const result = apply(original, this, args);
      meter(units(result));
      return result;
    },
  }[name];
  defineProperty(target, name, { value: metered, writable: true, enumerable: false, configurable: true });
}
const resultItems = (result) => perItems(lengthOf(result));
const resultChars = (result) => perChars(lengthOf(result));
// Array.from of an iterable has no length to charge beforehand.
meterResult(Array, 'from', resultItems);
for (const name of ['keys', 'values', 'entries', 'getOwnPropertyNames', 'getOwnPropertySymbols']) {
  meterResult(Object, name, resultItems);
}
meterResult(Reflect, 'ownKeys', resultItems);
// Digits of a huge BigInt take time to produce.
meterResult(BigInt.prototype, 'toString', resultChars);
// Typed arrays: walking or copying methods are charged by length.
for (const name of ['fill', 'indexOf', 'lastIndexOf', 'includes', 'join', 'slice', 'subarray', 'reverse', 'set',
  'copyWithin', 'sort', 'map', 'filter', 'toString']) {
  meterMethod(TypedArrayPrototype, name, thisItems);
}
for (const Typed of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array]) {
  meterMethod(Typed, 'from', (items) => perItems(lengthOf(items)));
}
// JSON does more per call and per character than string methods.
const GAS_JSON = 30;
meterMethod(JSON, 'parse', (text) => GAS_JSON + cost(lengthOf(text) / 2));
// JSON.stringify's work is known only afterwards: charged by its output.
const stringifyUnmetered = JSON.stringify;
defineProperty(JSON, 'stringify', {
  value: function stringify(...args) {
    const text = apply(stringifyUnmetered, JSON, args);
    if (typeof text === 'string') meter(GAS_JSON + cost(text.length / 2));
    return text;
  },
  writable: true,
  configurable: true,
});
// Every regex search goes through `exec` (String's match, replace, split,
// ... call it per match): each call is charged for the characters it
// scanned, so a global replace costs the string's length once.
const execUnmetered = RegExp.prototype.exec;
defineProperty(RegExp.prototype, 'exec', {
  value: function exec(input) {
    const text = String(input);
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const match = apply(execUnmetered, this, [text]);
    // A sticky search that fails looked only where it stood (split tries
    // every position this way); any other failed search read to the end.
    const end = match !== null ? match.index + match[0].length : this.sticky ? from + 1 : text.length;
    meter(perChars(end - from));
    return match;
  },
  writable: true,
  configurable: true,
});

// --- storage -------------------------------------------------------------------

// A library function that first checks that its leading arguments, named
// `names`, are strings (for messages that name `api` and the argument); it
// passes on one more (the optional `payer`). Written out per arity: these
// run on every storage call.
function stringArgs(api, names, body) {
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
const GAS_EMIT = 60;
const GAS_LOG = 300;
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
// Reading a map's fields is charged per field, and no more are read than
// the call can pay for (nor more than MAX_MAP_FIELDS): `read(limit)` asks
// the host for at most `limit` fields plus one, which tells there are more.
const GAS_MAP_FIELD = 10;
const MAX_MAP_FIELDS = 100000;
function mapFields(api, key, read) {
  const affordable = Math.floor((gasLeft - GAS_READ) / GAS_MAP_FIELD);
  const limit = Math.max(0, Math.min(MAX_MAP_FIELDS, affordable));
  const fields = read(limit);
  meter(GAS_READ + GAS_MAP_FIELD * Math.min(fields.length, limit));
  if (fields.length > limit) {
    // More than the call can pay for: it runs out of gas here.
    if (limit < MAX_MAP_FIELDS) meter(GAS_MAP_FIELD);
    throw new RangeError(`${api}: map '${key}' has more than ${MAX_MAP_FIELDS} fields: read them in parts`);
  }
  return fields;
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
    charged(GAS_WRITE, 2, key, field, value);
    ops.storage_put(key, field, value, checkPayer('storage.mapPut', payer));
  }),
  mapGet: stringArgs('storage.mapGet', ['key', 'field'], (key, field) => read(ops.storage_get(key, field), key, field)),
  mapHas: stringArgs('storage.mapHas', ['key', 'field'], (key, field) => read(ops.storage_has(key, field), key, field)),
  mapDel: stringArgs('storage.mapDel', ['key', 'field'], (key, field) => {
    charged(GAS_WRITE, 2, key, field);
    ops.storage_del(key, field);
  }),
  mapKeys: stringArgs('storage.mapKeys', ['key'],
    (key) => mapFields('storage.mapKeys', key, (limit) => ops.storage_map_keys(key, limit))),
  mapLen: stringArgs('storage.mapLen', ['key'],
    (key) => mapFields('storage.mapLen', key, (limit) => ops.storage_map_keys(key, limit)).length),
  globalHas: stringArgs('storage.globalHas', ['contract', 'key'], (c, key) => read(ops.global_has(c, key, null), key)),
  globalGet: stringArgs('storage.globalGet', ['contract', 'key'], (c, key) => read(ops.global_get(c, key, null), key)),
  globalMapHas: stringArgs('storage.globalMapHas', ['contract', 'key', 'field'],
    (c, key, field) => read(ops.global_has(c, key, field), key, field)),
  globalMapGet: stringArgs('storage.globalMapGet', ['contract', 'key', 'field'],
    (c, key, field) => read(ops.global_get(c, key, field), key, field)),
  globalMapKeys: stringArgs('storage.globalMapKeys', ['contract', 'key'],
    (c, key) => mapFields('storage.globalMapKeys', key, (limit) => ops.global_map_keys(c, key, limit))),
  globalMapLen: stringArgs('storage.globalMapLen', ['contract', 'key'],
    (c, key) => mapFields('storage.globalMapLen', key, (limit) => ops.global_map_keys(c, key, limit)).length),
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
function errorParts(error) {
  const name = ownString(error, 'name') ?? engine.className(error) ?? 'Error';
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
const contentOf = (content) => (typeof content === 'string' ? content : jsonStringify(content) ?? '');

// A call of another contract: Rust checks it and keeps the call stack and the
// journal checkpoint; the callee's method runs here, on the shared meter.
const GAS_CALL = 1000;
function callContract(api, contract, method, args, withAuth) {
  checkString(api, 'contract', contract);
  checkString(api, 'method', method);
  if (draining) {
    throw new Error(`${api}: a promise job cannot call contracts; call ${contract}.${method} from the method itself`);
  }
  const argsJson = typeof args === 'string' ? args : jsonStringify(args === undefined ? [] : args);
  if (typeof argsJson !== 'string') throw new TypeError(`${api}: args must be an array or its JSON text`);
  charged(GAS_CALL, 1 / 32, argsJson);
  // The caller's jobs run as the caller, before the callee is on the stack.
  runJobs();
  const entered = ops.call_enter(contract, method, argsJson, withAuth);
  if (entered.length === 2) {
    // A native contract ran in Rust: [gas it used, result].
    meter(entered[0]);
    return [entered[1]];
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

function inspect(value, seen = []) {
  switch (typeof value) {
    case 'string':
      return jsonStringify(value);
    case 'function':
      return `[Function: ${value.name || '(anonymous)'}]`;
    case 'bigint':
      return `${value}n`;
    case 'object':
      break;
    default:
      return String(value);
  }
  if (value === null) return 'null';
  if (value instanceof Error) return value.stack || String(value);
  if (seen.includes(value)) return '[Circular]';
  seen.push(value);
  let text;
  if (Array.isArray(value)) {
    text = `[ ${value.map((v) => inspect(v, seen)).join(', ')} ]`;
  } else if (value instanceof Map) {
    const entries = [...value].map(([k, v]) => `${inspect(k, seen)} => ${inspect(v, seen)}`);
    text = `Map(${value.size}) {${entries.length === 0 ? '' : ` ${entries.join(', ')} `}}`;
  } else if (value instanceof Set) {
    const entries = [...value].map((v) => inspect(v, seen));
    text = `Set(${value.size}) {${entries.length === 0 ? '' : ` ${entries.join(', ')} `}}`;
  } else {
    const parts = Object.keys(value).map((k) => `${k}: ${inspect(value[k], seen)}`);
    text = parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
  }
  seen.pop();
  return text;
}

const plain = (value) => (typeof value === 'string' ? value : inspect(value));

// Node's util.format: %s %d %i %f %j %o %O %%.
function format(args) {
  if (args.length === 0) return '';
  let next = 1;
  let text;
  if (typeof args[0] === 'string') {
    text = args[0].replace(/%[sdifjoO%]/g, (spec) => {
      if (spec === '%%') return '%';
      if (next >= args.length) return spec;
      const arg = args[next++];
      switch (spec) {
        case '%s': return plain(arg);
        case '%d': return typeof arg === 'bigint' ? `${arg}n` : String(Number(arg));
        case '%i': return typeof arg === 'bigint' ? `${arg}n` : String(parseInt(arg, 10));
        case '%f': return String(parseFloat(arg));
        case '%j':
          try {
            return jsonStringify(arg);
          } catch (e) {
            return '[Circular]';
          }
        default: return inspect(arg);
      }
    });
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
  const name = site.getFunctionName();
  const type = site.isToplevel() || site.isConstructor() ? null : site.getTypeName();
  const method = type !== null && name !== null ? `${type}.${name}` : name;
  const prefix = site.isConstructor() ? 'new ' : '';
  return method === null ? location : `${prefix}${method} (${location})`;
}
// Formatting a frame costs about as much as a host read.
const GAS_STACK_FRAME = 20;
// The header comes from the error's own data properties: V8 calls this
// whenever a stack is first read, also after a run threw, and no contract
// code (a toString, a getter) may run then.
Error.prepareStackTrace = function prepareStackTrace(error, sites) {
  if (running) meter(sites.length * GAS_STACK_FRAME);
  // (Before `bind`, while this file itself runs, there is no engine yet.)
  let stack = engine === undefined ? 'Error' : header(...errorParts(error));
  for (let i = 0; i < sites.length; i++) stack += `\n    at ${describeFrame(sites[i])}`;
  return stack;
};

// --- Freeze the realm ----------------------------------------------------------

// Freezing a prototype would make `obj.toString = f` fail on every object
// inheriting from it (the "override mistake"). For the properties code
// commonly overrides, an accessor defines an own property on the target
// instead, and still refuses to change the intrinsic itself.
function allowOverride(proto, name) {
  const desc = getOwnPropertyDescriptor(proto, name);
  if (desc === undefined || !('value' in desc) || !desc.writable || !desc.configurable) return;
  const { value } = desc;
  defineProperty(proto, name, {
    get() {
      return value;
    },
    set(newValue) {
      if (this === proto) {
        throw new TypeError(`Cannot assign to read only property '${String(name)}' of a frozen built-in`);
      }
      defineProperty(this, name, { value: newValue, writable: true, enumerable: true, configurable: true });
    },
    enumerable: desc.enumerable,
    configurable: false,
  });
}

const overridable = [
  'constructor', 'toString', 'valueOf', 'toLocaleString', 'toJSON', 'name', 'message',
  'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'then', 'catch', 'finally',
];
for (const ctor of [
  Object, Function, Array, Error, EvalError, RangeError, ReferenceError, SyntaxError,
  TypeError, URIError, AggregateError, Promise, Map, Set, RegExp, Number, String, Boolean,
]) {
  for (const name of overridable) allowOverride(ctor.prototype, name);
}

// Intrinsics not reachable by name from the global object.
const hiddenIntrinsics = [
  getPrototypeOf(function* generator() {}),
  getPrototypeOf(async function asyncFunction() {}),
  getPrototypeOf(async function* asyncGenerator() {}),
  getPrototypeOf([][Symbol.iterator]()),
  getPrototypeOf(new Map()[Symbol.iterator]()),
  getPrototypeOf(new Set()[Symbol.iterator]()),
  getPrototypeOf(''[Symbol.iterator]()),
  getPrototypeOf(/./[Symbol.matchAll]('')),
  getPrototypeOf(Uint8Array),
  getOwnPropertyDescriptor(Function.prototype, 'caller').get,
];

// Freezes everything reachable from `roots`, except the object `later`
// (whose properties are frozen all the same).
function harden(roots, later) {
  const seen = new Set();
  const pending = [...roots];
  while (pending.length > 0) {
    const value = pending.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    seen.add(value);
    pending.push(getPrototypeOf(value));
    for (const key of ownKeys(value)) {
      const desc = getOwnPropertyDescriptor(value, key);
      if ('value' in desc) pending.push(desc.value);
      else pending.push(desc.get, desc.set);
    }
    if (value !== later) freeze(value);
  }
}
// V8 adds `Error.stackTraceLimit` to every context it makes from a snapshot,
// so the snapshot must hold `Error` without it, and extensible: `bind`
// freezes it once V8 has added it.
delete Error.stackTraceLimit;
harden([globalThis, ...hiddenIntrinsics], Error);

// --- Contract modules and calls ---------------------------------------------------

// Node's `require` over the bundle's module table: each module is evaluated
// once per call, on its first require; a cycle sees the partly filled exports.
function makeRequire(table, cache, from) {
  return function require(id) {
    if (id === 'storage') return storage;
    if (id === 'blockchain') return blockchain;
    if (typeof id !== 'string' || !Object.prototype.hasOwnProperty.call(table, id)) {
      throw new Error(`Cannot find module '${id}' required from ${from}`);
    }
    const cached = cache.get(id);
    if (cached !== undefined) return cached.exports;
    const module = { exports: {}, id, filename: id, loaded: false, require: makeRequire(table, cache, id) };
    cache.set(id, module);
    const slash = id.lastIndexOf('/');
    const dirname = slash < 0 ? '.' : id.slice(0, slash);
    apply(table[id], module.exports, [module.exports, module.require, module, id, dirname]);
    module.loaded = true;
    return module.exports;
  };
}

// Evaluates fresh instances of the contract's modules; returns its class.
function loadClass(bundle, entryId) {
  const table = apply(bundle, undefined, bundleHelpers);
  return classOf(makeRequire(table, new Map(), entryId)(entryId), entryId);
}

// Evaluates all of a cacheable contract's modules, entry first, then the
// rest in bundle order, and freezes everything they made; returns its class.
function loadCached(bundle, entryId) {
  const table = apply(bundle, undefined, bundleHelpers);
  const cache = new Map();
  sealing = true;
  try {
    const Contract = classOf(makeRequire(table, cache, entryId)(entryId), entryId);
    for (const id of Object.keys(table)) makeRequire(table, cache, id)(id);
    freezeAll([...cache.values()]);
    return Contract;
  } finally {
    sealing = false;
  }
}

// The contract class a module exports.
function classOf(exported, entryId) {
  const Contract = exported !== null && typeof exported === 'object' && exported.__esModule
    ? exported.default
    : exported;
  if (typeof Contract !== 'function' || typeof Contract.prototype !== 'object') {
    throw new TypeError(`${entryId} must export the contract class (module.exports = class ... or ` +
      `export default class ...), but it exports ${typeName(Contract)}`);
  }
  return Contract;
}

// Parameter names of a method, from its source; null when not plain names.
function paramNames(method) {
  const match = /^[^(]*\(([^)]*)\)/.exec(apply(functionToString, method, []));
  if (match === null) return null;
  const params = match[1].split(',').map((p) => p.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').split('=')[0].trim())
    .filter((p) => p !== '');
  return params.every((p) => /^[A-Za-z_$][\w$]*$/.test(p)) ? params : null;
}

// The methods of a contract class, own and inherited, for the ABI.
function describe(Contract) {
  const methods = [];
  const seen = new Set(['constructor']);
  for (let proto = Contract.prototype; proto !== null && proto !== Object.prototype; proto = getPrototypeOf(proto)) {
    for (const name of getOwnPropertyNames(proto)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const desc = getOwnPropertyDescriptor(proto, name);
      if (typeof desc.value === 'function') {
        methods.push({ name, length: desc.value.length, params: paramNames(desc.value) });
      }
    }
  }
  return { methods };
}

// A call's return value as the receipt's `return` string.
function formatResult(value) {
  switch (typeof value) {
    case 'string':
      return value;
    case 'undefined':
      return '';
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      if (value instanceof Promise) {
        throw new TypeError('the method returned a Promise: contract methods must be synchronous');
      }
      return sized(jsonStringify(value) ?? '');
  }
}

// The contracts loaded in this sandbox, by the number the host gave their
// bundle: the bundle function,
// whether its modules may be cached, and once they are, the class and the gas
// their evaluation took.
const bundles = new Map();

// The class of a contract for a call. A cacheable contract's modules are
// evaluated once per sandbox and every call is charged the gas that took, so
// a cold and a warm sandbox charge the same; any other contract's modules
// are evaluated afresh for each call.
function contractClass(code, entryId) {
  if (code.cacheable && code.Contract === undefined) cacheModules(code, entryId);
  if (!code.cacheable) return loadClass(code.bundle, entryId);
  meter(code.gas);
  return code.Contract;
}

// The budget for evaluating a cacheable contract's modules once (as much as
// a deploy gives them to learn the class).
const MODULE_GAS = 10000000;

// Evaluates a cacheable contract's modules for this sandbox, on a meter of
// their own: every call, the first on this sandbox included, is then charged
// the same `code.gas` the same way, so no receipt says whether the sandbox
// was warm. Modules that throw are charged what they used and never cached;
// modules that ran the contract's code (see `breakSeal`) are not cached
// either, at no charge: the call evaluates them afresh like any other.
function cacheModules(code, entryId) {
  const callGas = gasLeft;
  gasLeft = MODULE_GAS;
  sealBroken = false;
  let Contract;
  let failure;
  let threw = false;
  try {
    Contract = loadCached(code.bundle, entryId);
  } catch (thrown) {
    threw = true;
    failure = thrown;
  }
  const used = MODULE_GAS - gasLeft;
  gasLeft = callGas;
  if (sealBroken) {
    code.cacheable = false;
    return;
  }
  if (threw) {
    meter(used);
    throw failure;
  }
  code.Contract = Contract;
  code.gas = used;
}

// Runs `method` with the JSON array `argsJson` on a fresh instance of the
// contract class; returns the result text.
function runMethod(bundle, entryId, method, argsJson) {
  const Contract = contractClass(bundles.get(bundle), entryId);
  const instance = new Contract();
  const fn = instance[method];
  if (typeof fn !== 'function') {
    throw new TypeError(`the contract class has no method '${method}'`);
  }
  return formatResult(apply(fn, instance, jsonParse(argsJson)));
}

// kind 'register' / 'forget': a contract's bundle function was compiled /
// evicted. kind 'abi': the class's methods as JSON; kind 'call': runs a
// method (runMethod); kind 'gas': the gas the last run used (when the run
// did not report it). A run may use `gasLimit` gas, its promise jobs
// included: they run before it returns.
let gasLimitOfRun = 0;
function entry(kind, bundle, entryId, method, argsJson, gasLimit) {
  switch (kind) {
    case 'register':
      bundles.set(bundle, { bundle: entryId, cacheable: method, Contract: undefined, gas: 0 });
      return undefined;
    case 'forget':
      bundles.delete(bundle);
      return undefined;
    case 'gas':
      return gasLimitOfRun - gasLeft;
    default:
  }
  frame = { block: undefined, tx: undefined };
  gasLimitOfRun = gasLimit;
  gasLeft = gasLimit;
  running = true;
  depth = 0;
  draining = false;
  const mark = engine.rejectionMark();
  let result;
  let failed = true;
  try {
    result = kind === 'abi'
      ? jsonStringify(describe(loadClass(bundles.get(bundle).bundle, entryId)))
      : runMethod(bundle, entryId, method, argsJson);
    failed = false;
  } finally {
    try {
      settle(mark, failed);
    } finally {
      // Saves the host asking. A thrown error leaves for the host as it is:
      // the host reads only its own data properties.
      ops.gas_report(gasLimitOfRun - gasLeft);
      gasLeft = 0;
      running = false;
    }
  }
  return result;
}

let bound = false;
return function bind(hostOps, engineOps) {
  if (bound) throw new Error('the sandbox is bound already');
  bound = true;
  for (const name of ownKeys(hostOps)) ops[name] = hostOps[name];
  engine = engineOps;
  defineProperty(Error, 'stackTraceLimit', { writable: false, configurable: false });
  freeze(Error);
  return entry;
};
