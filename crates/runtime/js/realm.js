// The end of the class libraries (after sandbox.js, builtins.js and
// inventory.js): the realm checked against the inventory and frozen, the
// contract module system, and `entry`, the function the runtime calls for
// every run.

// --- The realm against the inventory ----------------------------------------------
//
// Default deny: every native function a contract could reach must be in
// inventory.js. A `constant` one stays; a `charged` one must have been
// replaced by builtins.js (any other path to the original, an alias such as
// `trimLeft`, is pointed at the replacement too); a `removed` one is deleted;
// one the inventory does not know is deleted and reported, so that a new
// V8 fails the realm inventory test (tests/contracts/realm.rs) until it is
// classified. The report is what `entry('inventory')` returns.

const intrinsicRoots = {
  '%TypedArray%': getPrototypeOf(Uint8Array),
  '%GeneratorFunction%': getPrototypeOf(function* generator() {}).constructor,
  '%AsyncFunction%': getPrototypeOf(async function asyncFunction() {}).constructor,
  '%AsyncGeneratorFunction%': getPrototypeOf(async function* asyncGenerator() {}).constructor,
  '%GeneratorPrototype%': getPrototypeOf(function* generator() {}).prototype,
  '%AsyncGeneratorPrototype%': getPrototypeOf(async function* asyncGenerator() {}).prototype,
  '%ArrayIteratorPrototype%': getPrototypeOf([][Symbol.iterator]()),
  '%MapIteratorPrototype%': getPrototypeOf(new Map()[Symbol.iterator]()),
  '%SetIteratorPrototype%': getPrototypeOf(new Set()[Symbol.iterator]()),
  '%StringIteratorPrototype%': getPrototypeOf(''[Symbol.iterator]()),
  '%IteratorPrototype%': getPrototypeOf(getPrototypeOf([][Symbol.iterator]())),
  '%AsyncIteratorPrototype%': getPrototypeOf(getPrototypeOf(async function* asyncGenerator() {}).prototype),
  '%ThrowTypeError%': getOwnPropertyDescriptor(Function.prototype, 'caller').get,
  '%GlobalThisPrototype%': getPrototypeOf(globalThis),
};

const isNative = (fn) => apply(stringEndsWith, apply(functionToString, fn, []), ['{ [native code] }']);

// Every native method and accessor a contract can reach is called through
// `counted`, like the built-ins builtins.js replaced: a built-in used as a
// getter, `toString` or `valueOf` of an object that leads to another built-in
// (`o.toString = Object.prototype.toLocaleString`, a getter that is
// `get RegExp.prototype.flags` or a bound `Reflect.get`) would otherwise
// recurse with no contract or library frame between the levels, uncounted,
// to V8's stack limit, whose depth depends on what was compiled. Not
// counted: constructors (they call contract code through their arguments
// only, which no built-in chooses), and the iterator methods whose identity
// V8's fast paths check (for...of, spread and destructuring would take the
// slow path), which only run on the iterators they made.
const uncountedNatives = new Set([
  Map.prototype[Symbol.iterator],
  Set.prototype[Symbol.iterator],
  intrinsicRoots['%MapIteratorPrototype%'].next,
  intrinsicRoots['%SetIteratorPrototype%'].next,
  intrinsicRoots['%StringIteratorPrototype%'].next,
  intrinsicRoots['%IteratorPrototype%'][Symbol.iterator],
  intrinsicRoots['%AsyncIteratorPrototype%'][Symbol.asyncIterator],
  intrinsicRoots['%ThrowTypeError%'],
]);
const countedNatives = new Map();
function countedNative(fn) {
  let wrapper = apply(mapGet, countedNatives, [fn]);
  if (wrapper === undefined) {
    wrapper = counted(fn);
    defineProperty(wrapper, 'name', { value: fn.name, configurable: true });
    defineProperty(wrapper, 'length', { value: fn.length, configurable: true });
    apply(mapSet, countedNatives, [fn, wrapper]);
  }
  return wrapper;
}

// The owner object, key and accessor side (`get`/`set`, or '') a path names;
// null if some part is missing.
function locate(path) {
  let side = '';
  let rest = path;
  if (apply(stringStartsWith, path, ['get ']) || apply(stringStartsWith, path, ['set '])) {
    side = apply(stringSlice, path, [0, 3]);
    rest = apply(stringSlice, path, [4]);
  }
  const parts = apply(regExpExec, /^(%[^%]+%|[^.[]+)((?:\.[^.[]+|\[Symbol\.\w+\])*)$/, [rest]);
  if (parts === null) return null;
  const steps = [];
  const stepPattern = /\.([^.[]+)|\[Symbol\.(\w+)\]/g;
  for (let step = apply(regExpExec, stepPattern, [parts[2]]); step !== null; step = apply(regExpExec, stepPattern,
    [parts[2]])) {
    steps[steps.length] = step[1] !== undefined ? step[1] : Symbol[step[2]];
  }
  let owner = globalThis;
  let key = parts[1];
  if (intrinsicRoots[key] !== undefined) {
    if (steps.length === 0) return { owner: intrinsicRoots, key, side };
    owner = intrinsicRoots[key];
    key = steps[0];
    steps.shift();
  }
  for (const next of steps) {
    const desc = getOwnPropertyDescriptor(owner, key);
    if (desc === undefined || !('value' in desc)) return null;
    owner = desc.value;
    key = next;
  }
  return { owner, key, side };
}
function valueAt({ owner, key, side }) {
  const desc = getOwnPropertyDescriptor(owner, key);
  if (desc === undefined) return undefined;
  return side === '' ? desc.value : desc[side];
}

const inventoryReport = { unclassified: [], unreplaced: [], stale: [], present: [], classified: 0, charged: [] };
{
  // The inventory's functions, by identity.
  const known = new Map();
  const removed = [];
  for (const path of ownKeys(INVENTORY)) {
    const [kind] = INVENTORY[path];
    if (apply(stringStartsWith, path, ['('])) continue; // made per use: never reachable from the roots
    const place = locate(path);
    const fn = place === null ? undefined : valueAt(place);
    if (typeof fn !== 'function') {
      if (kind !== 'removed') inventoryReport.stale[inventoryReport.stale.length] = path;
      continue;
    }
    inventoryReport.classified++;
    if (kind === 'removed') {
      removed[removed.length] = place;
      continue;
    }
    if (kind === 'charged' && isNative(fn)) inventoryReport.unreplaced[inventoryReport.unreplaced.length] = path;
    if (kind === 'charged') inventoryReport.charged[inventoryReport.charged.length] = path;
    known.set(fn, path);
  }
  for (const alias of ownKeys(INVENTORY_ALIASES)) {
    const place = locate(alias);
    if (place === null || typeof valueAt(place) !== 'function') {
      inventoryReport.stale[inventoryReport.stale.length] = alias;
    }
  }
  for (const place of removed) delete place.owner[place.key];

  // Walk everything reachable; point aliases of replaced originals at their
  // replacement; delete what the inventory does not know.
  const seen = new Set();
  const pending = [globalThis, ...ownKeys(intrinsicRoots).map((name) => intrinsicRoots[name])];
  while (pending.length > 0) {
    const value = pending.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    seen.add(value);
    pending[pending.length] = getPrototypeOf(value);
    for (const key of ownKeys(value)) {
      const desc = getOwnPropertyDescriptor(value, key);
      for (const side of ['value', 'get', 'set']) {
        let fn = desc[side];
        if (typeof fn !== 'function') {
          if (side === 'value') pending[pending.length] = fn;
          continue;
        }
        const replacement = replacedBuiltIns.get(fn);
        if (replacement !== undefined) {
          desc[side] = replacement;
          defineProperty(value, key, desc);
          fn = replacement;
        }
        if (isNative(fn) && !known.has(fn)) {
          const where = typeof key === 'symbol' ? `[${String(key)}]` : key;
          inventoryReport.unclassified[inventoryReport.unclassified.length] =
            `${side === 'value' ? '' : `${side} `}${apply(functionToString, fn, [])} at .${where}`;
          if (side === 'value') delete value[key];
          else defineProperty(value, key, { ...desc, [side]: undefined });
          continue;
        }
        // (What cannot be redefined stays: Function.prototype[Symbol.hasInstance].
        // Handed an object, by `instanceof` or as a proxy's trap, it walks a
        // prototype chain: proxies there call their traps through the
        // library's counted handler, builtins.js.)
        if (isNative(fn) && key !== 'prototype' && desc.configurable && !uncountedNatives.has(fn) &&
          !isConstructor(fn)) {
          desc[side] = countedNative(fn);
          defineProperty(value, key, desc);
          continue;
        }
        pending[pending.length] = fn;
      }
    }
  }
  for (const place of removed) {
    if (getOwnPropertyDescriptor(place.owner, place.key) !== undefined) {
      inventoryReport.present[inventoryReport.present.length] = String(place.key);
    }
  }
}

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
  // (A regex with no constructor: matchAll makes its own with V8's.)
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
    apply(weakSetAdd, realmObjects, [value]);
    if (typeof value === 'function') apply(weakSetAdd, libraryFunctions, [value]);
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
    if (typeof id !== 'string' || !apply(objectHasOwnProperty, table, [id])) {
      throw new Error(`Cannot find module '${id}' required from ${from}`);
    }
    const cached = apply(mapGet, cache, [id]);
    if (cached !== undefined) return cached.exports;
    const module = { exports: {}, id, filename: id, loaded: false, require: makeRequire(table, cache, id) };
    apply(mapSet, cache, [id, module]);
    const slash = id.lastIndexOf('/');
    const dirname = slash < 0 ? '.' : id.slice(0, slash);
    // A module being evaluated is a function call like any other: nested
    // requires count towards the call depth.
    deeper();
    const outer = evaluatingModule;
    const evaluating = { site: undefined, closes: 0 };
    evaluatingModule = evaluating;
    try {
      apply(table[id], module.exports, [module.exports, module.require, module, id, dirname]);
    } catch (thrown) {
      if (evaluating.site !== undefined) caught(thrown, evaluating.site, evaluating.closes);
      throw thrown;
    } finally {
      evaluatingModule = outer;
      leave();
    }
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

// Parameter names of a method, from its source (what is between its first
// `(` and the next `)`, comments left out); null when not plain names. No
// regex: the library's own searches would be charged as a contract's.
function paramNames(method) {
  const source = apply(functionToString, method, []);
  const open = apply(stringIndexOf, source, ['(']);
  const close = open < 0 ? -1 : apply(stringIndexOf, source, [')', open]);
  if (close < 0) return null;
  meter(perChars(close));
  const params = [];
  for (const part of apply(stringSplit, withoutComments(apply(stringSlice, source, [open + 1, close])), [','])) {
    const name = apply(stringTrim, apply(stringSplit, part, ['='])[0], []);
    if (name === '') continue;
    if (!isPlainName(name)) return null;
    pushTo(params, name);
  }
  return params;
}
// `text` without its `/* ... */` and `// ...` (to the end of the line) comments.
function withoutComments(text) {
  let kept = '';
  let from = 0;
  for (;;) {
    const block = apply(stringIndexOf, text, ['/*', from]);
    const line = apply(stringIndexOf, text, ['//', from]);
    if (block < 0 && line < 0) return kept + apply(stringSlice, text, [from]);
    const isBlock = line < 0 || (block >= 0 && block < line);
    const at = isBlock ? block : line;
    kept += apply(stringSlice, text, [from, at]);
    const end = isBlock ? apply(stringIndexOf, text, ['*/', at + 2]) : apply(stringIndexOf, text, ['\n', at + 2]);
    if (end < 0) return kept;
    from = isBlock ? end + 2 : end;
  }
}
// `[A-Za-z_$][A-Za-z0-9_$]*`.
function isPlainName(name) {
  for (let i = 0; i < name.length; i++) {
    const c = apply(stringCharCodeAt, name, [i]);
    if (!(isNameCharacter(c) || c === 36) || (i === 0 && c >= 48 && c <= 57)) return false;
  }
  return true;
}

// The methods of a contract class, own and inherited, for the ABI.
function describe(Contract) {
  const methods = [];
  const seen = new OriginalSet();
  apply(setAdd, seen, ['constructor']);
  for (let proto = Contract.prototype; proto !== null && proto !== Object.prototype; proto = getPrototypeOf(proto)) {
    for (const name of getOwnPropertyNames(proto)) {
      if (apply(setHas, seen, [name])) continue;
      apply(setAdd, seen, [name]);
      const desc = getOwnPropertyDescriptor(proto, name);
      if (typeof desc.value === 'function') {
        pushTo(methods, { name, length: desc.value.length, params: paramNames(desc.value) });
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
      return sized(JSON.stringify(value) ?? '');
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
// Nor does their evaluation count against the call depth of the run that
// happens to cache them (a nested call made 251 levels deep hit the limit
// on a fresh worker and not on a warm one: a consensus split found
// 2026-12-05), nor see its fresh keys (`keysSeen`).
function cacheModules(code, entryId) {
  const callGas = gasLeft;
  const callDepth = depth;
  const callNativeDepth = nativeDepth;
  const callKeys = keysSeen;
  gasLeft = MODULE_GAS;
  depth = 0;
  nativeDepth = 0;
  keysSeen = new OriginalSet();
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
  depth = callDepth;
  nativeDepth = callNativeDepth;
  keysSeen = callKeys;
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
  const Contract = contractClass(apply(mapGet, bundles, [bundle]), entryId);
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
      apply(mapSet, bundles, [bundle, { bundle: entryId, cacheable: method, Contract: undefined, gas: 0 }]);
      return undefined;
    case 'forget':
      apply(mapDelete, bundles, [bundle]);
      return undefined;
    case 'gas':
      return gasLimitOfRun - gasLeft;
    case 'inventory':
      return jsonStringify(inventoryReport);
    default:
  }
  frame = { block: undefined, tx: undefined };
  gasLimitOfRun = gasLimit;
  gasLeft = gasLimit;
  running = true;
  depth = 0;
  nativeDepth = 0;
  draining = false;
  forgetSearchPlans();
  forgetKeysSeen();
  const mark = engine.rejectionMark();
  let result;
  let failed = true;
  try {
    result = kind === 'abi'
      ? jsonStringify(describe(loadClass(apply(mapGet, bundles, [bundle]).bundle, entryId)))
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
      forgetSearchPlans();
      forgetKeysSeen();
    }
  }
  return result;
}

// The realm is set up: from here on, only runs have gas.
gasLeft = 0;

let bound = false;
return function bind(hostOps, engineOps) {
  if (bound) throw new Error('the sandbox is bound already');
  bound = true;
  for (const name of ownKeys(hostOps)) ops[name] = hostOps[name];
  engine = engineOps;
  bundleHelpers[bundleHelpers.length] = engine.site;
  defineProperty(Error, 'stackTraceLimit', { writable: false, configurable: false });
  freeze(Error);
  return entry;
};
