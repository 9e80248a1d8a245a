// --- Built-ins, bounded by the gas they charge ----------------------------------
//
// Part of the class libraries (after sandbox.js, before inventory.js and
// realm.js). Every built-in whose work grows with something a contract
// controls is replaced here by a wrapper that
//
// 1. coerces `this` and each argument to a primitive (or takes a genuine
//    array, typed array or string whose length cannot change under it)
//    exactly once, running any contract `toString`/`valueOf`/getter once;
// 2. measures those primitives, refuses sizes over the limits below (V8
//    runs these loops without interrupt checks: a deadline cannot stop
//    them), and charges the gas for the whole work before it starts;
// 3. calls the original built-in with what it measured, so it cannot read
//    a different length or text than the one charged for.
//
// Built-ins that drain an iterable get its values from a metered loop first,
// and run over a fresh array. inventory.js classifies every function a
// contract can reach; realm.js checks that each `charged` one was replaced
// here and removes any built-in the inventory does not know. The costs are in
// docs/gas.md; the limits are in docs/contract-api.md.

// Most items one built-in call may walk: an array's or array-like's length,
// an iterable's steps, the characters turned into keys.
const MAX_ITEMS = 2 ** 19;
// Longest string a contract can make (`+`, templates, built-ins).
const MAX_STRING = 2 ** 21;
// Most values one call may receive from a spread or apply.
const MAX_SPREAD = 4096;
// Deepest nesting a built-in may follow (JSON, nested joins, flat).
const MAX_NESTING = 256;
// Longest pattern of a RegExp made at run time.
const MAX_PATTERN = 2048;
// Largest BigInt, in bits, that a contract may hold (made, parsed or
// formatted): enough for products of 4096-bit numbers. The compiler's
// MAX_BIGINT_LITERAL_DIGITS keeps literals under it.
const MAX_BIGINT_BITS = 2 ** 13;
// Longest chain of proxies over proxies.
const MAX_PROXY_DEPTH = 64;
// Longest prototype chain a contract may build with setPrototypeOf and
// Object.create (and every other way: `checkChain`). An index an object
// does not hold is looked up on each link, ~2-80 ns a link with a table
// of elements, and no inline cache remembers a miss: red team round 50's
// reads of holes under 124 such links ran at ~220 ns a gas; 32 links
// bound that to a quarter.
const MAX_PROTOTYPE_CHAIN = 32;

// Gas per character compiled into a RegExp (compiling costs far more than
// scanning).
const GAS_PATTERN_CHAR = 300;
// JSON does more per call and per character than string methods.
const GAS_JSON = 30;
// A value JSON.stringify visits (through a replacer: slower than V8 alone).
const GAS_JSON_VALUE = 40;
// Each key of a replacer list JSON.stringify looks up in an object it
// visits, and copies if found (~50-100 ns: a lookup of one of many keys).
const GAS_JSON_PICKED_KEY = 32;
const GAS_JSON_REPLACER = 150;
// Each character JSON.stringify writes past those it was charged for.
const GAS_JSON_ESCAPE = 1;
// Adding an entry to a Map or Set, or visiting one.
const GAS_COLLECTION_ITEM = 10;
// Each value V8 reads from an iterator (a spread, a built-in draining an
// iterable): its `next` is counted like any built-in, so V8's fast path over
// arrays is off and every step is a call (~19 ns a step through the
// library's `next` of an array iterator).
const GAS_ITERATION_STEP = 8;
// A property V8 defines from a descriptor (`Object.defineProperty` and its
// kin): ~350 ns in V8 alone (Node 20), ~750 ns with the library's copy of
// the descriptor, ~3.7 us each of 100,000 indices defined on an array (red
// team round 30: 160 ns a gas at a call's 8 gas).
const GAS_DEFINE_PROPERTY = 256;
// An object converted to a primitive by the library (its `valueOf` and
// `toString` looked up and called: ~300 ns through the realm's natives),
// besides any contract code they run.
const GAS_TO_PRIMITIVE = 32;
// Each item a typed array takes from a list: V8 reads an array-like by
// index, ~85 ns an item in a realm whose prototypes are frozen.
const GAS_TYPED_ITEM = 2;
// Each item of the library's own `map`, `filter`, `slice`, `splice` for an
// array with a species of its own, and each key `Object.assign` writes
// through the library (~100-800 ns: listed, checked, then written).
const GAS_LIBRARY_ITEM = 16;
const GAS_ASSIGNED_KEY = 128;
// Each own key of an object a built-in lists or copies (Object.keys, assign,
// `{...o}`, for...in, JSON's keys it does not show): V8 takes ~5 ns a key
// in a small object and 150-650 ns a key in one of hundreds (listing them;
// defining each in a new object too, twice the charge: a spread or a rest
// element of 20,000 keys, ~400 ns a key). The first 16 keys are cheap.
const GAS_KEY_SMALL = 2;
const GAS_KEY = 64;
const SMALL_KEYS = 16;
const ownKeysCharge = (count) => (count <= SMALL_KEYS ? count * GAS_KEY_SMALL
  : SMALL_KEYS * GAS_KEY_SMALL + (count - SMALL_KEYS) * GAS_KEY);
// Each key made of an index (an array's or a typed array's item, a string's
// character): V8 makes a string of it, ~90-170 ns listed (keys, names,
// for...in), ~300-460 ns copied into a new object or pair (entries, a
// spread, assign: three times the charge), all in one step nothing
// interrupts: at most MAX_INDEX_KEYS a call (Object.entries of 16,384
// items: ~7.5 ms; of 500,000 it was 0.75 s).
const GAS_INDEX_KEY = 24;
const MAX_INDEX_KEYS = 2 ** 14;
function indexKeysCharge(api, count, copies) {
  if (count > MAX_INDEX_KEYS) throw overLimit(api, 'lists the keys of', count, `${MAX_INDEX_KEYS} items`);
  return count * GAS_INDEX_KEY * (copies ? 3 : 1);
}
// Each Unicode property class (`\p{...}`) a `u` regex compiles; three times
// that with `i`, which case-folds the whole set.
const GAS_UNICODE_CLASS = 50000;
// Each trap V8 looks up on a proxy's handler, found or not (a library
// call, then V8's own step to the target when there is no trap).
const GAS_PROXY_TRAP = 20;
// A descriptor a proxy's `getOwnPropertyDescriptor` trap answers.
const GAS_DESCRIPTOR_ANSWER = 128;
// Each join: the library's own work (each item read once, the cycle and
// nesting checks), calibrated against the median workload.
const GAS_JOIN = 40;
// Each match a replace makes its replacement for, in the library.
const GAS_REPLACE_MATCH = 100;
// Each position a split by a regex tries, in the library.
const GAS_SPLIT_STEP = 15;
// Each exec of a regex, whatever it scanned (the library's own steps and
// the twin's search: ~0.4 us).
const GAS_EXEC = 30;
// Each character an exec scans, in 32nds of a gas; and each its match
// takes, 48 more: a repetition in a twin steps each character it takes as
// a choice it may come back to, ~9 ns a character (`/a+/` on 1 MiB: 4.6x
// the median at half a gas a character, 2026-12-05).
const EXEC_CHAR_WORK = 16;
const EXEC_MATCH_WORK = 48;
// Each twin a bounded regex search makes (made and compiled to machine
// code: ~5 us, plus GAS_PATTERN_CHAR a character).
const GAS_TWIN = 1500;
// Parsing or formatting a BigInt's decimal digits is quadratic in them: one
// gas per this many squared digits.
const GAS_BIGINT_DIGITS_SQUARED_PARSE = 2500;
const GAS_BIGINT_DIGITS_SQUARED_FORMAT = 800;
// V8 multiplies and divides BigInts in at most (words of one) x (words of the
// other) steps of 64 bits (a product's are at most its words squared / 4);
// a power in about the square of its result's words (the last squaring
// dominates). Measured with `v8vm bench` (gas rows).
const BIGINT_WORDS_MULTIPLIED_PER_GAS = 4;
const BIGINT_PRODUCT_WORDS_SQUARED_PER_GAS = 16;
// A product over the limit, refused after V8 made it: two operands of at
// most the limit make at most twice its words.
const GAS_BIGINT_LARGEST_PRODUCT = (2 * MAX_BIGINT_BITS / 64) ** 2 / BIGINT_PRODUCT_WORDS_SQUARED_PER_GAS;
const BIGINT_POWER_WORDS_SQUARED_PER_GAS = 8;
// Any operator on BigInts through the library: its conversions and V8's
// runtime calls take 0.1-0.4 us whatever the size (measured with `v8vm
// bench`, the BigInt calibration row).
const GAS_BIGINT_OPERATION = 8;

const objectSetPrototypeOf = Object.setPrototypeOf;
const objectKeys = Object.keys;
const stringIncludesOriginal = String.prototype.includes;
const stringRepeat = String.prototype.repeat;
const NumberOf = Number;
const OriginalString = String;
const objectIs = Object.is;
const { propertyIsEnumerable } = Object.prototype;
// ToString, once: an object converted (hint string) once, and a BigInt's
// decimal formatting charged first (quadratic in its digits: ~120 us at the
// 8,192-bit cap for one gas of syntax, red team round 20).
function StringOf(value) {
  const primitive = isObject(value) ? toPrimitive(value, 'string') : value;
  if (typeof primitive === 'bigint') chargeBigIntText(primitive);
  else if (typeof primitive === 'number') chargeNumberText(primitive);
  return OriginalString(primitive);
}
const ObjectOf = Object;
const { getOwnPropertyDescriptor: reflectDescriptor, defineProperty: reflectDefine, deleteProperty: reflectDeleteProperty } = Reflect;
const typedLength = getOwnPropertyDescriptor(TypedArrayPrototype, 'length').get;
const typedTag = getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
const typedBuffer = getOwnPropertyDescriptor(TypedArrayPrototype, 'buffer').get;
const typedByteOffset = getOwnPropertyDescriptor(TypedArrayPrototype, 'byteOffset').get;
// V8's own typed array constructors, by their tag (before they are wrapped).
const typedConstructors = { __proto__: null };
for (const name of ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'Float32Array', 'Float64Array']) {
  typedConstructors[name] = globalThis[name];
}
const arrayJoin = Array.prototype.join;

// The originals this file replaced (realm.js checks each `charged` built-in
// of the inventory is among them).
const replacedBuiltIns = new Map();

// Replaces `target[name]` (a method) with `make(original)`, keeping the
// original's name and length.
function replaceMethod(target, name, make) {
  return replaceMethodBy(target, name, (original) => counted(make(original)));
}
// As replaceMethod, with `make(original)` as the wrapper itself: for wrappers
// that, like the operators' helpers, call no contract code but conversions
// (a counted call of its own).
function replaceMethodBy(target, name, make) {
  const desc = getOwnPropertyDescriptor(target, name);
  const original = desc.value;
  const wrapper = make(original);
  defineProperty(wrapper, 'name', { value: original.name, configurable: true });
  defineProperty(wrapper, 'length', { value: original.length, configurable: true });
  defineProperty(target, name, { value: wrapper, writable: desc.writable, enumerable: desc.enumerable,
    configurable: desc.configurable });
  replacedBuiltIns.set(original, wrapper);
  return wrapper;
}

// Replaces the global constructor `name` by `make(original)`, a function
// that constructs through the original (so instances, subclasses and
// `instanceof` are as before), with the original's statics and prototype.
function replaceConstructor(name, make) {
  const original = globalThis[name];
  const wrapper = countedConstructor(make(original));
  for (const key of ownKeys(original)) {
    if (key === 'prototype' || key === 'length' || key === 'name') continue;
    defineProperty(wrapper, key, getOwnPropertyDescriptor(original, key));
  }
  if (original.prototype !== undefined) {
    // (Proxy has none.)
    defineProperty(wrapper, 'prototype', { value: original.prototype, writable: false, enumerable: false,
      configurable: false });
    defineProperty(original.prototype, 'constructor', { value: wrapper, writable: true, enumerable: false,
      configurable: true });
  } else {
    wrapper.prototype = undefined;
  }
  defineProperty(wrapper, 'name', { value: name, configurable: true });
  defineProperty(wrapper, 'length', { value: original.length, configurable: true });
  objectSetPrototypeOf(wrapper, getPrototypeOf(original));
  defineProperty(globalThis, name, { value: wrapper, writable: true, enumerable: false, configurable: true });
  replacedBuiltIns.set(original, wrapper);
  return wrapper;
}

// --- Coercion, once --------------------------------------------------------------

// Whether `levels` more levels of native recursion fit under the call-depth
// limit, with the contract calls and other built-ins' levels in progress.
function checkNesting(api, levels) {
  const total = depth + nativeDepth + levels;
  if (total > MAX_FUNCTION_DEPTH) {
    throw new RangeError(`${api}: nesting ${total} deep with the calls in progress, over the limit of ` +
      `${MAX_FUNCTION_DEPTH}`);
  }
}

function overLimit(api, what, size, limit) {
  return new RangeError(`${api}: ${what} ${size}, over the limit of ${limit}`);
}
function checkItems(api, count) {
  if (count > MAX_ITEMS) throw new RangeError(`${api}: ${count} items, over the limit of ${MAX_ITEMS}`);
  return count;
}
function checkChars(api, length) {
  if (length > MAX_STRING) {
    throw new RangeError(`${api}: a string of ${length} characters, over the limit of ${MAX_STRING}`);
  }
  return length;
}
// ToString, once.
const textOf = (value) => (typeof value === 'string' ? value : StringOf(value));
// The `this` of a String method, as a string.
function thisText(api, value) {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) throw new TypeError(`${api} called on null or undefined`);
  return StringOf(value);
}
// ToIntegerOrInfinity, once (`+` throws for a BigInt or a Symbol, as the spec's ToNumber does).
function integerOf(value) {
  const n = typeof value === 'number' ? value : positive(value);
  return n !== n ? 0 : trunc(n);
}
// ToLength, once.
const lengthOf = (value) => min(max(integerOf(value), 0), Number.MAX_SAFE_INTEGER);
const isTypedArray = (value) => apply(typedTag, value, []) !== undefined;
// Brand checks: whether a value has a built-in's internal slots (a class
// merely named like it does not, nor does a proxy).
const brandOf = (value) => (isObject(value) ? engine.brand(value) : undefined);
const isArrayBuffer = (value) => brandOf(value) === 'ArrayBuffer';
const isRegExpObject = (value) => brandOf(value) === 'RegExp';
const isStringObject = (value) => brandOf(value) === 'String';
const isNumberObject = (value) => brandOf(value) === 'Number';
const stringValueOf = String.prototype.valueOf;
const isObject = (value) => (typeof value === 'object' && value !== null) || typeof value === 'function';

// The items of an array-like for a built-in to walk: `[items, length]`,
// where `items` is `value` itself if the built-in will read the same length
// again (a genuine array, a string, or an object whose `length` is a plain
// own number), else a copy of its items read once (a proxy, a `length`
// getter or an inherited `length`: `mutates` built-ins refuse those).
function arrayLike(api, value, mutates, walks = true) {
  if (value === null || value === undefined) throw new TypeError(`${api} called on null or undefined`);
  if (typeof value === 'string') return [value, checkItems(api, value.length)];
  const kind = engine.kind(value);
  const links = walks ? linksOf(value) : 0;
  if (kind === 'array') return [value, chainWalked(checkItems(api, value.length), links)];
  if (kind !== 'proxy' && isObject(value)) {
    const own = getOwnPropertyDescriptor(value, 'length');
    if (own !== undefined && 'value' in own && typeof own.value === 'number') {
      return [value, chainWalked(checkItems(api, lengthOf(own.value)), links)];
    }
  }
  if (mutates) {
    throw new TypeError(`${api} works on arrays and on objects with a plain numeric length, not on a proxy or a ` +
      'length getter');
  }
  const object = ObjectOf(value);
  const length = chainWalked(checkItems(api, lengthOf(object.length)), links);
  meter(perItems(length));
  const copy = [];
  copy.length = length;
  for (let k = 0; k < length; k++) if (k in object) copy[k] = object[k];
  return [copy, length];
}

// The objects on every chain a checked path gave an object (`checkChain`).
// One of them given a new prototype would lengthen the chains below it,
// which the check cannot see (red team round 41: the top of a chain
// re-parented onto a fresh object 40,000 times made a chain of 40,000
// links): that is refused. An object not marked has below it only what V8
// linked by itself, one level of instances (of a function whose own
// `prototype` it is): any object a checked path put below those would have
// marked it. Re-parenting it lengthens those instances' chains to the new
// one's 32, no further. (The set outlives a call, as the cached modules
// do: theirs are frozen, and a non-extensible object is refused by V8
// first, in its own words.)
const prototypes = new WeakSet();
// An index an object does not hold (a hole) is looked up on each object of
// its prototype chain, and one that holds elements keeps them in a table:
// ~2-80 ns a link (red team round 50: a forEach over 2^19 holes under 124
// such links, 9.7 us a gas, ~5 s past any deadline in one call). A
// built-in walking `length` items pays GAS_ELEMENT_LINK an item for each
// contract object on the chain (the realm's own prototypes hold none).
const GAS_ELEMENT_LINK = 24;
// Each is marked a prototype (`prototypes`), so that no callback can give it
// a new prototype mid-walk (red team round 51: a class's `prototype`
// re-parented under 29 links of element tables from a forEach callback).
function contractLinks(object) {
  let links = 0;
  for (let p = getPrototypeOf(object); p !== null && !apply(weakSetHas, realmObjects, [p]); p = getPrototypeOf(p)) {
    apply(weakSetAdd, prototypes, [p]);
    links++;
  }
  return links;
}
// The contract objects a walk of `object`'s items may meet on its chain: an
// array's (which keeps its prototype: `checkReparent`); the most any chain
// may have for another object, which a callback or a getter could give a
// new prototype mid-walk; none for a proxy, whose traps are charged calls.
function linksOf(object) {
  if (!isObject(object)) return 0;
  if (keepsPrototype(object)) return contractLinks(object);
  return engine.kind(object) === 'proxy' ? 0 : MAX_PROTOTYPE_CHAIN - 2;
}
// An array or an arguments object (`checkReparent`).
function keepsPrototype(object) {
  return engine.kind(object) === 'array' || brandOf(object) === 'Arguments';
}
// `length` items walked under `links` contract objects, charged.
function chainWalked(length, links) {
  if (links > 0) meter(perItems(length * links * GAS_ELEMENT_LINK));
  return length;
}

// Whether V8 iterates `value` through the frozen array iterator: a genuine
// array with no iterator of its own (no contract code runs).
function isPlainArray(value) {
  return engine.kind(value) === 'array' && getOwnPropertyDescriptor(value, Symbol.iterator) === undefined;
}

// The values an iterable yields, from a metered loop (so a built-in that
// drains it runs over a fresh array, and an endless iterator runs out of gas).
function valuesOf(api, iterable) {
  // A genuine array iterates through its (frozen) iterator: no contract code.
  if (isPlainArray(iterable)) {
    meter(perItems(checkItems(api, iterable.length) * GAS_ITERATION_STEP));
    return iterable;
  }
  const values = [];
  for (const value of iterable) {
    meter(GAS_ITERATION_STEP);
    if (values.length >= MAX_ITEMS) throw overLimit(api, 'reads more than', MAX_ITEMS, `${MAX_ITEMS} items`);
    pushTo(values, value);
  }
  return values;
}

// An argument list for apply, construct or a spread: a fresh array (or the
// genuine array itself) of at most MAX_SPREAD values.
function argumentList(api, list) {
  if (!isObject(list)) {
    if (list === null || list === undefined) return [];
    throw new TypeError(`${api}: the argument list must be an object`);
  }
  const [items, length] = arrayLike(api, list, false);
  if (length > MAX_SPREAD) throw overLimit(api, 'passes', length, `${MAX_SPREAD} arguments`);
  meter(perItems(length));
  return items === list && engine.kind(list) === 'array' ? list : apply(arraySliceOriginal, items, [0, length]);
}

// --- Strings ---------------------------------------------------------------------

// A search for a `m`-character needle in `n` characters: linear for short
// needles, up to n x m character comparisons for long ones.
const searchCost = (n, m) => perChars(n) + cost((n * m) / 1024);
// IsRegExp: where String methods refuse a regex.
function isRegExp(value) {
  if (!isObject(value)) return false;
  const matcher = value[Symbol.match];
  return matcher !== undefined ? !!matcher : isRegExpObject(value);
}

// Methods that read `this` and search it for a string argument.
for (const name of ['indexOf', 'lastIndexOf', 'includes', 'startsWith', 'endsWith']) {
  const api = `String.prototype.${name}`;
  const refusesRegExp = name !== 'indexOf' && name !== 'lastIndexOf';
  replaceMethod(stringProto, name, (original) => ({
    [name](search, position) {
      const s = thisText(api, this);
      if (refusesRegExp && isRegExp(search)) throw new TypeError(`${api}: the argument must not be a regular expression`);
      const needle = textOf(search);
      const at = position === undefined ? undefined : positive(position);
      meter(searchCost(s.length, needle.length));
      return apply(original, s, [needle, at]);
    },
  })[name]);
}
// V8 maps the case of Latin-1 text whose mapping stays Latin-1 by a table
// (~1.8 ns a character at most, with the search below, 6/32 of a gas in
// all); text with any other character goes through ICU's full mapping, or
// a slow path of V8's own, 3-35 ns a character ('\u0149', 'ﬃ', 'ΐ' grow
// into two or three; red team round 48: ~170 ns a gas; round 49: 'µ',
// 'ß' and 'ÿ' upper-case past Latin-1, ~35 ns a gas): GAS_WIDE_CASE a
// character.
const slowUpperCase = /[\xb5\xdf\xff\u0100-\uffff]/;
const slowLowerCase = /[\u0100-\uffff]/;
const GAS_WIDE_CASE = 8;
// Methods that walk `this` once and make a string of about its size. The
// trims test each character against Unicode's spaces, ~3 ns a character
// in a two-byte string of them (red team round 26): a gas a character.
for (const [name, growth, work] of [['toUpperCase', 3, 6], ['toLowerCase', 3, 6], ['trim', 1, 32], ['trimStart', 1, 32],
  ['trimEnd', 1, 32]]) {
  const api = `String.prototype.${name}`;
  const slowCase = name === 'toUpperCase' ? slowUpperCase : name === 'toLowerCase' ? slowLowerCase : undefined;
  replaceMethod(stringProto, name, (original) => ({
    [name]() {
      const s = thisText(api, this);
      checkChars(api, s.length * growth);
      meter(perChars(s.length * work));
      if (slowCase !== undefined && apply(regExpExec, slowCase, [s]) !== null) meter(perItems(s.length * GAS_WIDE_CASE));
      return apply(original, s, []);
    },
  })[name]);
}
// The locale-free case mappings are the same methods.
defineProperty(stringProto, 'toLocaleUpperCase', { value: stringProto.toUpperCase, writable: true, configurable: true });
defineProperty(stringProto, 'toLocaleLowerCase', { value: stringProto.toLowerCase, writable: true, configurable: true });
// Slices share their characters: bounded work.
for (const name of ['slice', 'substring', 'substr', 'at', 'charAt', 'charCodeAt', 'codePointAt']) {
  const api = `String.prototype.${name}`;
  replaceMethod(stringProto, name, (original) => ({
    [name](start, end) {
      const s = thisText(api, this);
      const from = start === undefined ? undefined : positive(start);
      const to = end === undefined ? undefined : positive(end);
      meter(1);
      return apply(original, s, [from, to]);
    },
  })[name]);
}
replaceMethod(stringProto, 'repeat', (original) => ({
  repeat(count) {
    const s = thisText('String.prototype.repeat', this);
    const times = integerOf(count);
    if (times > 0 && s.length > 0) checkChars('String.prototype.repeat', s.length * times);
    meter(perChars(s.length * max(times, 0)));
    return apply(original, s, [times]);
  },
}).repeat);
for (const name of ['padStart', 'padEnd']) {
  const api = `String.prototype.${name}`;
  replaceMethod(stringProto, name, (original) => ({
    [name](maxLength, fillString) {
      const s = thisText(api, this);
      const length = lengthOf(maxLength);
      const fill = fillString === undefined ? undefined : textOf(fillString);
      if (length > s.length) checkChars(api, length);
      meter(perChars(length));
      return apply(original, s, [length, fill]);
    },
  })[name]);
}
replaceMethod(stringProto, 'concat', (original) => ({
  concat(...parts) {
    const s = thisText('String.prototype.concat', this);
    const texts = [];
    let length = s.length;
    for (let i = 0; i < parts.length; i++) {
      texts[i] = textOf(parts[i]);
      length += texts[i].length;
    }
    checkChars('String.prototype.concat', length);
    meter(perChars(length) + perItems(parts.length));
    return apply(original, s, texts);
  },
}).concat);
replaceMethod(stringProto, 'normalize', (original) => ({
  normalize(form) {
    const s = thisText('String.prototype.normalize', this);
    const f = form === undefined ? undefined : textOf(form);
    // A compatibility decomposition can make 18 characters of one, ~60 ns
    // a character for '\uFDFA' (red team round 48: 30 ns a gas at 4 a
    // character); NFC and NFD up to ~30 ns in the sandbox (round 49:
    // '\u1e9b\u0323' 7-8 ns a gas at 4).
    checkChars('String.prototype.normalize', s.length * 18);
    const compatibility = f === 'NFKC' || f === 'NFKD';
    meter(perItems(s.length * (compatibility ? GAS_COMPATIBILITY_CHAR : GAS_CANONICAL_CHAR)));
    chargeMarkRuns(s);
    return apply(original, s, [f]);
  },
}).normalize);
const GAS_COMPATIBILITY_CHAR = 24;
const GAS_CANONICAL_CHAR = 10;
// ICU puts a run of combining marks in canonical order one insertion at a
// time, in one step nothing interrupts: time square in the run's length
// (red team round 48: a run of 116,000 marks, 5.3 s past any deadline for
// 473,000 gas; runs of 1,000, 43x the median a gas). Runs of 16 marks or
// more are found first (one search), each charged its length squared / 8
// (~0.34 ns each), and one over 4,096 refused (~6 ms).
const markRun = /\p{M}{16,}/gu;
const MAX_MARK_RUN = 4096;
function chargeMarkRuns(text) {
  markRun.lastIndex = 0;
  for (let found = apply(regExpExec, markRun, [text]); found !== null; found = apply(regExpExec, markRun, [text])) {
    const run = found[0].length;
    if (run > MAX_MARK_RUN) throw overLimit('String.prototype.normalize', 'meets a run of', run, `${MAX_MARK_RUN} combining marks`);
    meter(cost((run * run) / 8));
  }
}
replaceMethod(stringProto, 'localeCompare', () => ({
  localeCompare(that) {
    const a = thisText('String.prototype.localeCompare', this);
    const b = textOf(that);
    // Up to the shorter's length, two-byte strings too (round 26).
    meter(perChars(min(a.length, b.length) * 16));
    return a < b ? -1 : a > b ? 1 : 0;
  },
}).localeCompare);
// The HTML methods: `<tag attr="value">text</tag>`.
for (const name of ['anchor', 'fontcolor', 'fontsize', 'link']) {
  const api = `String.prototype.${name}`;
  replaceMethod(stringProto, name, (original) => ({
    [name](attribute) {
      const s = thisText(api, this);
      const value = textOf(attribute);
      // Quotes in the value become `&quot;`.
      checkChars(api, s.length + value.length * 6 + 30);
      meter(perChars(s.length + value.length * 6));
      return apply(original, s, [value]);
    },
  })[name]);
}
// --- Replacing ---------------------------------------------------------------------

// A string being made from pieces (a replace's output): each piece counted
// against MAX_STRING as it is added, the whole charged once, by its length.
function newOutput(api) {
  return { api, pieces: [], chars: 0 };
}
function addOutput(out, piece) {
  out.chars += piece.length;
  checkChars(out.api, out.chars);
  pushTo(out.pieces, piece);
}
function output(out) {
  meter(perChars(out.chars));
  return apply(arrayJoin, out.pieces, ['']);
}

// What a replacement template makes for one match (the spec's
// GetSubstitution, with V8's reading of `$n`, `$nn` and `$<name>`):
// `$$`, `$&` (the match), `` $` `` (the text before it), `$'` (the text
// after it), `$1`..`$99` (captures) and `$<name>` (named groups, when the
// match has `groups`). Anything else after a `$` leaves it as it is.
function substitution(api, template, matched, text, position, captures, groups) {
  let at = apply(stringIndexOf, template, ['$']);
  if (at < 0) return template;
  // The template is read again for every match.
  meter(perChars(template.length));
  const out = newOutput(api);
  let literal = 0;
  while (at >= 0 && at + 1 < template.length) {
    meter(1);
    const c = template[at + 1];
    let piece;
    let next = at + 2;
    if (c === '$') {
      piece = '$';
    } else if (c === '&') {
      piece = matched;
    } else if (c === '`') {
      piece = apply(stringSlice, text, [0, position]);
    } else if (c === "'") {
      piece = apply(stringSlice, text, [min(position + matched.length, text.length)]);
    } else if (c >= '0' && c <= '9') {
      let index = +c;
      const d = template[at + 2];
      if (d !== undefined && d >= '0' && d <= '9' && index * 10 + +d <= captures.length) {
        index = index * 10 + +d;
        next = at + 3;
      }
      if (index !== 0 && index <= captures.length) piece = captures[index - 1] ?? '';
    } else if (c === '<' && groups !== undefined) {
      const close = apply(stringIndexOf, template, ['>', at + 2]);
      if (close >= 0) {
        const value = groups[apply(stringSlice, template, [at + 2, close])];
        piece = value === undefined ? '' : textOf(value);
        next = close + 1;
      }
    }
    if (piece === undefined) {
      // A `$` that stands for itself.
      at = apply(stringIndexOf, template, ['$', at + 1]);
      continue;
    }
    addOutput(out, apply(stringSlice, template, [literal, at]));
    addOutput(out, piece);
    literal = next;
    at = apply(stringIndexOf, template, ['$', next]);
  }
  addOutput(out, apply(stringSlice, template, [literal]));
  return output(out);
}

// The HTML methods without an attribute: `<tag>text</tag>`.
for (const [name, tag] of [['big', 'big'], ['blink', 'blink'], ['bold', 'b'], ['fixed', 'tt'], ['italics', 'i'],
  ['small', 'small'], ['strike', 'strike'], ['sub', 'sub'], ['sup', 'sup']]) {
  const api = `String.prototype.${name}`;
  replaceMethod(stringProto, name, (original) => ({
    [name]() {
      const s = thisText(api, this);
      meter(perChars(checkChars(api, s.length + 2 * tag.length + 5)));
      return apply(original, s, []);
    },
  })[name]);
}
// Built-ins that make a string around another, bounded by it: capped (the
// result fed back in would grow by a few characters each time).
for (const [target, name] of [[Object.prototype, 'toString'], [Symbol.prototype, 'toString']]) {
  const api = `${target === Object.prototype ? 'Object' : 'Symbol'}.prototype.${name}`;
  replaceMethod(target, name, (original) => ({
    [name]() {
      const text = apply(original, this, []);
      meter(perChars(checkChars(api, text.length)));
      return text;
    },
  })[name]);
}

// Methods that take a pattern: a regex (or any object with the method) does
// the work through its own method, charged there; a string pattern is
// searched here.
for (const [name, symbol] of [['match', Symbol.match], ['matchAll', Symbol.matchAll], ['search', Symbol.search],
  ['replace', Symbol.replace], ['replaceAll', Symbol.replace], ['split', Symbol.split]]) {
  const api = `String.prototype.${name}`;
  replaceMethod(stringProto, name, (original) => ({
    [name](pattern, second) {
      if (this === null || this === undefined) throw new TypeError(`${api} called on null or undefined`);
      if (pattern !== null && pattern !== undefined && isObject(pattern)) {
        if (name === 'replaceAll' || name === 'matchAll') {
          // A global search only: a non-global regex is a TypeError.
          if (isRegExp(pattern) && !apply(stringIncludesOriginal, textOf(pattern.flags), ['g'])) {
            throw new TypeError(`${api} must be called with a global RegExp`);
          }
        }
        const method = pattern[symbol];
        if (method !== undefined && method !== null) {
          return apply(method, pattern, name === 'replace' || name === 'replaceAll' || name === 'split'
            ? [thisText(api, this), second] : [thisText(api, this)]);
        }
      }
      const s = thisText(api, this);
      const needle = pattern === undefined && (name === 'match' || name === 'search' || name === 'matchAll')
        ? undefined : textOf(pattern);
      if (name === 'match' || name === 'matchAll' || name === 'search') {
        // A string pattern becomes a RegExp (compiled and charged as one).
        const regex = new RegExpConstructor(needle, name === 'matchAll' ? 'g' : undefined);
        return apply(regex[symbol], regex, [s]);
      }
      const m = needle.length;
      if (name === 'split') {
        const limit = second === undefined ? undefined : positive(second) >>> 0;
        const pieces = min(m === 0 ? s.length : s.length / m + 1, limit === undefined ? Infinity : limit);
        checkItems(api, pieces);
        meter(searchCost(s.length, m) + perItems(pieces));
        return apply(original, s, [needle, limit]);
      }
      // replace / replaceAll with a string pattern: the positions found
      // natively, the output made here, counted as it grows.
      const template = typeof second === 'function' ? undefined : textOf(second);
      meter(searchCost(s.length, m));
      const positions = [];
      for (let at = apply(stringIndexOf, s, [needle]); at >= 0 && at <= s.length;
        at = apply(stringIndexOf, s, [needle, at + max(m, 1)])) {
        pushTo(positions, at);
        if (name === 'replace' || at + max(m, 1) > s.length) break;
      }
      meter(perItems(checkItems(api, positions.length)));
      if (template !== undefined && apply(stringIndexOf, template, ['$']) < 0) {
        // A plain replacement: the output's length is known, V8 makes it.
        const chars = checkChars(api, s.length + positions.length * (template.length - m));
        meter(perChars(chars));
        return apply(original, s, [needle, template]);
      }
      const out = newOutput(api);
      let next = 0;
      for (let i = 0; i < positions.length; i++) {
        meter(GAS_REPLACE_MATCH);
        const at = positions[i];
        const replacement = template === undefined ? textOf(second(needle, at, s))
          : substitution(api, template, needle, s, at, [], undefined);
        addOutput(out, apply(stringSlice, s, [next, at]));
        addOutput(out, replacement);
        next = at + m;
      }
      addOutput(out, apply(stringSlice, s, [next]));
      return output(out);
    },
  })[name]);
}

replaceMethod(String, 'raw', () => ({
  raw(template, ...substitutions) {
    const raw = ObjectOf(ObjectOf(template).raw);
    const length = checkItems('String.raw', lengthOf(raw.length));
    meter(perItems(length));
    const parts = [];
    let chars = 0;
    for (let i = 0; i < length; i++) {
      const part = textOf(raw[i]);
      pushTo(parts, part);
      chars += part.length;
      if (i + 1 < length && i < substitutions.length) {
        const substitution = textOf(substitutions[i]);
        pushTo(parts, substitution);
        chars += substitution.length;
      }
      checkChars('String.raw', chars);
    }
    meter(perChars(chars));
    return apply(arrayJoin, parts, ['']);
  },
}).raw);
for (const name of ['fromCharCode', 'fromCodePoint']) {
  replaceMethod(String, name, (original) => ({
    [name](...codes) {
      meter(perItems(codes.length));
      return apply(original, String, numbersOf(codes));
    },
  })[name]);
}
// Symbol(description): the description turned into a string once, a
// BigInt's formatting charged.
replaceConstructor('Symbol', (original) => function Symbol(description) {
  if (new.target !== undefined) throw new TypeError('Symbol is not a constructor');
  return original(description === undefined ? undefined : text(description));
});
// String(value) and new String(value): ToString once, a BigInt's formatting
// charged (StringOf). String(symbol) describes the symbol; new String of one
// is V8's TypeError.
replaceConstructor('String', (original) => function String(value) {
  if (new.target === undefined) return arguments.length === 0 ? '' : StringOf(value);
  const text = arguments.length === 0 || typeof value === 'symbol' ? [value] : [StringOf(value)];
  return construct(original, arguments.length === 0 ? [] : text, new.target);
});

// --- Numbers read from arguments --------------------------------------------------

// V8 reads a string argument as a number by scanning all of it, on every
// call, uninterrupted (N1; `Math.max(...a)` of 4,096 copies of 2 MiB of
// digits: ~10 s). These built-ins get their arguments converted here, once
// each and in order (an object by ToPrimitive, hint number; a long string
// charged as unary `+` charges it), so that they read only numbers.
function numbersOf(values) {
  for (let i = 0; i < values.length; i++) {
    if (typeof values[i] !== 'number') values[i] = positive(values[i]);
  }
  return values;
}
// The same for the arguments at `positions` (those given), in order.
function numbersAt(args, positions) {
  for (const at of positions) {
    // (`undefined` stays: where it means "the default", as an end does.)
    if (at < args.length && typeof args[at] !== 'number' && args[at] !== undefined) args[at] = positive(args[at]);
  }
}
for (const name of ['abs', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cbrt', 'ceil', 'clz32', 'cos', 'cosh',
  'exp', 'expm1', 'floor', 'fround', 'log', 'log1p', 'log10', 'log2', 'round', 'sign', 'sin', 'sinh', 'sqrt', 'tan',
  'tanh', 'trunc']) {
  replaceMethodBy(Math, name, (original) => ({
    [name](x) {
      return original(typeof x === 'number' ? x : positive(x));
    },
  })[name]);
}
for (const name of ['atan2', 'imul', 'pow']) {
  replaceMethodBy(Math, name, (original) => ({
    [name](x, y) {
      const first = typeof x === 'number' ? x : positive(x);
      return original(first, typeof y === 'number' ? y : positive(y));
    },
  })[name]);
}
for (const name of ['hypot', 'max', 'min']) {
  replaceMethodBy(Math, name, (original) => ({
    [name](...values) {
      return apply(original, Math, numbersOf(values));
    },
  })[name]);
}
for (const name of ['isNaN', 'isFinite']) {
  replaceMethodBy(globalThis, name, (original) => ({
    [name](x) {
      return original(typeof x === 'number' ? x : positive(x));
    },
  })[name]);
}
// Number(value): ToNumeric, then a BigInt made a number.
replaceConstructor('Number', (original) => function Number(value) {
  const primitive = arguments.length === 0 ? 0 : isObject(value) ? toPrimitive(value) : value;
  if (typeof primitive === 'string') chargeNumberRead(primitive);
  if (new.target === undefined) return original(primitive);
  return construct(original, [primitive], new.target);
});

// --- Arrays ----------------------------------------------------------------------

const arrayProto = Array.prototype;
// The arguments an array method reads as numbers (indices and counts),
// converted once here, a long string charged (N1).
// The first argument a mutating array method stores.
const STORED_FROM = { __proto__: null, fill: 0, unshift: 0, splice: 2 };
const NUMBER_ARGUMENTS = {
  __proto__: null, indexOf: [1], lastIndexOf: [1], includes: [1], slice: [0, 1], fill: [1, 2], copyWithin: [0, 1, 2],
  splice: [0, 1],
};
// The methods of arrays and typed arrays that call back per item.
const CALLS_BACK = { __proto__: null };
for (const name of ['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex',
  'reduce', 'reduceRight']) {
  CALLS_BACK[name] = true;
}
// A callback that is a built-in (or a function `bind` made) runs no
// contract code, so nothing of it is charged where it runs: each call is,
// up front (red team round 46: `a.forEach(Number)` over short texts, 7x
// the median a gas at the 1 gas an item forEach paid; ~60 ns a call).
const GAS_BUILTIN_CALLBACK = 24;
function builtInCallbackCharge(callback, count) {
  return apply(weakSetHas, libraryFunctions, [callback]) ? perItems(count * GAS_BUILTIN_CALLBACK) : 0;
}
// Methods that walk `this` once, calling back per item or not: charged per
// item of its length (holes included: V8 walks them too, with no callback),
// and for the call: the library's checks take ~100-200 ns (`a.at(3)`,
// `a.indexOf(5)` of 10 items, 10-13 ns a gas before), and an array made
// (`map`, `filter`, `slice`, `splice`) ~300 ns more.
const GAS_ARRAY_CALL = 40;
const GAS_ARRAY_MADE = 100;
for (const [name, perItem, mutates] of [
  ['indexOf', 1, false], ['lastIndexOf', 1, false], ['includes', 1, false], ['slice', 3, false],
  ['forEach', 1, false], ['map', 2, false], ['filter', 2, false], ['some', 1, false], ['every', 1, false],
  ['find', 1, false], ['findIndex', 1, false], ['reduce', 1, false], ['reduceRight', 1, false],
  ['fill', 1, true], ['reverse', 1, true], ['copyWithin', 1, true], ['splice', 2, true], ['shift', 1, true],
  ['unshift', 1, true],
]) {
  const api = `Array.prototype.${name}`;
  const positions = NUMBER_ARGUMENTS[name];
  const searches = name === 'indexOf' || name === 'lastIndexOf' || name === 'includes';
  const callsBack = CALLS_BACK[name] === true;
  replaceMethod(arrayProto, name, (original) => ({
    [name](...args) {
      const [items, length] = arrayLike(api, this, mutates);
      if (name === 'unshift') checkItems(api, length + args.length);
      meter(GAS_ARRAY_CALL + (WITHOUT_SPECIES[name] !== undefined ? GAS_ARRAY_MADE : 0) +
        perItems(length * perItem + args.length));
      if (callsBack) meter(builtInCallbackCharge(args[0], length));
      // A long string searched for may be compared with each item.
      if (searches && typeof args[0] === 'string' && args[0].length > FREE_COMPARE) {
        meter(perItems(length) * perChars(args[0].length * 2));
      }
      if (positions !== undefined) numbersAt(args, positions);
      if (searches && typeof args[0] === 'string' && args[0].length > FREE_COMPARE) {
        return searchText(name, items, length, args);
      }
      // A typed array with a `length` of its own stores what it is given
      // as numbers.
      if (mutates) storedArguments(api, items, args, STORED_FROM[name] ?? args.length);
      if (WITHOUT_SPECIES[name] !== undefined && isArray(items)) {
        if (!defaultSpecies(items)) meter(perItems(length * GAS_LIBRARY_ITEM));
        return WITHOUT_SPECIES[name](original, items, length, args);
      }
      return apply(original, items, args);
    },
  })[name]);
}
// An array makes the arrays `map`, `filter`, `slice` and `splice` return
// with its species (`constructor[Symbol.species]`), which may be a typed
// array, or a function that returns one: V8 would then store the items as
// numbers, scanning long strings uncharged. Every array gets a plain array
// here, as `concat`, `flat` and `flatMap` always make; V8's own paths for
// them are slow since `Array` is the library's (below: ~25 ns an item, as
// fast as V8's fast paths here).
function defaultSpecies(array) {
  return getPrototypeOf(array) === arrayProto && getOwnPropertyDescriptor(array, 'constructor') === undefined;
}
// An index relative to `length` (negative: from the end), clamped to
// [0, length], as `slice` and `splice` read theirs.
function clampedIndex(position, length) {
  return min(max(relativeIndex(length, position), 0), length);
}
// `includes`, `indexOf`, `lastIndexOf` of a long string: V8 compares it
// with each item in one step nothing interrupts (32 items of 1 MiB: ~12
// ms); here one item at a time, in the standard's order.
function searchText(name, items, length, args) {
  const [needle, position] = args;
  // (A string's items are single characters.)
  if (typeof items === 'string') return name === 'includes' ? false : -1;
  if (name === 'lastIndexOf') {
    const from = args.length > 1 ? min(relativeIndex(length, position), length - 1) : length - 1;
    for (let k = from; k >= 0; k--) if (k in items && items[k] === needle) return k;
    return -1;
  }
  for (let k = clampedIndex(position, length); k < length; k++) {
    if (items[k] === needle && (name === 'includes' || k in items)) return name === 'includes' ? true : k;
  }
  return name === 'includes' ? false : -1;
}
const WITHOUT_SPECIES = {
  __proto__: null,
  map(original, items, length, [mapper, thisArg]) {
    // (V8's own TypeError for a mapper that is no function.)
    if (typeof mapper !== 'function') return apply(original, [], [mapper]);
    const result = filledArray(length);
    for (let k = 0; k < length; k++) {
      if (k in items) result[k] = apply(mapper, thisArg, [items[k], k, items]);
      else delete result[k];
    }
    return result;
  },
  filter(original, items, length, [predicate, thisArg]) {
    if (typeof predicate !== 'function') return apply(original, [], [predicate]);
    const result = [];
    for (let k = 0; k < length; k++) {
      if (!(k in items)) continue;
      const item = items[k];
      if (apply(predicate, thisArg, [item, k, items])) pushTo(result, item);
    }
    return result;
  },
  slice(original, items, length, [start, end]) {
    const from = clampedIndex(start, length);
    const to = end === undefined ? length : clampedIndex(end, length);
    const result = filledArray(max(to - from, 0));
    for (let k = from; k < to; k++) {
      if (k in items) result[k - from] = items[k];
      else delete result[k - from];
    }
    return result;
  },
  splice(original, items, length, args) {
    const start = clampedIndex(args[0], length);
    const asked = trunc(args[1]);
    const removing = args.length === 0 ? 0 : args.length === 1 ? length - start
      : min(max(asked !== asked ? 0 : asked, 0), length - start);
    const count = max(args.length - 2, 0);
    const removed = filledArray(removing);
    for (let k = 0; k < removing; k++) {
      if (start + k in items) removed[k] = items[start + k];
      else delete removed[k];
    }
    const move = (from, to) => {
      if (from in items) items[to] = items[from];
      else delete items[to];
    };
    if (count < removing) {
      for (let k = start; k < length - removing; k++) move(k + removing, k + count);
      for (let k = length; k > length - removing + count; k--) delete items[k - 1];
    } else if (count > removing) {
      for (let k = length - removing; k > start; k--) move(k + removing - 1, k + count - 1);
    }
    for (let k = 0; k < count; k++) items[start + k] = args[k + 2];
    items.length = length - removing + count;
    return removed;
  },
};
// Built-ins that turn an argument into a property key: converted once by
// the library first, a BigInt's formatting charged (red team round 25:
// `Reflect.has(o, big)` formatted ~2,451 digits for 8 gas).
for (const [owner, name, at] of [
  [Reflect, 'get', 1], [Reflect, 'set', 1], [Reflect, 'has', 1], [Reflect, 'deleteProperty', 1],
  [Reflect, 'defineProperty', 1], [Reflect, 'getOwnPropertyDescriptor', 1], [Object, 'defineProperty', 1],
  [Object, 'getOwnPropertyDescriptor', 1], [Object, 'hasOwn', 1], [Object.prototype, 'hasOwnProperty', 0],
  [Object.prototype, 'propertyIsEnumerable', 0], [Object.prototype, '__defineGetter__', 0],
  [Object.prototype, '__defineSetter__', 0], [Object.prototype, '__lookupGetter__', 0],
  [Object.prototype, '__lookupSetter__', 0],
]) {
  const defines = name === 'defineProperty';
  replaceMethod(owner, name, (original) => ({
    [name](...args) {
      // (Reflect's refuse a target that is no object before the key.)
      if (args.length > at && (owner !== Reflect || isObject(args[0]))) {
        args[at] = propertyKey(args[at]);
        // A typed array reads a key it is given to define as a number
        // (CanonicalNumericIndexString), whatever its length (red team
        // round 33: a 16,383-character key, ~90 us a definition).
        if (defines && typeof args[1] === 'string' && isObject(args[0]) && isTypedArray(unproxied(args[0]))) {
          chargeNumberRead(args[1]);
        }
        if (defines && isObject(args[2])) {
          meter(GAS_DEFINE_PROPERTY);
          args[2] = plainDescriptor(args[2], args[0], args[1]);
        }
        // Read as a number where the target or the receiver holds a typed
        // array (an index out of the target's range reads it too).
        // (An array's length grown there is charged: `stored`.)
        if (name === 'set' && owner === Reflect) {
          args[2] = stored(args[0], args[1], args[2]);
          if (args.length > 3) args[2] = stored(args[3], args[1], args[2]);
        }
      }
      return apply(original, this, args);
    },
  })[name]);
}
// ToPropertyDescriptor, once: the fields of `descriptor` read in the
// standard's order into a plain object V8 then reads without running code.
// V8 compares a new value with a non-configurable property's (SameValue:
// two long strings character by character), so a long string value is
// charged as `===` charges comparing it (red team round 26: 7 ms a
// redefinition of a frozen 2 MiB value, for 11 gas).
// A value defined on `object[key]` is also what V8 may read as a number
// there (`stored`).
function plainDescriptor(descriptor, object, key) {
  // (An ordinary object: V8 keeps one with no prototype as a slow
  // dictionary. Object.prototype, frozen, has none of the fields.)
  const plain = {};
  for (let i = 0; i < DESCRIPTOR_FIELDS.length; i++) {
    const field = DESCRIPTOR_FIELDS[i];
    if (field in descriptor) plain[field] = descriptor[field];
  }
  if (typeof plain.value === 'string' && plain.value.length > FREE_COMPARE) chargeStringsCompared(plain.value.length);
  if ('value' in plain && object !== undefined) plain.value = stored(object, key, plain.value);
  return plain;
}
const DESCRIPTOR_FIELDS = ['enumerable', 'configurable', 'value', 'writable', 'get', 'set'];
// A comparator whose answer is read as a number once, a long string
// charged (V8 would scan it at each comparison, N1).
function comparedOnce(compare) {
  return (a, b) => {
    const order = compare(a, b);
    return typeof order === 'number' ? order : positive(order);
  };
}
// Two [text, item] pairs, by their texts (code units, as `<` compares).
function byText(a, b) {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
replaceMethod(arrayProto, 'sort', (original) => ({
  sort(compare) {
    if (compare !== undefined && typeof compare !== 'function') {
      throw new TypeError('The comparison function must be either a function or undefined');
    }
    const [items, length] = arrayLike('Array.prototype.sort', this, true);
    storedArguments('Array.prototype.sort', items, [], 0);
    // Without a comparator, each comparison is a call of the library's
    // `byText` (~30 ns: a sort of 30,000 numbers, 3.2x the median a gas at 4).
    meter(perItems(length * ceil(log2(length + 1)) * (compare === undefined ? 6 : 1)));
    if (compare !== undefined) return apply(original, items, [comparedOnce(compare)]);
    // Without a comparator the standard compares the items' strings: each
    // item is turned into one here, once (an object's toString, a BigInt's
    // formatting charged), and the items sorted by those, undefined ones
    // last and holes removed as V8 does (red team round 25: V8 converted
    // at every comparison, and an object whose toString made a large
    // BigInt was formatted uncharged each time: 1.7 s for one sort).
    // Two long texts compare up to the shorter's length, each text in
    // about log2(n) comparisons: charged as `<` charges, by that bound.
    const keyed = [];
    let undefineds = 0;
    let longText = 0;
    for (let i = 0; i < length; i++) {
      if (!(i in items)) continue;
      const value = items[i];
      if (value === undefined) {
        undefineds++;
      } else {
        const key = text(value);
        if (key.length > FREE_COMPARE) longText += key.length;
        pushTo(keyed, [key, value]);
      }
    }
    if (longText > 0) meter(perChars(longText * 2 * ceil(log2(length + 1))));
    apply(original, keyed, [byText]);
    let at = 0;
    for (; at < keyed.length; at++) items[at] = keyed[at][1];
    for (let i = 0; i < undefineds; i++) items[at++] = undefined;
    for (; at < length; at++) delete items[at];
    return items;
  },
}).sort);
// The ES2022 searches sandbox.js defines, charged like the others.
for (const name of ['findLast', 'findLastIndex', 'at']) {
  const api = `Array.prototype.${name}`;
  const library = arrayProto[name];
  defineMethod(arrayProto, name, {
    [name](...args) {
      const [items, length] = arrayLike(api, this, false, name !== 'at');
      meter(GAS_ARRAY_CALL + (name === 'at' ? 1 : perItems(length)));
      return apply(library, items, args);
    },
  }[name]);
}

// Array.prototype.join: each item turned into a string here, once (a
// nested array's toString joins it through this same method: the nesting is
// counted, and a cycle gives '' as in V8), then joined by the original.
const joining = [];
// V8 joins a list in one step nothing interrupts (100,000 numbers: ~15
// ms): a long one is joined JOIN_CHUNK items at a time, then the pieces.
const JOIN_CHUNK = 2 ** 14;
function joinInChunks(values, separator) {
  if (values.length <= JOIN_CHUNK) return apply(arrayJoin, values, [separator]);
  const pieces = [];
  for (let from = 0; from < values.length; from += JOIN_CHUNK) {
    pushTo(pieces, apply(arrayJoin, apply(arraySliceOriginal, values, [from, from + JOIN_CHUNK]), [separator]));
  }
  return apply(arrayJoin, pieces, [separator]);
}
replaceMethod(arrayProto, 'join', (original) => ({
  join(separator) {
    const [items, length] = arrayLike('Array.prototype.join', this, false);
    const sep = separator === undefined ? ',' : textOf(separator);
    for (let i = 0; i < joining.length; i++) if (joining[i] === this) return '';
    checkNesting('Array.prototype.join', 1);
    meter(GAS_JOIN + perItems(length));
    // A genuine array's items are read once, here (an index getter would
    // answer V8 differently when it joined), each index up to the length
    // read first, as V8's join reads them.
    let values = [];
    if (items === this && typeof items !== 'string' && getOwnPropertyDescriptor(items, Symbol.iterator) === undefined) {
      for (let k = 0; k < length; k++) pushTo(values, items[k]);
      // Items that are all strings, numbers, booleans, null or undefined
      // turn into text without running any code: V8 may join them itself,
      // once the output is charged (a safe integer's digits, else at most 24).
      let bound = length > 0 ? (length - 1) * sep.length : 0;
      let plain = true;
      let numbers = 0;
      for (let k = 0; k < values.length && plain; k++) {
        const item = values[k];
        const type = typeof item;
        if (type === 'string') bound += item.length;
        else if (type === 'number' && item === trunc(item) && item <= 9007199254740991 && item >= -9007199254740991) {
          bound += (item < 0 ? 2 : 1) + (item === 0 ? 0 : trunc(log10(item < 0 ? -item : item)));
          numbers++;
        } else if (type === 'number' || type === 'boolean') {
          bound += 24;
          numbers++;
        } else plain = item === undefined || item === null;
      }
      if (plain) {
        checkChars('Array.prototype.join', bound);
        meter(perChars(bound) + numbers * GAS_NUMBER_TEXT);
        return joinInChunks(values, sep);
      }
    }
    pushTo(joining, this);
    nativeDepth += 1;
    const texts = [];
    let chars = length > 0 ? (length - 1) * sep.length : 0;
    try {
      checkChars('Array.prototype.join', chars);
      for (let k = 0; k < length; k++) {
        const item = k < values.length ? values[k] : items[k];
        if (typeof item === 'number') meter(GAS_NUMBER_TEXT);
        const piece = item === undefined || item === null ? '' : textOf(item);
        pushTo(texts, piece);
        chars += piece.length;
        checkChars('Array.prototype.join', chars);
      }
    } finally {
      joining.length -= 1;
      nativeDepth -= 1;
    }
    meter(perChars(chars));
    return apply(original, texts, [sep]);
  },
}).join);
replaceMethod(arrayProto, 'toLocaleString', () => ({
  toLocaleString() {
    const [items, length] = arrayLike('Array.prototype.toLocaleString', this, false);
    // Nested arrays are shown through this same method: cycles and
    // nesting as in join.
    for (let i = 0; i < joining.length; i++) if (joining[i] === this) return '';
    checkNesting('Array.prototype.toLocaleString', 1);
    meter(perItems(length));
    const texts = [];
    pushTo(joining, this);
    nativeDepth += 1;
    try {
      for (let k = 0; k < length; k++) {
        const item = items[k];
        pushTo(texts, item === undefined || item === null ? '' : textOf(item.toLocaleString()));
      }
    } finally {
      joining.length -= 1;
      nativeDepth -= 1;
    }
    return apply(arrayProto.join, texts, [',']);
  },
}).toLocaleString);
// Array.prototype.concat: the items of every argument, spread if concat
// spreads it (read once), into a fresh array.
replaceMethod(arrayProto, 'concat', () => ({
  concat(...args) {
    const result = [];
    let n = 0;
    const sources = withFirst(ObjectOf(this), args);
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i];
      let spread = false;
      if (isObject(source)) {
        const flag = source[Symbol.isConcatSpreadable];
        spread = flag !== undefined ? !!flag : isArray(source);
      }
      if (!spread) {
        checkItems('Array.prototype.concat', n + 1);
        result[n++] = source;
        continue;
      }
      const length = chainWalked(checkItems('Array.prototype.concat', n + lengthOf(source.length)) - n,
        linksOf(source));
      meter(perItems(length));
      for (let k = 0; k < length; k++, n++) if (k in source) result[n] = source[k];
      result.length = n;
    }
    meter(perItems(sources.length));
    return result;
  },
}).concat);
// flat and flatMap, here: V8 flattens by recursion, as deep as the nesting
// goes, so the native stack would decide where it fails. This walks the
// nesting with a stack of its own, at most MAX_NESTING deep.
function flatten(api, source, length, depth, mapper, thisArg) {
  const target = [];
  const open = [{ source, length, k: 0, depth }];
  meter(perItems(length));
  if (mapper !== undefined) meter(builtInCallbackCharge(mapper, length));
  while (open.length > 0) {
    const level = open[open.length - 1];
    if (level.k >= level.length) {
      open.length -= 1;
      continue;
    }
    const k = level.k++;
    if (!(k in level.source)) continue;
    let item = level.source[k];
    if (mapper !== undefined && open.length === 1) item = apply(mapper, thisArg, [item, k, level.source]);
    if (level.depth > 0 && isArray(item)) {
      if (open.length >= MAX_NESTING) throw overLimit(api, 'nests arrays', open.length + 1, `${MAX_NESTING} deep`);
      const itemLength = chainWalked(checkItems(api, lengthOf(item.length)), linksOf(item));
      meter(perItems(itemLength));
      pushTo(open, { source: item, length: itemLength, k: 0, depth: level.depth - 1 });
    } else {
      checkItems(api, target.length + 1);
      pushTo(target, item);
    }
  }
  return target;
}
const nativeFlat = arrayProto.flat;
const nativeFlatMap = arrayProto.flatMap;
defineMethod(arrayProto, 'flat', {
  flat(depth) {
    const [items, length] = arrayLike('Array.prototype.flat', this, false);
    const levels = depth === undefined ? 1 : integerOf(depth);
    return flatten('Array.prototype.flat', items, length, levels, undefined, undefined);
  },
}.flat);
defineMethod(arrayProto, 'flatMap', {
  flatMap(mapper, thisArg) {
    if (typeof mapper !== 'function') throw new TypeError('flatMap mapper function is not callable');
    const [items, length] = arrayLike('Array.prototype.flatMap', this, false);
    return flatten('Array.prototype.flatMap', items, length, 1, mapper, thisArg);
  },
}.flatMap);
replacedBuiltIns.set(nativeFlat, arrayProto.flat);
replacedBuiltIns.set(nativeFlatMap, arrayProto.flatMap);
// `pop` and `push` read `this.length` as a number (red team round 33: a
// 2 MiB string `length`, scanned at each call, 11 ms for 15 gas). On an
// array-like, the `length` V8 will read is found here first, up the
// prototype chain: a string is charged as read as a number; a getter, an
// object (its `valueOf` could answer anything the second time) or a proxy
// on the way is refused. (A proxy's `length` answer, for an array proxy, is
// charged where its trap answers it.)
// (A proxy of an array too: its `length` answer would have V8 set the
// target's, growing it uncharged; red team round 50's review.)
function plainLength(api, object) {
  if (object === null || object === undefined) throw new TypeError(`${api} called on null or undefined`);
  for (let current = ObjectOf(object); ; current = getPrototypeOf(current)) {
    if (current === null) return; // no length: 0
    meter(GAS_STORE_LINK);
    if (engine.kind(current) === 'proxy') break;
    const own = getOwnPropertyDescriptor(current, 'length');
    if (own === undefined) continue;
    if (!('value' in own) || isObject(own.value)) break;
    if (typeof own.value === 'string') chargeNumberRead(own.value);
    return;
  }
  throw new TypeError(`${api} works on arrays and on objects whose length is a plain value, not a getter, an ` +
    'object or a proxy');
}
replaceMethod(arrayProto, 'pop', (original) => ({
  pop() {
    if (!isObject(this) || engine.kind(this) !== 'array') plainLength('Array.prototype.pop', this);
    return apply(original, this, []);
  },
}).pop);
replaceMethod(arrayProto, 'push', (original) => ({
  push(...items) {
    if (!isObject(this) || engine.kind(this) !== 'array') plainLength('Array.prototype.push', this);
    meter(perItems(items.length));
    // (Only what V8 would read as a number needs a look at where it goes.)
    for (let k = 0; k < items.length; k++) {
      if (scansWhenStored(items[k])) {
        storedArguments('Array.prototype.push', this, items, 0);
        break;
      }
    }
    return apply(original, this, items);
  },
}).push);
// `Array(n)` and `new Array(n)` make n slots, holes, that V8 allocates
// and fills (~4 ns each from 16,384 on: red team round 49, `new Array(90000)`
// in a loop, ~50 us a gas; `[].constructor(n)` is this function too): 2 gas
// a slot first (`slotsCharge`).
const GAS_ARRAY_SLOT = 2;
replaceConstructor('Array', (original) => function Array(...items) {
  if (items.length === 1 && typeof items[0] === 'number') meter(slotsCharge(items[0], items[0]));
  return construct(original, items, new.target === undefined ? original : new.target);
});
// Array.of and Array.from called on another constructor fill what it makes,
// which may be a typed array: here, each value as the contract's own
// `result[k] = value` stores it (`stored`).
function fillConstructed(result, values, mapper, thisArg) {
  meter(perItems(values.length * GAS_DEFINE_PROPERTY));
  for (let k = 0; k < values.length; k++) {
    const value = mapper === undefined ? values[k] : apply(mapper, thisArg, [values[k], k]);
    defineProperty(result, k, { value: stored(result, k, value), writable: true, enumerable: true, configurable: true });
  }
  store(result, 'length', values.length, false);
  return result;
}
replaceMethod(Array, 'of', (original) => ({
  of(...items) {
    meter(perItems(items.length));
    if (this === Array || !isConstructor(this)) return apply(original, this, items);
    return fillConstructed(construct(this, [items.length]), items, undefined, undefined);
  },
}).of);
// Array.from: an iterable's values or an array-like's items, read once here.
replaceMethod(Array, 'from', (original) => ({
  from(items, mapper, thisArg) {
    if (items === null || items === undefined) throw new TypeError(`${items} is not iterable`);
    const iterator = ObjectOf(items)[Symbol.iterator];
    const values = iterator !== undefined && iterator !== null
      ? valuesOf('Array.from', items)
      : arrayLike('Array.from', items, false)[0];
    meter(perItems(values.length));
    if (mapper !== undefined) meter(builtInCallbackCharge(mapper, values.length));
    if (this === Array || !isConstructor(this)) return apply(original, this, [values, mapper, thisArg]);
    if (mapper !== undefined && typeof mapper !== 'function') return apply(original, Array, [[], mapper]);
    const made = iterator !== undefined && iterator !== null ? construct(this, []) : construct(this, [values.length]);
    return fillConstructed(made, values, mapper, thisArg);
  },
}).from);

// --- Array iterators ----------------------------------------------------------------

// V8's array iterator reads `length` of the object it walks at each step,
// as a number: a string length is scanned whole every time (2 MiB of
// spaces, ~11 ms a step for ~15 gas: red team round 33). So V8 walks only
// genuine arrays and typed arrays here (their length is a number it holds);
// `values`, `keys` and `entries` of any other object (an array-like, an
// `arguments` object, a proxy) return a library iterator, which reads
// `length` through the library's conversion (a string charged) at each
// step, as the spec reads it. Each iterator V8 makes is stamped as it is
// made, and `next` refuses any other: V8 puts its own `values` on every
// `arguments` object it makes, which the compiler replaces in contract
// functions (`__v8vm_arguments`), but not on the copy a sloppy function's
// legacy `f.arguments` hands out. (Stamps are private fields: nothing
// reflects or forges them.)
class Stamped {
  constructor(object) {
    return object;
  }
}
class MadeByV8 extends Stamped {
  #madeByV8;
  // The contract objects on the iterated array's chain (`contractLinks`):
  // each step may look a hole up on each.
  #links;
  constructor(iterator, links) {
    super(iterator);
    this.#links = links;
  }
  static is(value) {
    return #madeByV8 in value;
  }
  static links(iterator) {
    return iterator.#links;
  }
}
// The library's iterator over an object V8 should not walk.
class ArrayLikeSteps extends Stamped {
  #object;
  #index = 0;
  #kind;
  constructor(iterator, object, kind) {
    super(iterator);
    this.#object = object;
    this.#kind = kind;
  }
  static is(value) {
    return #kind in value;
  }
  static next(iterator) {
    meter(GAS_ITERATION_STEP);
    const object = iterator.#object;
    if (object === undefined) return { value: undefined, done: true };
    const index = iterator.#index;
    if (index >= lengthOf(object.length)) {
      iterator.#object = undefined;
      return { value: undefined, done: true };
    }
    iterator.#index = index + 1;
    const kind = iterator.#kind;
    if (kind === 'keys') return { value: index, done: false };
    const value = object[index];
    return { value: kind === 'values' ? value : [index, value], done: false };
  }
}
const arrayIteratorPrototype = getPrototypeOf([][Symbol.iterator]());
// (A typed array's own methods refuse any other `this`; stamping its
// iterators is all they need.)
for (const [proto, walksAnyObject] of [[arrayProto, true], [TypedArrayPrototype, false]]) {
  for (const kind of ['values', 'keys', 'entries']) {
    replaceMethod(proto, kind, (original) => ({
      [kind]() {
        if (walksAnyObject && engine.kind(this) !== 'array' && !isTypedArray(this)) {
          if (this === null || this === undefined) {
            throw new TypeError(`Array.prototype.${kind} called on null or undefined`);
          }
          return new ArrayLikeSteps({ __proto__: arrayIteratorPrototype }, ObjectOf(this), kind);
        }
        return new MadeByV8(apply(original, this, []), walksAnyObject ? contractLinks(this) : 0);
      },
    })[kind]);
  }
  // (The same function, as V8 made them; the library's own loops from here on use it.)
  defineProperty(proto, Symbol.iterator, { ...getOwnPropertyDescriptor(proto, Symbol.iterator), value: proto.values });
}
// (After the loop above, whose own iterator V8 made unstamped. Counted in
// the call depth as `counted` would, in one frame: it runs at every step of
// every loop, spread and pattern over an array.)
replaceMethodBy(arrayIteratorPrototype, 'next', (original) => ({
  next() {
    deeper();
    try {
      if (isObject(this)) {
        if (MadeByV8.is(this)) {
          const links = MadeByV8.links(this);
          if (links > 0) meter(links * GAS_ELEMENT_LINK);
          return apply(original, this, []);
        }
        if (ArrayLikeSteps.is(this)) return ArrayLikeSteps.next(this);
      }
      throw new TypeError('Array Iterator.prototype.next works on the iterators of Array.prototype.values, keys ' +
        'and entries, not on this value (an iterator taken from a sloppy function\'s `f.arguments` from outside ' +
        'it is not walked: use `arguments` inside the function)');
    } finally {
      depth--;
    }
  },
}).next);
// `arguments` in a contract function: `__v8vm_arguments(arguments)` gives
// the object, the first time, the library's `values` as its iterator (V8's
// own would walk it, and its `length` may be set to anything).
class ArgumentsSeen extends Stamped {
  #seen;
  constructor(object) {
    super(object);
  }
  static is(value) {
    return #seen in value;
  }
}
function argumentsObject(value) {
  if (brandOf(value) === 'Arguments' && !ArgumentsSeen.is(value)) {
    defineProperty(value, Symbol.iterator, { value: arrayProto.values, writable: true, enumerable: false,
      configurable: true });
    new ArgumentsSeen(value);
  }
  return value;
}

// --- Iterables drained by built-ins ------------------------------------------------

for (const name of ['Map', 'Set', 'WeakMap', 'WeakSet']) {
  replaceConstructor(name, (original) => function collection(iterable) {
    if (new.target === undefined) throw new TypeError(`Constructor ${name} requires 'new'`);
    const values = iterable === undefined || iterable === null ? iterable : valuesOf(name, iterable);
    if (values !== undefined && values !== null) meter(perItems(values.length * GAS_COLLECTION_ITEM));
    return construct(original, [values], new.target);
  });
}
// A Map or Set compares a string key with an equal-length one it holds
// character by character (distinct 2 MiB copies: ~0.7 ms a lookup), and
// V8 hashes a string of more than 16,383 characters by its length alone,
// so that all such keys of one length collide and each lookup compares
// with every one of them (300 keys: ~0.6 ms; red team round 26). A string
// key is at most MAX_KEY characters, and is charged as a property key is
// (chargeKey: a fresh key of 5,000 characters, hashed, ~12 ns a gas in red
// team round 48 before; a fresh short one among 200,000 added, ~290 ns, 26).
// An entry added grows the table, ~50-90 ns for a small integer or a
// fraction: GAS_COLLECTION_ADD. (The constructors add through these.)
const GAS_COLLECTION_ADD = 20;
// A key that is an object (which gets an identity hash), a BigInt or a
// number V8 boxes (a fraction): ~250-320 ns an entry among a million (red team round
// 49: 8-11 ns a gas at 29).
const GAS_COLLECTION_HEAP_KEY = 40;
const isHeapKey = (key) => isObject(key) || hashedBy64Bits(key);
// A key V8 hashes by 64 bits (a BigInt's magnitude, a fraction's bits).
const hashedBy64Bits = (key) => typeof key === 'bigint' || (typeof key === 'number' && (key | 0) !== key);
// A Map's or Set's table in V8 is a list of entries in insertion order and
// a bucket (the low bits of a key's hash) chaining the entries of each;
// a lookup walks its bucket's chain, deleted entries included, until V8
// makes the table again (`rehash`). Two ways to make a chain long cheaply:
// - V8 hashes a number (an int32 by an integer hash, any other by its bits)
//   and a BigInt (by the low 64 bits of its magnitude) with fixed
//   functions, no seed, which can be inverted: keys chosen for one bucket
//   (red team round 50's review: `m.get` among 16,384 of them, ~1,860 ns a
//   gas; BigInts ~3,300);
// - a key deleted and added again leaves each deleted entry in its chain
//   (round 51: 65,535 times, then each `get` ~29 us; ~2,000 ns a gas).
// So each collection keeps a model of V8's table (`CollectionTable`: its
// capacity, its deleted entries, rebuilt when V8 would rebuild it; its
// capacity matched V8's after each of 12,000 random operations), counts
// its entries V8 hashes with no seed (numbers, BigInts, array indices'
// texts: `numberHash`), live or deleted, by V8's hash in the low 4, 8, 12
// and 16 bits, and counts the deletions of each other key; an
// operation pays for the entries its bucket may hold. A key hashed by 64
// bits (here with BigInts, ~1-1.5 us) pays GAS_LONG_HASH.
const GAS_LONG_HASH = 200;
const collectionTables = new WeakMap();
const { get: weakMapGet, set: weakMapSet, delete: weakMapDelete } = WeakMap.prototype;
const numberBits = new Float64Array(1);
const numberWords = new Uint32Array(numberBits.buffer);
const UINT64_MASK = (1n << 64n) - 1n;
// V8's hash of a key it hashes with no seed, or undefined for one it seeds
// (or one with an identity hash): a number, a BigInt, or an array index's
// canonical text (hashed by its value: red team round 52).
function numberHash(key) {
  if (typeof key === 'string') {
    const index = arrayIndexOf(key);
    return index < 0 ? undefined : index & 0xffffff;
  }
  if (typeof key === 'bigint') return key === 0n ? 0 : longHash((key < 0n ? -key : key) & UINT64_MASK);
  if (typeof key !== 'number') return undefined;
  if (key !== key) return 0x3fffffff; // every NaN: Smi::kMaxValue (round 52)
  if ((key | 0) === key) return unseededHash(key); // (-0 too: it is 0 here)
  numberBits[0] = key;
  return longHash((BigInt(numberWords[1]) << 32n) | BigInt(numberWords[0]));
}
// V8's ComputeUnseededHash of an int32, and its ComputeLongHash of 64 bits.
function unseededHash(key) {
  let hash = key >>> 0;
  hash = (~hash + (hash << 15)) >>> 0;
  hash = (hash ^ (hash >>> 12)) >>> 0;
  hash = (hash + (hash << 2)) >>> 0;
  hash = (hash ^ (hash >>> 4)) >>> 0;
  hash = (hash + (hash << 3) + (hash << 11)) >>> 0;
  return (hash ^ (hash >>> 16)) & 0x3fffffff;
}
function longHash(bits) {
  let hash = ((bits << 18n) - bits - 1n) & UINT64_MASK;
  hash ^= hash >> 31n;
  hash = (hash * 21n) & UINT64_MASK;
  hash ^= hash >> 11n;
  hash = (hash * 65n) & UINT64_MASK;
  hash ^= hash >> 22n;
  return NumberOf(hash & 0x3fffffffn);
}
const BUCKET_BITS = [4, 8, 12, 16];
const { keys: collectionMapKeys } = Map.prototype;
const { values: collectionSetValues } = Set.prototype;
class CollectionTable {
  // `keysOf`: the collection's own iteration (Map's keys, Set's values),
  // chosen where the wrapper is made (never by the contract's prototype).
  constructor(keysOf) {
    this.keysOf = keysOf;
    // V8's first table: 4 entries, 2 buckets.
    this.capacity = 4;
    this.deleted = 0;
    this.numberEntries = 0;
    this.numbers = [];
    this.deletions = new OriginalMap();
  }
  // The entries the bucket of `key` may chain: for a number or BigInt,
  // those counted in the most low bits of its hash that V8's buckets use
  // (all of them while it has fewer than 16 buckets); for another key, its
  // own deleted entries.
  chained(key, hash) {
    if (hash === undefined) return this.deleted === 0 ? 0 : apply(mapGet, this.deletions, [key]) ?? 0;
    const used = log2(this.capacity / 2);
    for (let i = BUCKET_BITS.length - 1; i >= 0; i--) {
      if (BUCKET_BITS[i] <= used && this.numbers[i] !== undefined) {
        return this.numbers[i][hash & ((1 << BUCKET_BITS[i]) - 1)];
      }
    }
    return this.numberEntries;
  }
  // An entry added to `live` ones (V8 first makes the table again when it
  // is full).
  added(collection, live, hash) {
    if (live + this.deleted >= this.capacity) {
      this.rehash(collection, this.deleted >= this.capacity >> 1 ? this.capacity : this.capacity << 1, live);
    }
    if (hash !== undefined) this.count(hash);
  }
  // An entry deleted, `live` left (V8 makes the table smaller once a
  // quarter full).
  removed(collection, live, key, hash) {
    this.deleted++;
    if (hash === undefined) apply(mapSet, this.deletions, [key, (apply(mapGet, this.deletions, [key]) ?? 0) + 1]);
    // (Never below V8's first table.)
    if (live < this.capacity >> 2 && this.capacity > 4) this.rehash(collection, this.capacity >> 1, live);
  }
  // V8's new table holds the live entries only: counted again (a walk of
  // them, ~40 ns a key: charged 16).
  rehash(collection, capacity, live) {
    meter(perItems(live * 16));
    // (The hashes first: nothing is changed if the walk throws.)
    const hashes = [];
    for (const key of apply(this.keysOf, collection, [])) {
      const hash = numberHash(key);
      if (hash !== undefined) pushTo(hashes, hash);
    }
    this.capacity = capacity;
    this.deleted = 0;
    apply(mapClear, this.deletions, []);
    this.numbers = [];
    this.numberEntries = 0;
    for (let i = 0; i < hashes.length; i++) this.count(hashes[i]);
  }
  count(hash) {
    this.numberEntries++;
    for (let i = 0; i < BUCKET_BITS.length; i++) {
      const bits = BUCKET_BITS[i];
      // Counts by `bits` bits from when V8's buckets can use them (a table
      // is made again before they do: its counts start there).
      if (this.numbers[i] === undefined) {
        if (this.capacity / 2 < 1 << bits) continue;
        this.numbers[i] = new OriginalUint32Array(1 << bits);
      }
      this.numbers[i][hash & ((1 << bits) - 1)] += 1;
    }
  }
}
for (const [proto, names] of [[Map.prototype, ['get', 'set', 'has', 'delete']], [Set.prototype, ['add', 'has', 'delete']]]) {
  const size = getOwnPropertyDescriptor(proto, 'size').get;
  const keysOf = proto === Map.prototype ? collectionMapKeys : collectionSetValues;
  for (const name of names) {
    const api = `${proto === Map.prototype ? 'Map' : 'Set'}.prototype.${name}`;
    const adds = name === 'set' || name === 'add';
    replaceMethodBy(proto, name, (original) => ({
      [name](key, value) {
        if (typeof key === 'string') chargeKey(`${api}: a string key`, key);
        if (adds) meter(GAS_COLLECTION_ADD + (isHeapKey(key) ? GAS_COLLECTION_HEAP_KEY : 0));
        const hash = numberHash(key);
        if (hashedBy64Bits(key)) meter(GAS_LONG_HASH);
        const before = apply(size, this, []);
        let table = apply(weakMapGet, collectionTables, [this]);
        if (table !== undefined) meter(perItems(table.chained(key, hash)));
        const result = apply(original, this, [key, value]);
        const after = apply(size, this, []);
        if (after !== before) {
          if (table === undefined) {
            table = new CollectionTable(keysOf);
            apply(weakMapSet, collectionTables, [this, table]);
          }
          if (after > before) table.added(this, before, hash);
          else table.removed(this, after, key, hash);
        }
        return result;
      },
    })[name]);
  }
  // (Emptied, V8 makes a new first table.)
  replaceMethodBy(proto, 'clear', (original) => ({
    clear() {
      const result = apply(original, this, []);
      if (isObject(this)) apply(weakMapDelete, collectionTables, [this]);
      return result;
    },
  }).clear);
}
replaceMethodBy(Object, 'is', (original) => ({
  is(a, b) {
    if (typeof a === 'string' && typeof b === 'string' && a.length === b.length) chargeStringsCompared(a.length);
    return original(a, b);
  },
}).is);
// Map and Set forEach walk every entry, calling back even a built-in (no
// contract code, no gas): charged per entry first.
for (const name of ['Map', 'Set']) {
  const proto = globalThis[name].prototype;
  const size = getOwnPropertyDescriptor(proto, 'size').get;
  replaceMethod(proto, 'forEach', (original) => ({
    forEach(callback, thisArg) {
      meter(perItems(apply(size, this, []) * GAS_COLLECTION_ITEM));
      return apply(original, this, [callback, thisArg]);
    },
  }).forEach);
}
// An error records the stack when made (at most Error.stackTraceLimit
// frames, frozen at 10): about 4 us through this wrapper, charged here for the errors a
// contract makes (a TypeError V8 makes is charged where it is caught, see
// `caught` in sandbox.js). Each wrapper constructs with itself as
// `new.target` when called without `new`, so that V8 leaves the library's
// frames out of the stack as it does its own.
const GAS_ERROR = 800;
const errorWrappers = {};
for (const name of ['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError']) {
  errorWrappers[name] = replaceConstructor(name, (original) => function (...args) {
    meter(GAS_ERROR);
    // The message turned into a string once, a BigInt's formatting charged.
    if (args.length > 0 && args[0] !== undefined) args[0] = text(args[0]);
    return construct(original, args, new.target === undefined ? errorWrappers[name] : new.target);
  });
}
errorWrappers.AggregateError = replaceConstructor('AggregateError', (original) => function (errors, ...rest) {
  meter(GAS_ERROR);
  const values = valuesOf('AggregateError', errors);
  if (rest.length > 0 && rest[0] !== undefined) rest[0] = text(rest[0]);
  return construct(original, [values, ...rest], new.target === undefined ? errorWrappers.AggregateError : new.target);
});
// The subclasses inherit from the Error wrapper, as they did from Error (the
// intrinsic would otherwise be reachable, uncharged, as their prototype).
for (const name of ['EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'AggregateError']) {
  objectSetPrototypeOf(errorWrappers[name], errorWrappers.Error);
}
const captureStackTrace = replaceMethod(errorWrappers.Error, 'captureStackTrace', (original) => ({
  captureStackTrace(object, constructorOpt) {
    meter(GAS_ERROR);
    return apply(original, this, [object, constructorOpt === undefined ? captureStackTrace : constructorOpt]);
  },
}).captureStackTrace);
for (const name of ['all', 'allSettled', 'any', 'race']) {
  replaceMethod(Promise, name, (original) => ({
    [name](iterable) {
      return apply(original, this, [valuesOf(`Promise.${name}`, iterable)]);
    },
  })[name]);
}
// The functions `finally` makes call `onFinally` themselves, natively: a
// function they made could be another's `onFinally`, and so on, with no
// counted frame between. `onFinally` is handed over as a counted call.
replaceMethod(Promise.prototype, 'finally', (original) => ({
  finally(onFinally) {
    if (typeof onFinally !== 'function') return apply(original, this, [onFinally]);
    return apply(original, this, [function () {
      deeper();
      try {
        return apply(onFinally, undefined, []);
      } finally {
        depth--;
      }
    }]);
  },
}).finally);
replaceMethod(Object, 'fromEntries', (original) => ({
  fromEntries(iterable) {
    // Each entry's key and value read once, the key converted and checked
    // as `o[k]` checks it (a key over 16,383 characters collides).
    const entries = valuesOf('Object.fromEntries', iterable);
    const pairs = [];
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      if (!isObject(entry)) throw new TypeError(`Iterator value ${StringOf(entry)} is not an entry object`);
      const key = entry[0];
      const value = entry[1];
      pushTo(pairs, [propertyKey(key), value]);
    }
    return apply(original, Object, [pairs]);
  },
}).fromEntries);

// --- Typed arrays and buffers ------------------------------------------------------

// What a typed array constructor gets instead of an iterable or array-like:
// its values read once, into a fresh array.
function typedValues(api, source) {
  if (!isObject(source) || isTypedArray(source) || isArrayBuffer(source)) return source;
  const iterator = source[Symbol.iterator];
  const values = iterator !== undefined && iterator !== null ? valuesOf(api, source) : arrayLike(api, source, false)[0];
  return values === source ? apply(arraySliceOriginal, values, []) : values;
}
// And each value as V8 will store it, read as a number (`storedNumber`):
// a long string charged, an object converted once.
function typedSource(api, source) {
  const values = typedValues(api, source);
  if (values === source) return values;
  // Not iterable: V8 reads an array-like by index, where it would call
  // the (counted) array iterator's `next` for each item.
  defineProperty(values, Symbol.iterator, { value: undefined });
  meter(perItems(values.length * GAS_TYPED_ITEM));
  return storedNumbers(values);
}
// `values`, each made what a typed array stores (`storedNumber`), in place.
function storedNumbers(values) {
  for (let k = 0; k < values.length; k++) {
    const value = values[k];
    if (scansWhenStored(value)) values[k] = storedNumber(value);
  }
  return values;
}
// What an `Array.prototype` method about to store into `object` (its
// `this`) must hand V8: into a typed array, `values` from `from` on as the
// numbers it stores (`fill` stores one many times). An object with a typed
// array on its prototype chain is refused: its own items, moved or stored
// at indices the typed array does not have, would be read as numbers there
// (red team round 30: `fill` on one, 11 ms a store, past the deadline).
function storedArguments(api, object, values, from) {
  if (!readsStoredNumber(object, 0)) return;
  if (!isTypedArray(unproxied(object))) throw new TypeError(`${api} on an object with a typed array on its prototype chain`);
  for (let k = from; k < values.length; k++) if (typeof values[k] !== 'number') values[k] = positive(values[k]);
}
// A mapping function whose answers a typed array stores.
function mappedToNumbers(mapper, thisArg) {
  return function mapped(...args) {
    return storedNumber(apply(mapper, thisArg, args));
  };
}
for (const name of ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'Float32Array', 'Float64Array']) {
  replaceConstructor(name, (original) => function typedArray(source, offset, length) {
    if (new.target === undefined) throw new TypeError(`Constructor ${name} requires 'new'`);
    if (!isObject(source)) {
      const count = source === undefined ? 0 : integerOf(source);
      meter(perItems(checkItems(name, count) / 8));
      return construct(original, [count], new.target);
    }
    const values = typedSource(name, source);
    const count = isTypedArray(values) ? apply(typedLength, values, []) : values.length ?? 0;
    meter(perItems(checkItems(name, typeof count === 'number' ? count : 0)));
    if (!isArrayBuffer(values)) return construct(original, [values, offset, length], new.target);
    // A view's offset and length, read as numbers (N1).
    const [from, to] = numbersOf([offset, length]);
    return construct(original, [values, offset === undefined ? undefined : from, length === undefined ? undefined : to],
      new.target);
  });
}
// A view's offset and length, read as numbers (N1; red team round 33: a
// 2 MiB string offset, 11 ms a view for 14 gas), after the buffer's check,
// in the standard's order.
replaceConstructor('DataView', (original) => function DataView(buffer, byteOffset, byteLength) {
  if (new.target === undefined) throw new TypeError("Constructor DataView requires 'new'");
  if (!isArrayBuffer(buffer)) return construct(original, [buffer], new.target);
  const offset = byteOffset === undefined ? undefined : integerOf(byteOffset);
  const length = byteLength === undefined ? undefined : integerOf(byteLength);
  return construct(original, [buffer, offset, length], new.target);
});
// DataView's 64-bit BigInt setters convert the value with ToBigInt, which
// parses a string: the offset and then the value are converted once, and a
// string is checked and charged as BigInt() does.
// In the standard's order (red team round 22 found the value converted
// first): the receiver, then the offset (a bad one is V8's RangeError,
// raised by V8 before the value is looked at), then the value.
const dataViewByteLength = getOwnPropertyDescriptor(DataView.prototype, 'byteLength').get;
for (const name of ['setBigInt64', 'setBigUint64']) {
  replaceMethod(DataView.prototype, name, (original) => ({
    [name](offset, value, littleEndian) {
      apply(dataViewByteLength, this, []);
      const index = integerOf(offset);
      if (index < 0 || index > Number.MAX_SAFE_INTEGER) return apply(original, this, [index, 0n, littleEndian]);
      const primitive = isObject(value) ? toPrimitive(value) : value;
      if (typeof primitive === 'string') checkBigIntText(`DataView.prototype.${name}`, primitive);
      return apply(original, this, [index, primitive, littleEndian]);
    },
  })[name]);
}
// The other DataView accessors read their offset (and a setter its value)
// as numbers: converted once here, a long string charged (N1).
for (const name of getOwnPropertyNames(DataView.prototype)) {
  if (!/^[gs]et(?:Int|Uint|Float|BigInt|BigUint)\d+$/.test(name) || name === 'setBigInt64' || name === 'setBigUint64') continue;
  const positions = name[0] === 's' ? [0, 1] : [0];
  replaceMethodBy(DataView.prototype, name, (original) => ({
    [name](...args) {
      apply(dataViewByteLength, this, []);
      numbersAt(args, positions);
      return apply(original, this, args);
    },
  })[name]);
}
// Number.prototype's formatting methods read their argument as a number,
// and are charged first for the digits V8 then makes (red team round 45:
// `(5e-324).toString(2)`, 1,076 characters, ~5 us; `toPrecision(100)` of
// 1.8e308, ~5 us, with big numbers past 17 digits; both ~200x the median a
// gas before), and as any number made text is (chargeNumberText; round 48:
// `(k * 1.37).toString()` at 12 ns a gas before).
for (const name of ['toFixed', 'toExponential', 'toPrecision', 'toString']) {
  replaceMethodBy(Number.prototype, name, (original) => ({
    [name](digits) {
      const x = apply(numberValueOf, this, []);
      const n = digits === undefined || typeof digits === 'number' ? digits : positive(digits);
      meter(formattingCharge(name, x, n));
      chargeNumberText(x);
      return apply(original, this, [n]);
    },
  })[name]);
}
// Each digit of a radix other than 10 (~5-20 ns); a decimal of more than 17
// digits (`toPrecision`, `toExponential`) made with big numbers, whose cost
// grows with the digits and the exponent (~0.5 us for 100 digits of 0.1,
// ~5 us of 1.8e308); `toFixed` past 20 digits (~0.7 us for 100).
const GAS_RADIX_DIGIT = 6;
const GAS_LONG_FORMAT = 120;
function formattingCharge(name, x, digits) {
  if (x - x !== 0) return 0; // NaN and the infinities are words
  const bits = x === 0 ? 0 : log2(x < 0 ? -x : x);
  const magnitude = bits < 0 ? -bits : bits;
  const count = trunc(digits);
  if (name === 'toString') {
    if (!(count >= 2 && count <= 36) || count === 10) return 0;
    return cost(((magnitude + (x === trunc(x) ? 1 : 54)) / log2(count)) * GAS_RADIX_DIGIT);
  }
  // (From 2^70 on, toFixed writes the number as String() does.)
  if (name === 'toFixed') return count > 20 && bits < 70 ? GAS_LONG_FORMAT + 3 * count : 0;
  const significant = name === 'toExponential' ? count + 1 : count;
  return significant > 17 && significant <= 101 ? cost(GAS_LONG_FORMAT + significant * (4 + magnitude * 0.30103 / 20)) : 0;
}
replaceConstructor('ArrayBuffer', (original) => function ArrayBuffer(length, options) {
  if (new.target === undefined) throw new TypeError("Constructor ArrayBuffer requires 'new'");
  const bytes = integerOf(length);
  meter(perChars(checkItems('ArrayBuffer', bytes / 8) * 8));
  return construct(original, [bytes, options], new.target);
});
replaceMethod(globalThis.ArrayBuffer.prototype, 'slice', (original) => ({
  slice(start, end) {
    const bytes = apply(getOwnPropertyDescriptor(globalThis.ArrayBuffer.prototype, 'byteLength').get, this, []);
    meter(perChars(bytes));
    return apply(original, this, [start === undefined ? undefined : positive(start), end === undefined ? undefined : positive(end)]);
  },
}).slice);
const TypedArray = getPrototypeOf(Uint8Array);
const GAS_TYPED_FROM_ITEM = 40;
for (const name of ['from', 'of']) {
  replaceMethod(TypedArray, name, (original) => ({
    [name](...args) {
      if (name === 'of') {
        meter(perItems(args.length));
        return apply(original, this, storedNumbers(args));
      }
      const [source, mapper, thisArg] = args;
      // A mapping function's answers are what is stored.
      const mapping = typeof mapper === 'function';
      const values = mapping ? typedValues('%TypedArray%.from', source) : typedSource('%TypedArray%.from', source);
      const typed = isTypedArray(values);
      const length = typed ? apply(typedLength, values, []) : values.length;
      // V8 walks a typed array through its (library) iterator, ~50-100 ns an
      // item; a mapping function through the library's, and a built-in one
      // as a callback (red team round 47: 90-340 ns a gas at 1 an item).
      meter(perItems(length * ((typed ? GAS_TYPED_FROM_ITEM : 1) + (mapping ? GAS_ITERATION_STEP : 0))));
      if (mapping) meter(builtInCallbackCharge(mapper, length));
      return apply(original, this, mapping ? [values, mappedToNumbers(mapper, thisArg)] : [values, mapper, thisArg]);
    },
  })[name]);
}
const byteArrays = ['Uint8Array', 'Int8Array', 'Uint8ClampedArray'];
// A long typed array joined JOIN_CHUNK items at a time (as
// `joinInChunks`), each piece a view of its buffer made by V8's own
// constructor (a species of the contract's would run its code).
function joinTypedInChunks(typed, length, separator, join) {
  const Kind = typedConstructors[apply(typedTag, typed, [])];
  const buffer = apply(typedBuffer, typed, []);
  const offset = apply(typedByteOffset, typed, []);
  const pieces = [];
  for (let from = 0; from < length; from += JOIN_CHUNK) {
    const view = construct(Kind, [buffer, offset + from * Kind.BYTES_PER_ELEMENT, min(JOIN_CHUNK, length - from)]);
    pushTo(pieces, apply(join, view, [separator]));
  }
  return apply(arrayJoin, pieces, [separator]);
}
// The arguments a typed array method reads as numbers (N1), converted once
// here: indices, counts, `fill`'s value (stored as a number).
const TYPED_NUMBER_ARGUMENTS = {
  __proto__: null, slice: [0, 1], subarray: [0, 1], fill: [0, 1, 2], copyWithin: [0, 1, 2], indexOf: [1],
  lastIndexOf: [1], includes: [1], at: [0], set: [1],
};
// Typed array methods walk their internal length (an own `length` property
// cannot change it).
for (const [name, perItem] of [
  ['indexOf', 1], ['lastIndexOf', 1], ['includes', 1], ['slice', 1], ['forEach', 1], ['map', 2], ['filter', 2],
  ['some', 1], ['every', 1], ['find', 1], ['findIndex', 1], ['reduce', 1], ['reduceRight', 1], ['fill', 1],
  ['reverse', 1], ['copyWithin', 1], ['join', 4], ['toLocaleString', 4], ['sort', 0], ['set', 0],
  ['findLast', 1], ['findLastIndex', 1], ['at', 0], ['subarray', 0],
]) {
  const api = `%TypedArray%.prototype.${name}`;
  const positions = TYPED_NUMBER_ARGUMENTS[name];
  const install = name === 'findLast' || name === 'findLastIndex' || name === 'at'
    ? (make) => defineMethod(TypedArrayPrototype, name, make(TypedArrayPrototype[name]))
    : (make) => replaceMethod(TypedArrayPrototype, name, make);
  install((original) => ({
    [name](...args) {
      const length = checkItems(api, apply(typedLength, this, []));
      if (positions !== undefined) numbersAt(args, positions);
      if (CALLS_BACK[name] === true) meter(builtInCallbackCharge(args[0], length));
      let units = length * perItem;
      // Elements of more than a byte have too many values for V8's
      // number-to-string cache.
      if ((name === 'join' || name === 'toLocaleString') && !byteArrays.includes(apply(typedTag, this, []))) {
        units += length * GAS_NUMBER_TEXT;
      }
      if (name === 'sort') {
        units = length * ceil(log2(length + 1));
        if (typeof args[0] === 'function') args[0] = comparedOnce(args[0]);
      }
      if (name === 'map' && typeof args[0] === 'function') {
        args[0] = mappedToNumbers(args[0], args[1]);
        args[1] = undefined;
      }
      if (name === 'set') {
        const source = typedSource(api, args[0]);
        args[0] = source;
        units = isTypedArray(source) ? apply(typedLength, source, []) : source.length;
      }
      meter(perItems(units));
      if (name !== 'join' && name !== 'toLocaleString') return apply(original, this, args);
      // The separators are charged and capped first; the numbers' text,
      // at most 24 characters each, is measured after.
      const separator = name === 'join' && args[0] !== undefined ? textOf(args[0]) : ',';
      if (name === 'join') args[0] = separator;
      const separators = checkChars(api, max(length - 1, 0) * separator.length);
      meter(perChars(separators));
      const text = name === 'join' && length > JOIN_CHUNK
        ? joinTypedInChunks(this, length, separator, original)
        : apply(original, this, args);
      meter(perChars(checkChars(api, text.length)));
      return text;
    },
  })[name]);
}

// --- Calls with argument lists -----------------------------------------------------

// Bound arguments add up through nested binds, and every call of the result
// copies them all and unwraps each level: both are capped, the arguments
// like a spread's, the levels like proxies over proxies.
const boundBy = new WeakMap();
const functionHasInstance = Function.prototype[Symbol.hasInstance];
// What `bind` returns: a function of the library's that calls or constructs
// V8's bound function, so that every call of it counts (bound built-ins as
// getters, `valueOf`s or proxy traps would otherwise recurse through V8
// alone, uncounted). It has the bound function's name, length and
// `instanceof`, and no prototype.
// `toString` shows the library's functions (`libraryFunctions`) as V8
// shows a built-in, not the library's source (which would change with
// every release of it).
replaceMethodBy(Function.prototype, 'toString', (original) => ({
  toString() {
    if (typeof this !== 'function' || !apply(weakSetHas, libraryFunctions, [this])) return apply(original, this, []);
    const name = getOwnPropertyDescriptor(this, 'name')?.value;
    // (A bound function shows no name, as V8 shows one.)
    const shown = typeof name === 'string' && !apply(weakSetHas, boundWrappers, [this]) ? name : '';
    return `function ${shown}() { [native code] }`;
  },
}).toString);
function countedBound(bound) {
  const wrapper = function (...args) {
    deeper();
    try {
      if (new.target === undefined) return apply(bound, this, args);
      return construct(bound, args, new.target === wrapper ? bound : new.target);
    } finally {
      depth--;
    }
  };
  defineProperty(wrapper, 'name', { value: bound.name, configurable: true });
  defineProperty(wrapper, 'length', { value: bound.length, configurable: true });
  wrapper.prototype = undefined;
  const hasInstance = counted({
    [Symbol.hasInstance](value) {
      return apply(functionHasInstance, bound, [value]);
    },
  }[Symbol.hasInstance]);
  defineProperty(wrapper, Symbol.hasInstance, { value: hasInstance });
  apply(weakSetAdd, libraryFunctions, [wrapper]);
  apply(weakSetAdd, boundWrappers, [wrapper]);
  return wrapper;
}
// The functions `bind` made (countedBound).
const boundWrappers = new WeakSet();
replaceMethod(Function.prototype, 'bind', (original) => ({
  bind(thisArg, ...args) {
    const [inner, levels] = (isObject(this) ? boundBy.get(this) : undefined) ?? [0, 0];
    const total = inner + args.length;
    if (total > MAX_SPREAD) throw overLimit('Function.prototype.bind', 'binds', total, `${MAX_SPREAD} arguments in all`);
    if (levels + 1 > MAX_PROXY_DEPTH) {
      throw overLimit('Function.prototype.bind', 'nests binds', levels + 1, `${MAX_PROXY_DEPTH} deep`);
    }
    meter(perItems(args.length));
    const bound = countedBound(apply(original, this, withFirst(thisArg, args)));
    boundBy.set(bound, [total, levels + 1]);
    return bound;
  },
}).bind);
replaceMethod(Function.prototype, 'apply', (original) => ({
  apply(thisArg, list) {
    return apply(original, this, [thisArg, argumentList('Function.prototype.apply', list)]);
  },
}).apply);
replaceMethod(Reflect, 'apply', (original) => ({
  apply(target, thisArg, list) {
    return original(target, thisArg, argumentList('Reflect.apply', list));
  },
}).apply);
replaceMethod(Reflect, 'construct', (original) => ({
  construct(target, list, newTarget) {
    const values = argumentList('Reflect.construct', list);
    return arguments.length > 2 ? original(target, values, newTarget) : original(target, values);
  },
}).construct);
// The spread in calls, `new` and array literals (the compiler's
// `__v8vm_spread`): the values read once, from a metered loop.
function spread(iterable, call) {
  if (isPlainArray(iterable)) {
    const length = iterable.length;
    if (call && length > MAX_SPREAD) throw overLimit('a spread call', 'passes', length, `${MAX_SPREAD} arguments`);
    checkItems('a spread', length);
    meter(perItems(length * GAS_ITERATION_STEP));
    // A genuine array still iterates through its (frozen) iterator.
    return iterable;
  }
  const values = valuesOf('a spread', iterable);
  if (call && values.length > MAX_SPREAD) {
    throw overLimit('a spread call', 'passes', values.length, `${MAX_SPREAD} arguments`);
  }
  return values;
}

// The spread in object literals (`{...value}`, the compiler's
// `__v8vm_spread_object`): a string's characters become properties.
function spreadObject(value) {
  meter(perItems(keyCount('an object spread', value, true)));
  return value;
}

// `for (k in value)` (the compiler's `__v8vm_for_in`): V8 collects every
// key before the first iteration, of the object and of each prototype it
// inherits from (to a proxy, whose keys its trap returns).
// `for (x of value)`: `for (x of __v8vm_iterate(value))`. When a loop's
// body throws, V8 closes the iterator, and if the iterator's `return` is
// not a function, words a TypeError (parsing the contract's function
// again) that it then drops: one per loop a throw leaves, none seen by the
// meter (red team round 11). An iterator other than a genuine array's or a
// string's is handed to V8 through one of the library's, whose `return` is
// always a function: the contract's `return` is called as V8 would, and one
// that is not a function is refused here, without re-parsing anything.
// Each value read costs what a built-in pays to read one.
const GAS_ITERATOR_WRAPPER = 40;
function iterate(value) {
  if (typeof value === 'string') return value;
  if (!isObject(value)) return value;
  if (isPlainArray(value)) return value;
  // The wrapper, its iterator and their functions.
  meter(GAS_ITERATOR_WRAPPER);
  return {
    [Symbol.iterator]() {
      const iterator = value[Symbol.iterator]();
      if (!isObject(iterator)) return iterator;
      const next = iterator.next;
      return {
        next() {
          meter(GAS_ITERATION_STEP);
          return apply(next, iterator, []);
        },
        return() {
          // Closing takes V8 a few microseconds (unwinding, the call). A
          // `return` that is not a function closes quietly: V8 would throw a
          // TypeError worded by parsing the contract's function again, and
          // drop it when a throw closes the loop (after a `break`, it would
          // reach the contract: the one difference from plain JavaScript).
          meter(GAS_THROWN);
          const close = iterator.return;
          if (typeof close !== 'function') return { done: true, value: undefined };
          return apply(close, iterator, []);
        },
      };
    },
  };
}

function forIn(value) {
  const units = keyCount('for...in', value);
  // Each prototype's keys too, a proxy's as its target's (its traps, if
  // any, are contract code that pays for itself).
  for (let object = isObject(value) ? unproxied(value) : undefined; object !== undefined;) {
    const proto = getPrototypeOf(object);
    object = proto === null ? undefined : unproxied(proto);
    if (object !== undefined && !apply(weakSetHas, realmObjects, [object])) ownKeysOf('for...in', object);
  }
  meter(perItems(units));
  return value;
}

// --- Objects -----------------------------------------------------------------------

// The gas units of a built-in that lists or copies an object's own keys,
// counted first (an object's are charged here): a string's characters, a
// typed array's or an array's items, any other object's own keys of every
// kind (an object built once can be listed any number of times, and V8
// scans hidden keys too); a proxy's as its target's (V8 lists those where
// the proxy has no trap).
function keyCount(api, value, copies = false) {
  if (typeof value === 'string') return indexKeysCharge(api, value.length, copies);
  if (!isObject(value)) return 0;
  // A String object has a key per character too.
  if (isStringObject(value)) return indexKeysCharge(api, apply(stringValueOf, value, []).length, copies);
  const kind = engine.kind(value);
  if (kind === 'proxy') {
    const target = unproxied(value);
    if (target === undefined) return 0;
    checkProxyKeys(api, target);
    return keyCount(api, target, copies);
  }
  if (isTypedArray(value)) return indexKeysCharge(api, apply(typedLength, value, []), copies);
  if (kind === 'array') return indexKeysCharge(api, value.length, copies);
  return ownKeysOf(api, value, copies);
}
// V8 walks the keys of a proxy in C++ (`Object.assign`, `{...p}`,
// `Object.entries`, JSON.stringify), calling a trap or two for each and
// keeping a handle per key, which each collection of the young generation
// visits: time square in the keys (red team round 49: 100,000 keys, ~12 ns
// a gas; 12,500, ~7). A proxy's keys, its target's or its `ownKeys`
// trap's answer, are at most MAX_PROXY_KEYS.
const MAX_PROXY_KEYS = 16384;
function checkProxyKeys(api, target) {
  const count = isTypedArray(target) ? apply(typedLength, target, [])
    : isArray(target) ? target.length : ownKeys(target).length;
  if (count > MAX_PROXY_KEYS) throw overLimit(api, 'meets a proxy of', count, `${MAX_PROXY_KEYS} keys`);
}
// Charges for listing an object's own keys (and for copying them, if the
// built-in `copies`), listed once to count them (the listing is paid even
// when the count is refused), and returns 0.
function ownKeysOf(api, object, copies = false) {
  const count = ownKeys(object).length;
  meter(perItems(ownKeysCharge(count) * (copies ? 2 : 1)));
  checkItems(api, count);
  return 0;
}
for (const [target, name] of [[Object, 'keys'], [Object, 'values'], [Object, 'entries'],
  [Object, 'getOwnPropertyNames'], [Object, 'getOwnPropertySymbols'], [Object, 'getOwnPropertyDescriptors'],
  [Object, 'freeze'], [Object, 'seal'], [Object, 'isFrozen'], [Object, 'isSealed'], [Object, 'preventExtensions'],
  [Reflect, 'ownKeys'], [Reflect, 'preventExtensions']]) {
  const api = `${target === Object ? 'Object' : 'Reflect'}.${name}`;
  replaceMethod(target, name, (original) => ({
    [name](value) {
      meter(perItems(keyCount(api, value, name === 'entries' || name === 'getOwnPropertyDescriptors')));
      const result = apply(original, target, [value]);
      if (isArray(result)) meter(perItems(result.length));
      return result;
    },
  })[name]);
}
replaceMethod(Object, 'assign', (original) => ({
  assign(target, ...sources) {
    for (let i = 0; i < sources.length; i++) meter(perItems(keyCount('Object.assign', sources[i], true)));
    // Into a typed array (or an object with one on its prototype chain),
    // or an array's `length` from a source that may have one of its own
    // (an array's is not enumerable): each value written as the contract's
    // own `target[key] = value` is (`store`).
    const into = isObject(target) ? unproxied(target) : undefined;
    // (Into a function: its `prototype` may be among the keys.)
    let library = into !== undefined && (readsStoredNumber(target, 0) || typeof target === 'function');
    if (into !== undefined && isArray(into)) {
      for (let i = 0; i < sources.length; i++) {
        if (isObject(sources[i]) && engine.kind(sources[i]) !== 'array') library = true;
      }
    }
    if (!library) return apply(original, Object, withFirst(target, sources));
    for (let i = 0; i < sources.length; i++) {
      if (sources[i] === null || sources[i] === undefined) continue;
      const from = ObjectOf(sources[i]);
      const keys = ownKeys(from);
      meter(perItems(keys.length * GAS_ASSIGNED_KEY));
      for (let k = 0; k < keys.length; k++) {
        if (apply(propertyIsEnumerable, from, [keys[k]])) store(target, keys[k], from[keys[k]], false);
      }
    }
    return target;
  },
}).assign);
// ObjectDefineProperties' reading of its descriptors, once: the enumerable
// own properties of `properties`, each made a plain descriptor.
function plainDescriptors(properties, object) {
  const plain = { __proto__: null };
  for (const key of ownKeys(properties)) {
    const own = getOwnPropertyDescriptor(properties, key);
    if (own !== undefined && own.enumerable) {
      meter(GAS_DEFINE_PROPERTY);
      const descriptor = properties[key];
      // (V8 refuses one that is no object, in its own words.)
      plain[key] = isObject(descriptor) ? plainDescriptor(descriptor, object, key) : descriptor;
    }
  }
  return plain;
}
for (const [target, name] of [[Object, 'defineProperties'], [Object, 'create']]) {
  replaceMethod(target, name, (original) => ({
    [name](object, properties) {
      if (name === 'create') checkChain(`Object.${name}`, object, 1, false);
      if (properties !== undefined) meter(perItems(keyCount(`Object.${name}`, properties)));
      // An existing object's properties may be redefined (plainDescriptor).
      if (isObject(properties) && (name === 'create' || isObject(object))) {
        return apply(original, Object, [object, plainDescriptors(properties, name === 'create' ? undefined : object)]);
      }
      return apply(original, Object, [object, properties]);
    },
  })[name]);
}

// Prototype chains a contract builds stay short: V8 walks them on every
// lookup that misses. And V8 follows a proxy (to its target and its handler)
// by recursion on the native stack: the number of proxies any lookup can
// pass through is bounded. A proxy's count is its own plus the most that
// its target's or handler's prototype chain holds; the chains that
// setPrototypeOf changes may hold no proxy at all (an object given a new
// prototype may already be inside other chains, whose counts would grow
// unseen), while new objects (Object.create, literals, classes) may sit on
// any chain.
const proxyDepth = new WeakMap();
// Each proxy's target: what V8 works on where a trap is missing.
const proxyTarget = new WeakMap();
// The object beneath any proxies over it (undefined for a proxy the
// library did not make: none is reachable).
function unproxied(object) {
  let found = object;
  while (found !== undefined && engine.kind(found) === 'proxy') found = proxyTarget.get(found);
  return found;
}
// The proxies a lookup on `value` passes through, most: walking its
// prototype chain to the first proxy, whose count covers the rest.
function proxiesIn(value) {
  for (let p = value; isObject(p); p = getPrototypeOf(p)) {
    if (engine.kind(p) === 'proxy') return proxyDepth.get(p) ?? MAX_PROXY_DEPTH;
    meter(1);
  }
  return 0;
}
// `settable`: the chain is set on an existing object (setPrototypeOf,
// `__proto__ =`), not given to a new one.
function checkChain(api, proto, extra, settable) {
  let length = extra;
  // Every object on the chain is marked (`prototypes`) up to the first
  // that was: what is above a marked object was marked with it.
  let marking = true;
  for (let p = proto; isObject(p); p = getPrototypeOf(p)) {
    if (engine.kind(p) === 'proxy') {
      if (!settable) return;
      throw new TypeError(`${api}: a prototype chain set this way may not hold a proxy`);
    }
    // An object given a typed array for a prototype would have V8 read
    // what is written to it as a number (`readsStoredNumber`): the library
    // finds the typed array before each write, and no chain may gain one
    // later, in the middle of a built-in's writes (red team round 31:
    // Object.assign's getter set one, 45 s past a 5 s deadline).
    if (settable && isTypedArray(p)) {
      throw new TypeError(`${api}: a prototype chain set this way may not hold a typed array`);
    }
    if (++length > MAX_PROTOTYPE_CHAIN) {
      throw overLimit(api, 'makes a prototype chain longer than', MAX_PROTOTYPE_CHAIN, `${MAX_PROTOTYPE_CHAIN}`);
    }
    if (marking) {
      marking = !apply(weakSetHas, prototypes, [p]);
      if (marking) apply(weakSetAdd, prototypes, [p]);
    }
  }
}
function checkReparent(api, object, proto) {
  // Past proxies: one with no trap passes the change on to its target
  // (red team round 43: `setPrototypeOf(new Proxy(top, {}), next)`).
  let found = object;
  while (isObject(found) && engine.kind(found) === 'proxy') found = proxyTarget.get(found);
  if (isObject(found) && apply(weakSetHas, prototypes, [found]) && isExtensible(found)
    && getPrototypeOf(found) !== proto) {
    throw new TypeError(`${api}: an object that is another's prototype may not be given a new one`);
  }
  // An array keeps the prototype it was made with: the built-ins that walk
  // it charge for the chain they find first (`contractLinks`), and a
  // callback or an index getter re-parenting it under a chain of element
  // tables mid-walk made each hole left cost ~30 lookups, uncharged (red
  // team round 50's review: ~2,600 ns a gas, a second past a deadline).
  if (isObject(found) && keepsPrototype(found) && getPrototypeOf(found) !== proto) {
    throw new TypeError(`${api}: an array or an arguments object keeps the prototype it was made with`);
  }
}
// `{ __proto__: p }` in an object literal (the compiler's `__v8vm_proto`):
// the chain it makes is bounded as `Object.create`'s (red team round 35: V8
// built a chain of 40,000 literals in 6.9 s, for 400,000 gas).
function proto(value) {
  checkChain("an object literal's __proto__", value, 1, false);
  return value;
}
// `class C extends B` (the compiler's `__v8vm_heritage`): C's chain is B's
// one longer, and C.prototype's is B.prototype's: both bounded as
// `Object.create`'s (a loop of `C = class extends C {}` built chains of any
// length). `prototype` is read as V8 reads it, a constructor's own data
// property (a bound function's is the library's `undefined`). A proxy may
// not be extended: V8 reads its target's `prototype` through it unseen
// (red team round 42: `class extends new Proxy(K, {})` in a loop, a chain
// of 40,000 links).
function heritage(value) {
  if (isObject(value)) {
    if (engine.kind(value) === 'proxy') throw new TypeError('class extends: a proxy may not be extended');
    checkChain('class extends', value, 1, false);
    const own = getOwnPropertyDescriptor(value, 'prototype');
    if (own !== undefined && 'value' in own) checkChain('class extends', own.value, 1, false);
  }
  return value;
}
for (const target of [Object, Reflect]) {
  replaceMethod(target, 'setPrototypeOf', (original) => ({
    setPrototypeOf(object, proto) {
      const api = `${target === Object ? 'Object' : 'Reflect'}.setPrototypeOf`;
      checkReparent(api, object, proto);
      checkChain(api, proto, 1, true);
      return original(object, proto);
    },
  }).setPrototypeOf);
}
{
  const desc = getOwnPropertyDescriptor(Object.prototype, '__proto__');
  const setProto = desc.set;
  const setter = getOwnPropertyDescriptor({
    set __proto__(proto) {
      checkReparent('Object.prototype.__proto__', this, proto);
      checkChain('Object.prototype.__proto__', proto, 1, true);
      apply(setProto, this, [proto]);
    },
  }, '__proto__').set;
  defineProperty(Object.prototype, '__proto__', { get: desc.get, set: setter, enumerable: false, configurable: true });
  replacedBuiltIns.set(setProto, setter);
}
// A proxy of a bound function calls it: it carries the same bound
// arguments and levels into the next bind.
function followBinds(proxy, target) {
  const record = isObject(target) ? boundBy.get(target) : undefined;
  if (record !== undefined) boundBy.set(proxy, record);
}
function checkProxy(target, handler) {
  // Added, not the larger: an operation may go through both (the trap
  // looked up on the handler, then the target), and `new Proxy(p, p)` over
  // and over would double the work at each level.
  const depth = proxiesIn(target) + proxiesIn(handler) + 1;
  if (depth > MAX_PROXY_DEPTH) throw overLimit('Proxy', 'nests proxies', depth, `${MAX_PROXY_DEPTH} deep`);
  return depth;
}
// The handler V8 sees is the library's: a proxy whose `get` looks up the
// contract's trap when V8 asks for it, as V8 would, and hands back a counted
// call of it (the same one while the trap is the same), or what it found if
// that is not a function: no trap (V8 then forwards natively), or one V8
// refuses in its own words. A trap could otherwise be a built-in
// (`Function.prototype[Symbol.hasInstance]` as `getPrototypeOf`) recursing
// through V8 alone, uncounted, to its stack limit.
const ProxyOriginal = Proxy;
// What the library keeps of each proxy it made: the proxies beneath it, its
// target, and the bound-argument record of a bound function it wraps.
function recordProxy(proxy, depth, target) {
  proxyDepth.set(proxy, depth);
  proxyTarget.set(proxy, target);
  followBinds(proxy, target);
}
// What V8 does with a trap's answer, or the value it was given, in time
// that grows with a string's length: compares it with the target's own
// (SameValue, for a non-configurable property: `get`, `set`,
// `defineProperty`, `getOwnPropertyDescriptor`), charged as `===` charges;
// makes property keys of `ownKeys`' list (read once here, each key checked
// as `o[k]` checks it: long ones collide; red team round 26).
function trapAnswer(name, answer, args) {
  switch (name) {
    case 'get':
      // A `length` may be read as a number (by `push`, an array iterator):
      // a string is charged as that read; an object, which V8 would convert
      // there (its `valueOf` answering a long string, uncharged: red team
      // round 35), is refused, as `pop` and `push` refuse an object length.
      if (args[1] === 'length' && isObject(answer)) {
        throw new TypeError('a Proxy get trap answered length with an object: answer a number or a string');
      }
      // A proxy of a function constructs objects below the `prototype` its
      // trap answers (`new p()`, `Reflect.construct`).
      checkPrototypeWrite(args[0], args[1], answer);
      if (typeof answer === 'string' && args[1] === 'length') chargeNumberRead(answer);
      else if (typeof answer === 'string' && answer.length > FREE_COMPARE) chargeStringsCompared(answer.length);
      return answer;
    case 'set':
      if (typeof args[2] === 'string' && args[2].length > FREE_COMPARE) chargeStringsCompared(args[2].length);
      return answer;
    case 'defineProperty': {
      // (The descriptor is V8's own plain object.)
      const value = isObject(args[2]) ? args[2].value : undefined;
      if (typeof value === 'string' && value.length > FREE_COMPARE) chargeStringsCompared(value.length);
      return answer;
    }
    case 'getOwnPropertyDescriptor':
      // V8 completes the descriptor and checks it against the target's
      // property (red team round 49: `Object.assign({}, proxy)`, two traps
      // a key, ~1 us, 10-17 ns a gas before).
      if (!isObject(answer)) return answer;
      meter(GAS_DESCRIPTOR_ANSWER);
      return plainDescriptor(answer);
    case 'ownKeys': {
      if (!isObject(answer)) return answer; // V8 refuses it, in its own words
      // Each key as a listed key (the library's copy, then V8's checks of
      // it against the target's: ~110 ns a key; at 1 gas a key, the same
      // array of 10,000 answered 1,000 times ran at ~55 ns a gas).
      const [items, length] = arrayLike('a Proxy ownKeys trap', answer, false);
      // (At most MAX_PROXY_KEYS: `checkProxyKeys`.)
      if (length > MAX_PROXY_KEYS) throw overLimit('a Proxy ownKeys trap', 'answers', length, `${MAX_PROXY_KEYS} keys`);
      meter(perItems(ownKeysCharge(length)));
      const keys = [];
      // A string key is charged as a property key: V8 adds the fresh ones
      // to its string table (round 49: `Object.assign({}, proxy)` of
      // 100,000 fresh keys, 40 ns a gas).
      for (let i = 0; i < length; i++) {
        const key = items[i];
        if (typeof key === 'string') chargeKey('a Proxy ownKeys key', key);
        pushTo(keys, key);
      }
      return keys;
    }
    default:
      return answer;
  }
}
function countedHandler(handler) {
  if (!isObject(handler)) return handler; // V8 refuses it, in its own words
  const calls = new OriginalMap(); // trap name -> [the contract's trap, its counted call]
  return new ProxyOriginal({}, {
    get(_, name) {
      // Each trap V8 looks up, found or not, is a step of the operation.
      meter(GAS_PROXY_TRAP);
      deeper();
      try {
        const trap = handler[name];
        if (typeof trap !== 'function') return trap;
        const known = apply(mapGet, calls, [name]);
        if (known !== undefined && known[0] === trap) return known[1];
        const call = function (...args) {
          deeper();
          try {
            return trapAnswer(name, apply(trap, handler, args), args);
          } finally {
            depth--;
          }
        };
        apply(mapSet, calls, [name, [trap, call]]);
        return call;
      } finally {
        depth--;
      }
    },
  });
}
replaceConstructor('Proxy', (original) => function Proxy(target, handler) {
  if (new.target === undefined) throw new TypeError("Constructor Proxy requires 'new'");
  const depth = checkProxy(target, handler);
  const proxy = construct(original, [target, countedHandler(handler)]);
  recordProxy(proxy, depth, target);
  return proxy;
});
replaceMethod(globalThis.Proxy, 'revocable', (original) => ({
  revocable(target, handler) {
    const depth = checkProxy(target, handler);
    const result = original(target, countedHandler(handler));
    recordProxy(result.proxy, depth, target);
    return result;
  },
}).revocable);

// --- JSON --------------------------------------------------------------------------

// JSON.parse: V8 parses with a stack of its own, whatever the nesting, but
// applies a reviver by recursion: with one, the text's nesting is checked
// first. (What later walks a deep result, stringify, join, flat, console,
// checks its own depth.)
function jsonDepth(text) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = apply(stringCharCodeAt, text, [i]);
    if (inString) {
      if (c === 92) i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 || c === 123) {
      if (++depth > deepest) deepest = depth;
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return deepest;
}
// V8 makes each key of a JSON text a property key (string table included:
// keys over 16,383 characters collide there, red team round 26): a text
// with one is refused, as `o[k]` refuses it. Only a text longer than that
// can hold one; each of its strings is found by its quotes (a malformed
// text is left to V8's error).
function checkJsonKeys(json) {
  if (json.length <= MAX_KEY + 2) return;
  for (let at = apply(stringIndexOf, json, ['"', 0]); at >= 0;) {
    let end = at;
    do {
      end = apply(stringIndexOf, json, ['"', end + 1]);
      if (end < 0) return;
    } while (escapedAt(json, end));
    if (end - at - 1 > MAX_KEY) {
      let next = end + 1;
      while (next < json.length && isJsonSpace(apply(stringCharCodeAt, json, [next]))) next++;
      if (json[next] === ':') checkKey('JSON.parse: a key', apply(jsonParse, JSON, [apply(stringSlice, json, [at, end + 1])]));
    }
    at = apply(stringIndexOf, json, ['"', end + 1]);
  }
}
// Each array, object and key V8 makes of a JSON text (~250 ns an empty
// array; ~570 ns an object with a key no other object had: red team round
// 47, up to 116 ns a gas at a gas a character), counted by their opening
// characters and colons (one in a string counts too) before V8 parses.
const GAS_JSON_ARRAY = 50;
const GAS_JSON_OBJECT = 75;
const GAS_JSON_KEY = 50;
function chargeJsonValues(json) {
  meter(perItems(countOf(json, '[') * GAS_JSON_ARRAY + countOf(json, '{') * GAS_JSON_OBJECT
    + countOf(json, ':') * GAS_JSON_KEY));
}
// How many times `text` holds the character `c`.
function countOf(text, c) {
  let count = 0;
  for (let at = apply(stringIndexOf, text, [c]); at >= 0; at = apply(stringIndexOf, text, [c, at + 1])) count++;
  return count;
}
// V8 reads each number of a JSON text as `Number()` reads a string: one of
// 10 digits or more takes it ~100 ns (a text of 15-digit numbers: ~6 ns a
// character, red team round 46), one with an exponent or more than 15
// digits may be settled with big numbers (round 45: 2,000 of `4527e-307`
// at 48 ns a gas; a 758-digit halfway case at ~4x). Each such number is
// found by one linear search of the text (a run of digits in a string is
// found too) and charged, 4 a digit to the 800th, and as `chargeNumberRead`
// charges a text of its length.
const jsonSlowNumber = /(?:^|[,:[\s])-?[0-9]+(?:\.[0-9]*)?[eE][+-]?[0-9]+|(?<![0-9])[0-9]{10,}/g;
const GAS_JSON_NUMBER = 16;
function chargeJsonNumbers(json) {
  jsonSlowNumber.lastIndex = 0;
  for (let found = apply(regExpExec, jsonSlowNumber, [json]); found !== null;
    found = apply(regExpExec, jsonSlowNumber, [json])) {
    const text = found[0];
    meter(GAS_JSON_NUMBER + 4 * min(text.length, MAX_SIGNIFICANT_SCAN) + numberReadCost(text));
  }
}
// Whether the quote at `at` is escaped (an odd run of backslashes before it).
function escapedAt(text, at) {
  let slashes = 0;
  while (at - slashes - 1 >= 0 && apply(stringCharCodeAt, text, [at - slashes - 1]) === 92) slashes++;
  return slashes % 2 === 1;
}
const isJsonSpace = (c) => c === 32 || c === 9 || c === 10 || c === 13;
// JSON.parse's walk for a reviver (InternalizeJSONProperty), here: the
// reviver may put anything in a holder before V8 reaches it, whose keys V8
// would list uncharged (red team round 32: a String of 2^20 characters,
// ~1 s a call for 290 gas), or a typed array, which reads the answers
// defined on it as numbers (round 31). Each object's keys are charged as
// Object.keys charges them, the nesting as deep as JSON.parse's, and an
// answer defined as the contract's own write would be (`stored`).
function internalize(holder, name, reviver, level) {
  const value = holder[name];
  if (isObject(value)) {
    checkNesting('JSON.parse', level + 1);
    const keys = [];
    if (isArray(value)) {
      const length = checkItems('JSON.parse', lengthOf(value.length));
      meter(perItems(length));
      for (let k = 0; k < length; k++) pushTo(keys, OriginalString(k));
    } else {
      meter(perItems(keyCount('JSON.parse', value)));
      const own = objectKeys(value);
      for (let k = 0; k < own.length; k++) pushTo(keys, own[k]);
    }
    for (let k = 0; k < keys.length; k++) {
      const revived = internalize(value, keys[k], reviver, level + 1);
      if (revived === undefined) {
        reflectDeleteProperty(value, keys[k]);
      } else {
        reflectDefine(value, keys[k], { value: stored(value, keys[k], revived), writable: true, enumerable: true,
          configurable: true });
      }
    }
  }
  return apply(reviver, holder, [name, value]);
}
replaceMethod(JSON, 'parse', (original) => ({
  parse(text, reviver) {
    const json = textOf(text);
    meter(GAS_JSON + cost(json.length));
    checkJsonKeys(json);
    if (typeof reviver === 'function') checkNesting('JSON.parse', jsonDepth(json));
    chargeJsonValues(json);
    chargeJsonNumbers(json);
    if (typeof reviver !== 'function') return apply(original, JSON, [json]);
    return internalize({ '': apply(original, JSON, [json]) }, '', reviver, 0);
  },
}).parse);
// JSON.stringify: charged for every value it visits, as it visits it, and
// the nesting checked on the way down, through a replacer of the library's
// (which calls the contract's replacer first, as the spec orders them).
// V8 writes ~3.5 ns a character (checking each for an escape): a gas per 2
// (was per 16: red team round 33, 2 MiB of text 68 ns a gas, 13x the median).
const jsonValueCharge = (size) => GAS_JSON_VALUE + cost(size / 2);
// V8 scans every own key of an object it serializes, shown or not: those it
// does not show (symbols, non-enumerable) are charged as listed keys.
const hiddenKeysCharge = (hidden) => (hidden > 0 ? perItems(ownKeysCharge(hidden)) : 0);
const ObjectPrototype = Object.prototype;
const ArrayPrototype = Array.prototype;
// The common case without the replacer (whose calls from V8 into the library
// cost ten times the serializing): a value of plain data, that is primitives
// other than BigInt, and objects and arrays that are not proxies, inherit
// from the (frozen) Object.prototype, Array.prototype or null, have no own
// `toJSON` and only data properties, so that serializing it runs no contract
// code. Returns what the replacer path would charge for it in all, or -1
// for anything else, or when that path would stop partway (too deep, too
// long, out of gas): the replacer path then runs and fails where it would.
function plainJsonCharge(value, gapLength, base) {
  let gas = 0;
  let chars = 0;
  plainJsonChars = 0;
  function visit(keyLength, found, level) {
    const size = keyLength + (typeof found === 'string' ? found.length : 8) + level * gapLength;
    chars += size;
    gas += jsonValueCharge(size);
    if (chars > MAX_STRING || gas > gasLeft) return false;
    if (typeof found === 'bigint') return false;
    if (typeof found !== 'object' || found === null) return true;
    if (depth + base + level + 1 > MAX_FUNCTION_DEPTH) return false;
    // A proxy's traps are contract code: nothing is asked of one.
    const kind = engine.kind(found);
    if (kind !== 'array' && kind !== 'object') return false;
    const prototype = getPrototypeOf(found);
    if (getOwnPropertyDescriptor(found, 'toJSON') !== undefined) return false;
    if (kind === 'array') {
      if (prototype !== ArrayPrototype) return false;
      for (let i = 0; i < found.length; i++) {
        const own = getOwnPropertyDescriptor(found, i);
        if (own !== undefined && !('value' in own)) return false;
        if (!visit(StringOf(i).length, own === undefined ? undefined : own.value, level + 1)) {
          return false;
        }
      }
      return true;
    }
    if (prototype !== ObjectPrototype && prototype !== null) return false;
    if (brandOf(found) !== undefined || isTypedArray(found)) return false;
    const shown = objectKeys(found);
    gas += hiddenKeysCharge(ownKeys(found).length - shown.length);
    if (gas > gasLeft) return false;
    for (let i = 0; i < shown.length; i++) {
      const own = getOwnPropertyDescriptor(found, shown[i]);
      if (!('value' in own) || !visit(shown[i].length, own.value, level + 1)) return false;
    }
    return true;
  }
  if (!visit(0, value, 0)) return -1;
  plainJsonChars = chars;
  return gas;
}
// The characters plainJsonCharge counted, for `escapedJson`.
let plainJsonChars = 0;
// What JSON.stringify wrote past the characters counted before it ran: the
// escapes (`\u0001` is six of one), a few microseconds a thousand, charged
// once V8 has written them (red team round 33: 2 MiB of control characters
// made 12.6M characters, ~45 ms for the 131,000 gas charged before). The
// counted characters are capped, and so the work one call does unpaid.
function escapedJson(json, counted) {
  if (json === undefined) return json;
  if (json.length > counted) meter(perItems((json.length - counted) * GAS_JSON_ESCAPE));
  checkChars('JSON.stringify', json.length);
  return json;
}
replaceMethod(JSON, 'stringify', (original) => ({
  stringify(value, replacer, space) {
    let gap = '';
    let indent = space;
    if (isObject(indent)) {
      if (isNumberObject(indent)) indent = positive(indent);
      else if (isStringObject(indent)) indent = textOf(indent);
    }
    if (typeof indent === 'number') gap = apply(stringRepeat, ' ', [min(10, max(0, integerOf(indent)))]);
    else if (typeof indent === 'string') gap = apply(stringSlice, indent, [0, 10]);
    let keep;
    if (isArray(replacer)) {
      const [items, length] = arrayLike('JSON.stringify', replacer, false);
      // Each item read, holes too (red team round 49: a list of 524,288
      // holes read at each of 1,000 calls, 12 us a gas).
      meter(perItems(length * 2));
      keep = [];
      const kept = new OriginalMap();
      for (let k = 0; k < length; k++) {
        const item = items[k];
        let key;
        if (typeof item === 'string' || typeof item === 'number') key = textOf(item);
        else if (isStringObject(item) || isNumberObject(item)) key = textOf(item);
        if (key === undefined) continue;
        // A key, as `o[k]` charges one; kept once (a table, not a search).
        chargeKey('JSON.stringify: a replacer key', key);
        if (apply(mapGet, kept, [key]) === undefined) {
          apply(mapSet, kept, [key, true]);
          pushTo(keep, key);
        }
      }
    }
    const contractReplacer = typeof replacer === 'function' ? replacer : undefined;
    const base = nativeDepth;
    if (keep === undefined && contractReplacer === undefined) {
      const charge = plainJsonCharge(value, gap.length, base);
      if (charge >= 0) {
        meter(charge);
        return escapedJson(apply(original, JSON, [value, undefined, gap]), plainJsonChars);
      }
    }
    // The library's replacer for the contract's function or list: a call
    // of it for each value, from V8 (~500 ns for the first; round 49:
    // `JSON.stringify(i, [])`, 26 ns a gas). (Plain data that took this
    // path pays what `plainJsonCharge` would have.)
    if (keep !== undefined || contractReplacer !== undefined) meter(GAS_JSON_REPLACER);
    const depths = new OriginalMap();
    let root = true;
    let chars = 0;
    function visit(key, current) {
      const level = root ? 0 : apply(mapGet, depths, [this]) ?? 0;
      root = false;
      // The serializer is `level` objects deep now, natively, under what
      // the contract's replacer or toJSON may call.
      nativeDepth = base + level;
      let found = current;
      if (contractReplacer !== undefined) found = apply(contractReplacer, this, [key, found]);
      // V8 turns a Number or String object into its primitive after the
      // replacer, calling the contract's `valueOf` or `toString`, and
      // reads what it returns as a number, or writes it out: here, once,
      // charged as the primitive (red team round 33: a `valueOf` answering
      // 2 MiB of spaces, 11 ms a value for 59 gas; a String object's 2 MiB
      // charged as 8 characters).
      if (isNumberObject(found)) found = positive(found);
      else if (isStringObject(found)) found = textOf(found);
      const size = key.length + (typeof found === 'string' ? found.length : 8) + level * gap.length;
      chars += size;
      meter(jsonValueCharge(size));
      if (chars > MAX_STRING) throw overLimit('JSON.stringify', 'makes', chars, `${MAX_STRING} characters`);
      if (isObject(found) && typeof found !== 'function') {
        nativeDepth = base + level;
        checkNesting('JSON.stringify', 1);
        // V8 lists a typed array's every index as a key before it visits
        // the first: charged and capped as visits first. It scans the keys
        // it does not show, too. (A proxy's keys are its target's where it
        // has no trap.)
        const listed = unproxied(found);
        if (listed !== undefined && listed !== found) checkProxyKeys('JSON.stringify', listed);
        // Its items looked up on its chain, holes included (`chainWalked`).
        if (listed === found && engine.kind(found) === 'array') chainWalked(found.length, contractLinks(found));
        if (listed !== undefined && isTypedArray(listed)) {
          meter(perItems(checkItems('JSON.stringify', apply(typedLength, listed, [])) * GAS_JSON_VALUE));
        } else if (keep === undefined && listed !== undefined && engine.kind(listed) !== 'array' &&
          brandOf(listed) === undefined) {
          meter(hiddenKeysCharge(ownKeys(listed).length - objectKeys(listed).length));
        }
        if (keep !== undefined && !isArray(found)) {
          // Each key of the list looked up and copied, for each object
          // (round 49: 4,096 keys over 2,000 objects, 4.3 us a gas).
          meter(perItems(keep.length * GAS_JSON_PICKED_KEY));
          const picked = {};
          for (let i = 0; i < keep.length; i++) {
            const name = keep[i];
            const picked_value = found[name];
            if (picked_value !== undefined) picked[name] = picked_value;
          }
          found = picked;
        }
        apply(mapSet, depths, [found, level + 1]);
      }
      return found;
    }
    let json;
    try {
      json = apply(original, JSON, [value, visit, gap]);
    } finally {
      nativeDepth = base;
    }
    // Escapes (`\u0001`) make the text up to six times what was counted.
    return escapedJson(json, chars);
  },
}).stringify);

// --- Regular expressions -----------------------------------------------------------

// Every regex search goes through `exec` (String's match, replace, split and
// RegExp's own methods call it). Each call is charged for the text it
// scanned: from where it started to the end of its match, or to the end of
// the text when it failed (a sticky search that fails looked only where it
// stood: split tries every position this way). A regex with a lookaround or
// a back-reference may read far past its match: it is charged up front for
// everything from where it starts to the end.
//
// Backtracking: every search runs on a twin of the regex: the pattern with
// each repetition's body made a choice (`a+` as `(?:a|(?!))+`, the
// compiler crate's counted_repetitions: otherwise V8 runs a repetition of
// fixed-length text as a loop whose steps back it does not count, and
// `/a+z/i` on 100,000 `a`s ran 12.9 s under the limit; red team round 26),
// plus an empty group where it cannot match (at the end, or where a sticky
// search stands: `sentinelOf`), so that a failure is a match of that group;
// and the twin gives up, matching nothing, after a number of backtracks
// (each position tried counts one), 32 at first, each time 8 times more,
// each attempt after the first charged a gas per backtrack it allows, and
// more for a long pattern (each backtrack may be followed by a pass over
// the pattern's text: `stepGas`), up to 1,048,576: past that, a RangeError.
// V8's linear-time engine is never used: it took ~1.9 us a character
// (`/a+z/` on 300,000 characters: 0.57 s for 9,400 gas; round 26). (A
// legacy octal escape such as `\1` with no group is written in the twin
// as the character it is, so that the added group cannot make it a
// back-reference; a pattern with both `m` and `u` gets no such group: its
// search that finds nothing runs to the most backtracks, and finds
// nothing.) Twins are made
// by the engine (`engine.regExp`), each charged as a RegExp of its
// pattern, shared by the regexes of a pattern and flags within one run,
// and never seen by contracts; a few compiled ones are kept for later runs
// (`compiledTwin`), which changes their time only. So a search's result
// and gas depend on its pattern, flags, text and the run alone. (Forward
// scanning by lookarounds and back-references is not backtracking, and
// compiling a pattern can take time exponential in it with no interrupt:
// docs/hostile.md, "Open".)
const RegExpProto = RegExp.prototype;
const regexSource = getOwnPropertyDescriptor(RegExpProto, 'source').get;
const regexFlagGetters = [];
for (const [flag, name] of [['d', 'hasIndices'], ['g', 'global'], ['i', 'ignoreCase'], ['m', 'multiline'],
  ['s', 'dotAll'], ['u', 'unicode'], ['y', 'sticky']]) {
  regexFlagGetters[regexFlagGetters.length] = [flag, getOwnPropertyDescriptor(RegExpProto, name).get];
}
const readsPastMatch = /\(\?<?[=!]|\\[1-9]|\\k</;
const lookbehind = /\(\?<[=!]/;
const backReference = /\\[1-9]|\\k</;
// What matches where a search of `flags` can no longer match: where a
// sticky search stands; else the end (`$`, or, with `m`, no character
// ahead). None with both `m` and `u`: V8 finds no character ahead inside a
// surrogate pair there, so that would match mid-text.
function sentinelOf(flags) {
  if (apply(stringIncludesOriginal, flags, ['y'])) return '';
  if (!apply(stringIncludesOriginal, flags, ['m'])) return '$';
  return apply(stringIncludesOriginal, flags, ['u']) ? undefined : '(?![\\s\\S])';
}
// Backtracks a first attempt may take (covered by GAS_EXEC), the growth at
// each next attempt, and the most one exec may take.
const FREE_BACKTRACKS = 32;
// The most positions times (1 + pattern length / 16) one exec may search.
const MAX_EXEC_WORK = 2 ** 22;
const BACKTRACK_GROWTH = 8;
const MAX_BACKTRACKS = 2 ** 20;
// How each regex searches: its source and flags (which never change), read
// once; the plans of a pattern and flags are shared, with their twins.
// Both are emptied as each run starts and ends (realm.js): a regex that
// outlives a run (a module's constant) holds no twin of it.
const searchPlans = new Map();
const sharedPlans = new Map();
function forgetSearchPlans() {
  searchPlans.clear();
  sharedPlans.clear();
}
function planOf(regex) {
  let plan = apply(mapGet, searchPlans, [regex]);
  if (plan !== undefined) return plan;
  const source = apply(regexSource, regex, []);
  let flags = '';
  for (let i = 0; i < regexFlagGetters.length; i++) {
    if (apply(regexFlagGetters[i][1], regex, [])) flags += regexFlagGetters[i][0];
  }
  const key = `${flags}/${source}`;
  plan = apply(mapGet, sharedPlans, [key]);
  if (plan === undefined) {
    const readsPast = apply(regExpExec, readsPastMatch, [source]) !== null;
    plan = { source, flags, readsPast, twins: new OriginalMap(), counted: undefined, stepGas: 1 + floor(source.length / 16),
      readsBehind: apply(regExpExec, lookbehind, [source]) !== null,
      backReferences: apply(regExpExec, backReference, [source]) !== null,
      probed: sentinelOf(flags) !== undefined,
      sticky: apply(stringIncludesOriginal, flags, ['y']),
      moves: apply(stringIncludesOriginal, flags, ['g']) || apply(stringIncludesOriginal, flags, ['y']) };
    apply(mapSet, sharedPlans, [key, plan]);
  }
  apply(mapSet, searchPlans, [regex, plan]);
  return plan;
}
// The twin of `plan` that gives up after `limit` backtracks; a probe adds a
// last, empty group that matches where the pattern cannot (at the end, or
// where a sticky search stands).
function twinOf(plan, limit) {
  let twin = apply(mapGet, plan.twins, [limit]);
  if (twin === undefined) {
    if (plan.counted === undefined) plan.counted = ops.regex_counted(withEscapedSurrogates(plan.source), plan.flags);
    const source = plan.probed ? `(?:${plan.counted})|(${sentinelOf(plan.flags)})` : plan.counted;
    meter(GAS_TWIN + source.length * GAS_PATTERN_CHAR);
    twin = compiledTwin(source, plan.flags, limit);
    apply(mapSet, plan.twins, [limit, twin]);
  }
  return twin;
}
// `source` with each lone surrogate written as a `\uXXXX` escape (the same
// pattern, as the host reads text in UTF-8, where a lone surrogate has no
// place: round 27 found `new RegExp('\uD800')` matching nothing). A lone
// surrogate after a backslash is an identity escape of itself.
function withEscapedSurrogates(source) {
  let escaped;
  for (let i = 0; i < source.length; i++) {
    const c = apply(stringCharCodeAt, source, [i]);
    if (c < 0xD800 || c > 0xDFFF) continue;
    const pair = c <= 0xDBFF && i + 1 < source.length && (apply(stringCharCodeAt, source, [i + 1]) & 0xFC00) === 0xDC00;
    if (pair) {
      i++;
      continue;
    }
    if (escaped === undefined) escaped = { text: '', from: 0 };
    const slash = escapedAt(source, i) ? i - 1 : i;
    escaped.text += `${apply(stringSlice, source, [escaped.from, slash])}\\u${apply(numberToString, c, [16])}`;
    escaped.from = i + 1;
  }
  return escaped === undefined ? source : escaped.text + apply(stringSlice, source, [escaped.from]);
}
// Compiled twins, kept from one run to the next by pattern, flags and
// limit: the first regex V8 compiles in a run costs ~80 us (it opens its
// code space for writing), more than most searches, and a contract that
// validates its arguments with `/^[0-9]{1,30}$/` would pay it on every
// call. A twin is a function of its key alone (no contract sees one, and
// the library sets its lastIndex before each exec), and each run still
// pays for the twins it uses as if it made them: the cache changes time,
// never gas or results. Bounded in entries and in pattern characters
// (compiled code is heap), emptied when full.
const MAX_CACHED_TWINS = 128;
const MAX_CACHED_TWIN_CHARS = 8192;
const compiledTwins = new Map();
let compiledTwinChars = 0;
function compiledTwin(source, flags, limit) {
  const key = `${limit}/${flags}/${source}`;
  let twin = apply(mapGet, compiledTwins, [key]);
  if (twin !== undefined) return twin;
  twin = engine.regExp(source, flags, limit);
  if (compiledTwins.size >= MAX_CACHED_TWINS || compiledTwinChars + source.length > MAX_CACHED_TWIN_CHARS) {
    compiledTwins.clear();
    compiledTwinChars = 0;
  }
  if (source.length <= MAX_CACHED_TWIN_CHARS) {
    apply(mapSet, compiledTwins, [key, twin]);
    compiledTwinChars += source.length;
  }
  return twin;
}
// A bounded search of `text` from `from` for `regex`: its match (lastIndex
// set as exec sets it), or null.
function boundedSearch(regex, plan, text, from, reachGas) {
  const perBacktrack = plan.stepGas + reachGas;
  for (let limit = FREE_BACKTRACKS; ; limit *= BACKTRACK_GROWTH) {
    // (The first attempt's backtracks are in GAS_EXEC, but for the pattern
    // a long one may match again after each, round 27, and a lookaround or
    // back-reference may read its reach again, round 28.)
    meter(limit > FREE_BACKTRACKS ? limit * perBacktrack : limit * (perBacktrack - 1));
    const twin = twinOf(plan, limit);
    twin.lastIndex = from;
    const found = apply(regExpExec, twin, [text]);
    if (found !== null) {
      if (plan.probed) {
        const sentinel = found.length - 1;
        if (found[sentinel] !== undefined) {
          if (plan.moves) regex.lastIndex = 0;
          return null;
        }
        found.length = sentinel;
        if (found.indices !== undefined) found.indices.length = sentinel;
      }
      if (plan.moves) regex.lastIndex = twin.lastIndex;
      return found;
    }
    if (limit >= MAX_BACKTRACKS) {
      // Without a probe (`m` with `u`), finding nothing and giving up look
      // the same: nothing found.
      if (!plan.probed) {
        if (plan.moves) regex.lastIndex = 0;
        return null;
      }
      throw new RangeError(`RegExp.prototype.exec: the search backtracked more than ${MAX_BACKTRACKS} times, the most one exec may`);
    }
  }
}
const chargedExec = replaceMethod(RegExpProto, 'exec', (original) => ({
  exec(input) {
    const text = textOf(input);
    if (!isRegExpObject(this)) return apply(original, this, [text]);
    const plan = planOf(this);
    const sticky = plan.sticky;
    const at = plan.moves ? lengthOf(this.lastIndex) : 0;
    const from = min(at, text.length);
    // A long pattern may be matched again at each position a search
    // tries, before V8 can give up: positions times pattern are capped
    // (red team round 27: a 2,000-character pattern on 2 MiB, 3.4 s).
    if ((text.length - from) * plan.stepGas > MAX_EXEC_WORK) {
      throw new RangeError(`RegExp.prototype.exec: a search of ${text.length - from} characters with a pattern of ` +
        `${plan.source.length}, over the limit of ${MAX_EXEC_WORK} characters times (1 + pattern length / 16)`);
    }
    // A lookaround may run to the end (a lookbehind back to the start) at
    // each position a search tries, and a back-reference compares a capture
    // as long after each backtrack: work quadratic in the text, which no
    // backtrack counts (red team round 28: `(?<=^a*)x` on 25,000
    // characters, 0.64 s for 203,000 gas). Charged up front as such: a gas
    // per 4 of (positions × reach), and per backtrack a gas per 4 of reach.
    // A back-reference in a loop inside a lookaround compares its capture
    // at each step the lookaround drops uncounted: cubic (red team round
    // 29: 6.9 s for 19.6 million gas on 3,500 two-byte characters), and
    // charged as such.
    let reachGas = 0;
    if (plan.readsPast) {
      const reach = plan.readsBehind ? text.length : text.length - from;
      const positions = text.length - from + 1;
      meter(GAS_EXEC + cost((positions * reach) / 4) + (plan.backReferences ? cost((positions * reach * reach) / 64) : 0));
      reachGas = floor(reach / 4);
    }
    let match;
    if (at > text.length) {
      this.lastIndex = 0;
      match = null;
    } else {
      match = boundedSearch(this, plan, text, from, reachGas);
    }
    if (!plan.readsPast) {
      const end = match !== null ? match.index + match[0].length : sticky ? from + 1 : text.length;
      const taken = match !== null ? match[0].length : 0;
      meter(GAS_EXEC + perChars(((end - from) * EXEC_CHAR_WORK + taken * EXEC_MATCH_WORK) * plan.stepGas));
    }
    return match;
  },
}).exec);
// `/source/flags`, of anything with those properties: each read and made a
// string once, the result capped (fed back in, it would double each time).
replaceMethod(RegExpProto, 'toString', () => ({
  toString() {
    const api = 'RegExp.prototype.toString';
    if (!isObject(this)) throw new TypeError(`${api} requires that 'this' be an Object`);
    const source = textOf(this.source);
    const flags = textOf(this.flags);
    meter(perChars(checkChars(api, source.length + flags.length + 2)));
    return `/${source}/${flags}`;
  },
}).toString);
// Replace and split are written out here (as the spec has them) rather than
// left to V8: V8 reads a match's `length` and copies that many captures in a
// native loop, and a contract's own `exec` may return {length: 2 ** 30}.
// Most captures a match may have: V8's own limit for a regex.
const MAX_CAPTURES = 2 ** 16;
// The spec's RegExpExec: the regex's own `exec` if it has one.
function execOf(rx, text) {
  const exec = rx.exec;
  if (typeof exec === 'function') {
    const result = apply(exec, rx, [text]);
    if (result !== null && !isObject(result)) throw new TypeError('a RegExp exec method must return an object or null');
    return result;
  }
  if (!isRegExpObject(rx)) throw new TypeError('RegExp exec method called on an incompatible receiver');
  return apply(chargedExec, rx, [text]);
}
// The captures of a match, each a string or undefined: at most `most`.
function capturesOf(api, match, most) {
  const count = max(lengthOf(match.length) - 1, 0);
  if (count > most) throw overLimit(api, 'gets a match with', count, `${most} captures`);
  meter(perItems(count));
  const captures = [];
  for (let n = 1; n <= count; n++) {
    const capture = match[n];
    pushTo(captures, capture === undefined ? undefined : textOf(capture));
  }
  return captures;
}
// The spec's AdvanceStringIndex: past a surrogate pair in unicode mode.
function advanceIndex(text, index, unicode) {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const high = apply(stringCharCodeAt, text, [index]);
  const low = apply(stringCharCodeAt, text, [index + 1]);
  return high >= 0xD800 && high <= 0xDBFF && low >= 0xDC00 && low <= 0xDFFF ? index + 2 : index + 1;
}
function checkRegExpThis(api, rx) {
  if (!isObject(rx)) throw new TypeError(`${api} called on a non-object`);
}
replaceMethod(RegExpProto, Symbol.replace, () => ({
  [Symbol.replace](input, replaceValue) {
    const api = 'RegExp.prototype[Symbol.replace]';
    checkRegExpThis(api, this);
    const text = textOf(input);
    const template = typeof replaceValue === 'function' ? undefined : textOf(replaceValue);
    const global = !!this.global;
    let unicode = false;
    if (global) {
      unicode = !!this.unicode;
      this.lastIndex = 0;
    }
    const matches = [];
    for (let match = execOf(this, text); match !== null; match = execOf(this, text)) {
      meter(1);
      pushTo(matches, match);
      checkItems(api, matches.length);
      if (!global) break;
      if (textOf(match[0]) === '') this.lastIndex = advanceIndex(text, lengthOf(this.lastIndex), unicode);
    }
    const out = newOutput(api);
    let next = 0;
    for (let i = 0; i < matches.length; i++) {
      meter(GAS_REPLACE_MATCH);
      const match = matches[i];
      // A function is called with the captures as arguments: no more than
      // a spread may pass (each call's frame holds them all).
      const captures = capturesOf(api, match, template === undefined ? MAX_SPREAD - 4 : MAX_CAPTURES);
      const matched = textOf(match[0]);
      const position = min(max(integerOf(match.index), 0), text.length);
      let groups = match.groups;
      let replacement;
      if (template === undefined) {
        const args = [matched];
        for (let n = 0; n < captures.length; n++) pushTo(args, captures[n]);
        pushTo(args, position);
        pushTo(args, text);
        if (groups !== undefined) pushTo(args, groups);
        replacement = textOf(apply(replaceValue, undefined, args));
      } else {
        if (groups !== undefined) groups = ObjectOf(groups);
        replacement = substitution(api, template, matched, text, position, captures, groups);
      }
      if (position >= next) {
        addOutput(out, apply(stringSlice, text, [next, position]));
        addOutput(out, replacement);
        next = position + matched.length;
      }
    }
    if (next < text.length) addOutput(out, apply(stringSlice, text, [next]));
    return output(out);
  },
})[Symbol.replace]);
// The constructor a regex method makes its new regex with (the spec's
// SpeciesConstructor): the library's RegExp when the regex names none, so
// that the pattern is checked and charged (red team round 23: V8's own
// made an unchecked one when `constructor` was undefined).
function speciesOf(api, rx) {
  const make = rx.constructor;
  if (make === undefined) return RegExpConstructor;
  if (!isObject(make)) throw new TypeError(`${api}: the constructor is not an object`);
  const species = make[Symbol.species];
  return species === undefined || species === null ? RegExpConstructor : species;
}
replaceMethod(RegExpProto, Symbol.split, () => ({
  [Symbol.split](input, limit) {
    const api = 'RegExp.prototype[Symbol.split]';
    checkRegExpThis(api, this);
    const text = textOf(input);
    const make = speciesOf(api, this);
    const flags = textOf(this.flags);
    const unicode = apply(stringIncludesOriginal, flags, ['u']);
    const splitter = construct(make, [this, apply(stringIncludesOriginal, flags, ['y']) ? flags : `${flags}y`]);
    const pieces = [];
    const most = limit === undefined ? 2 ** 32 - 1 : positive(limit) >>> 0;
    const add = (piece) => {
      meter(1);
      pushTo(pieces, piece);
      checkItems(api, pieces.length);
      return pieces.length === most;
    };
    if (most === 0) return pieces;
    if (text.length === 0) {
      if (execOf(splitter, text) === null) add(text);
      return pieces;
    }
    let from = 0;
    for (let at = 0; at < text.length;) {
      meter(GAS_SPLIT_STEP);
      splitter.lastIndex = at;
      const match = execOf(splitter, text);
      const end = match === null ? 0 : min(lengthOf(splitter.lastIndex), text.length);
      if (match === null || end === from) {
        at = advanceIndex(text, at, unicode);
        continue;
      }
      if (add(apply(stringSlice, text, [from, at]))) return pieces;
      from = end;
      const captures = capturesOf(api, match, MAX_CAPTURES);
      for (let n = 0; n < captures.length; n++) if (add(captures[n])) return pieces;
      at = from;
    }
    add(apply(stringSlice, text, [from]));
    return pieces;
  },
})[Symbol.split]);
// test, match, search and matchAll as the standard writes them, over
// `execOf` (as replace and split are): V8's own fall back to its uncharged,
// unbounded exec whenever a regex's `exec` is not a function (a regex with
// no prototype, a subclass's getter: red team round 23).
replaceMethod(RegExpProto, 'test', () => ({
  test(input) {
    checkRegExpThis('RegExp.prototype.test', this);
    return execOf(this, textOf(input)) !== null;
  },
}).test);
replaceMethod(RegExpProto, Symbol.match, () => ({
  [Symbol.match](input) {
    const api = 'RegExp.prototype[Symbol.match]';
    checkRegExpThis(api, this);
    const text = textOf(input);
    const flags = textOf(this.flags);
    if (!apply(stringIncludesOriginal, flags, ['g'])) return execOf(this, text);
    const unicode = apply(stringIncludesOriginal, flags, ['u']) || apply(stringIncludesOriginal, flags, ['v']);
    this.lastIndex = 0;
    const found = [];
    for (;;) {
      const match = execOf(this, text);
      if (match === null) return found.length === 0 ? null : found;
      const matched = textOf(match[0]);
      pushTo(found, matched);
      checkItems(api, found.length);
      if (matched === '') this.lastIndex = advanceIndex(text, lengthOf(this.lastIndex), unicode);
    }
  },
})[Symbol.match]);
replaceMethod(RegExpProto, Symbol.search, () => ({
  [Symbol.search](input) {
    checkRegExpThis('RegExp.prototype[Symbol.search]', this);
    const text = textOf(input);
    const previous = this.lastIndex;
    if (!objectIs(previous, 0)) this.lastIndex = 0;
    const match = execOf(this, text);
    if (!objectIs(this.lastIndex, previous)) this.lastIndex = previous;
    return match === null ? -1 : match.index;
  },
})[Symbol.search]);
replaceMethod(RegExpProto, Symbol.matchAll, () => ({
  [Symbol.matchAll](input) {
    const api = 'RegExp.prototype[Symbol.matchAll]';
    checkRegExpThis(api, this);
    const text = textOf(input);
    const make = speciesOf(api, this);
    const flags = textOf(this.flags);
    const matcher = construct(make, [this, flags]);
    matcher.lastIndex = lengthOf(this.lastIndex);
    const unicode = apply(stringIncludesOriginal, flags, ['u']) || apply(stringIncludesOriginal, flags, ['v']);
    return regExpStringIterator(matcher, text, apply(stringIncludesOriginal, flags, ['g']), unicode);
  },
})[Symbol.matchAll]);
// matchAll's iterator, shaped as V8's: `next` its prototype's own method,
// the prototype over %IteratorPrototype% (no `return` or `throw`), tagged
// 'RegExp String Iterator', frozen so that no contract changes it for the
// next (red team round 24 found a generator's shape).
class RegExpStringIterator {
  #matcher;
  #text;
  #global;
  #unicode;
  #done = false;
  constructor(matcher, text, global, unicode) {
    this.#matcher = matcher;
    this.#text = text;
    this.#global = global;
    this.#unicode = unicode;
  }
  next() {
    if (!isObject(this) || !(#matcher in this)) {
      throw new TypeError('%RegExpStringIterator%.prototype.next called on an incompatible receiver');
    }
    if (this.#done) return { value: undefined, done: true };
    const match = execOf(this.#matcher, this.#text);
    if (match === null || !this.#global) this.#done = true;
    if (match === null) return { value: undefined, done: true };
    if (this.#global && textOf(match[0]) === '') {
      this.#matcher.lastIndex = advanceIndex(this.#text, lengthOf(this.#matcher.lastIndex), this.#unicode);
    }
    return { value: match, done: false };
  }
}
const regExpStringIteratorPrototype = RegExpStringIterator.prototype;
delete regExpStringIteratorPrototype.constructor;
objectSetPrototypeOf(regExpStringIteratorPrototype, getPrototypeOf(getPrototypeOf([][Symbol.iterator]())));
defineProperty(regExpStringIteratorPrototype, Symbol.toStringTag, { value: 'RegExp String Iterator', configurable: true });
freeze(regExpStringIteratorPrototype);
const regExpStringIterator = (matcher, text, global, unicode) =>
  new RegExpStringIterator(matcher, text, global, unicode);
const RegExpConstructor = replaceConstructor('RegExp', (original) => function RegExp(pattern, flags) {
  let source = pattern;
  if (isRegExpObject(pattern)) {
    if (new.target === undefined && flags === undefined && pattern.constructor === RegExp) return pattern;
    source = pattern.source;
    if (flags === undefined) flags = pattern.flags;
  }
  const text = source === undefined ? '' : textOf(source);
  const flagText = flags === undefined ? undefined : textOf(flags);
  if (text.length > MAX_PATTERN) throw overLimit('RegExp', 'has a pattern of', text.length, `${MAX_PATTERN} characters`);
  // Unicode property classes (`u` or `v`) are built from V8's tables; with
  // `i` too, they and the other wide classes are case-folded whole, which
  // costs three times as much (counted by regex_check, below).
  const flagsGiven = flagText === undefined ? '' : flagText;
  const unicode = apply(stringIncludesOriginal, flagsGiven, ['u']) || apply(stringIncludesOriginal, flagsGiven, ['v']);
  let classes = 0;
  if (unicode && !apply(stringIncludesOriginal, flagsGiven, ['i'])) {
    for (const marker of ['\\p{', '\\P{']) {
      for (let at = apply(stringIndexOf, text, [marker]); at >= 0; at = apply(stringIndexOf, text, [marker, at + 1])) {
        classes++;
      }
    }
  }
  meter(1 + text.length * GAS_PATTERN_CHAR + classes * GAS_UNICODE_CLASS);
  // V8 reads the pattern now (a SyntaxError if it is none) and compiles it
  // at its first exec, where nothing interrupts it: a pattern whose compile
  // would take time growing far faster than its length is refused first.
  const regex = construct(original, [text, flagText], new.target === undefined ? RegExp : new.target);
  const checked = ops.regex_check(text, flagsGiven);
  if (typeof checked === 'string') throw new RangeError(`RegExp: ${checked}`);
  meter(checked * 3 * GAS_UNICODE_CLASS);
  return regex;
});

// --- Errors ------------------------------------------------------------------------

// `name: message`, made from the two read and coerced once, capped like any
// string made (an error's name and message may be its own earlier text).
replaceMethod(Error.prototype, 'toString', () => ({
  toString() {
    if (!isObject(this)) throw new TypeError("Error.prototype.toString requires that 'this' be an Object");
    const name = this.name;
    const nameText = name === undefined ? 'Error' : textOf(name);
    const message = this.message;
    const messageText = message === undefined ? '' : textOf(message);
    if (nameText === '') return messageText;
    if (messageText === '') return nameText;
    meter(perChars(checkChars('Error.prototype.toString', nameText.length + 2 + messageText.length)));
    return `${nameText}: ${messageText}`;
  },
}).toString);

// --- Numbers -----------------------------------------------------------------------

// Both bounds made once: negating a 65,536-bit BigInt on every call would
// cost more than the call.
const BIGINT_LIMIT = BigInt(MAX_BIGINT_BITS);
const BIGINT_MINUS_LIMIT = -BIGINT_LIMIT;
const BIGINT_CEILING = 1n << BIGINT_LIMIT;
const BIGINT_FLOOR = -BIGINT_CEILING;
// 2^(64 k) for k = 0 ... one word past the largest BigInt (the operators'
// size measure, in sandbox.js).
const BIGINT_WORD_POWERS = [];
for (let k = 0; k <= MAX_BIGINT_BITS / 64 + 1; k++) BIGINT_WORD_POWERS.push(1n << BigInt(64 * k));
const BIGINT_ONE_WORD = BIGINT_WORD_POWERS[1];
const BIGINT_MINUS_ONE_WORD = -BIGINT_ONE_WORD;
// Results from here on are charged a gas per 2 words.
const BIGINT_FOUR_WORDS = BIGINT_WORD_POWERS[4];
const BIGINT_MINUS_FOUR_WORDS = -BIGINT_FOUR_WORDS;
// Under 2^64 in magnitude (17 hexadecimal characters with a sign), the
// estimate below comes to 1 gas in base 10: no need to format twice.
const BIGINT_SMALL_CEILING = 1n << 64n;
const BIGINT_SMALL_FLOOR = -BIGINT_SMALL_CEILING;
for (const name of ['toString', 'toLocaleString']) {
  replaceMethod(BigInt.prototype, name, (original) => ({
    [name](radix) {
      const value = apply(bigintValueOf, this, []);
      if (value >= BIGINT_CEILING || value <= BIGINT_FLOOR) {
        throw overLimit(`BigInt.prototype.${name}`, 'is given a BigInt of more than', MAX_BIGINT_BITS,
          `${MAX_BIGINT_BITS} bits`);
      }
      const base = name === 'toString' && radix !== undefined ? positive(radix) : 10;
      // Formatting in a base that is not a power of two is quadratic in
      // the digits: estimated first from the (linear) hexadecimal form.
      if (base === 10 && value < BIGINT_SMALL_CEILING && value > BIGINT_SMALL_FLOOR) {
        meter(1);
      } else if ((base & (base - 1)) !== 0) {
        const hexDigits = apply(original, value, [16]).length;
        chargeBigIntFormat(hexDigits * 4 / log2(base));
      }
      const result = apply(original, value, name === 'toString' ? [radix === undefined ? undefined : base] : []);
      meter(perChars(result.length * 4));
      return result;
    },
  })[name]);
}
const bigintValueOf = BigInt.prototype.valueOf;
replaceConstructor('BigInt', (original) => function BigInt(value) {
  if (new.target !== undefined) throw new TypeError('BigInt is not a constructor');
  const primitive = isObject(value) ? apply(toPrimitive, undefined, [value]) : value;
  if (typeof primitive === 'string') checkBigIntText('BigInt', primitive);
  const result = original(primitive);
  if (result >= BIGINT_CEILING || result <= BIGINT_FLOOR) {
    throw new RangeError(`BigInt: a value of more than ${MAX_BIGINT_BITS} bits, the most a BigInt may hold`);
  }
  return result;
});
// Parsing a BigInt from `length` characters (decimal is quadratic). The
// number classes (numbers.js) charge their parses here too.
function chargeBigIntParse(length) {
  meter(perChars(length * 4) + cost(length ** 2 / GAS_BIGINT_DIGITS_SQUARED_PARSE));
}
// Formatting a BigInt as `digits` digits in a base that is not a power of
// two (quadratic), `times` times. The number classes (numbers.js) charge
// theirs here too.
function chargeBigIntFormat(digits, times = 1) {
  meter(cost((times * digits ** 2) / GAS_BIGINT_DIGITS_SQUARED_FORMAT));
}
// Formatting `value` in decimal `times` times: from four words on, its
// digits (19.27 a word) as chargeBigIntFormat charges them.
function chargeBigIntText(value, times = 1) {
  if (value < BIGINT_FOUR_WORDS && value > BIGINT_MINUS_FOUR_WORDS) return;
  chargeBigIntFormat(bigintWords(value, 'toString') * 19.27, times);
}
// A string `api` parses as a BigInt: at most binary digits of the largest
// BigInt, a prefix and a space either side, and charged.
function checkBigIntText(api, text) {
  if (text.length > MAX_BIGINT_BITS + 4) {
    throw overLimit(api, 'parses', text.length, `${MAX_BIGINT_BITS + 4} characters`);
  }
  chargeBigIntParse(text.length);
}
// ToPrimitive, with hint number as BigInt(value) does it (once), the hint
// `==` and `+` give ('default'), or ToString's ('string': toString first).
const VALUE_FIRST = freeze(['valueOf', 'toString']);
const TEXT_FIRST = freeze(['toString', 'valueOf']);
function toPrimitive(value, hint = 'number') {
  meter(GAS_TO_PRIMITIVE);
  const exotic = value[Symbol.toPrimitive];
  if (exotic !== undefined && exotic !== null) {
    const result = apply(exotic, value, [hint]);
    if (isObject(result)) throw new TypeError('Cannot convert object to primitive value');
    return result;
  }
  for (const name of hint === 'string' ? TEXT_FIRST : VALUE_FIRST) {
    const method = value[name];
    if (typeof method === 'function') {
      const result = apply(method, value, []);
      if (!isObject(result)) return result;
    }
  }
  throw new TypeError('Cannot convert object to primitive value');
}
for (const name of ['asIntN', 'asUintN']) {
  replaceMethod(globalThis.BigInt, name, (original) => ({
    [name](bits, value) {
      const width = integerOf(bits);
      if (width > MAX_BIGINT_BITS) throw overLimit(`BigInt.${name}`, 'asks for', width, `${MAX_BIGINT_BITS} bits`);
      // ToBigInt, once: a string is parsed (red team round 21: 2 MiB of
      // digits took 0.45 s here for no gas).
      const primitive = isObject(value) ? apply(toPrimitive, undefined, [value]) : value;
      if (typeof primitive === 'string') checkBigIntText(`BigInt.${name}`, primitive);
      meter(perChars(width / 4));
      return original(width, primitive);
    },
  })[name]);
}
for (const name of ['parseInt', 'parseFloat']) {
  const replace = (original) => ({
    [name](value, radix) {
      const text = textOf(value);
      // Leading spaces are tested against Unicode's, ~5 ns a character in
      // a two-byte string (red team round 26): a gas a character; and the
      // digits of a decimal as `Number()` reads them (`chargeNumberRead`).
      meter(numberReadCost(text) + (text.length > FREE_NUMBER_TEXT ? 0 : perChars(text.length * 32)));
      return original(text, radix === undefined || typeof radix === 'number' ? radix : positive(radix));
    },
  })[name];
  const wrapper = replaceMethod(globalThis, name, replace);
  defineProperty(Number, name, { value: wrapper, writable: true, enumerable: false, configurable: true });
}

// --- URIs --------------------------------------------------------------------------

// Encoding can make 12 characters of one (`%XX` for each of 4 UTF-8 bytes
// of a surrogate pair is 12 for 2), escape 6.
for (const [name, growth] of [['encodeURI', 12], ['encodeURIComponent', 12], ['decodeURI', 1],
  ['decodeURIComponent', 1], ['escape', 6], ['unescape', 1]]) {
  replaceMethod(globalThis, name, (original) => ({
    [name](value) {
      const text = textOf(value);
      checkChars(name, text.length * growth);
      meter(perChars(text.length * growth));
      return original(text);
    },
  })[name]);
}
