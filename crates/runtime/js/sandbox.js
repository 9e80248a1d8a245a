// The class libraries and the hardened realm of a v8vm sandbox.
//
// Runs once per context, before any contract code, as the body of a function.
// It takes the host functions (src/host.rs) from a global that it deletes, so
// only this file's closures can reach them. It removes what is not
// deterministic, defines the globals a contract sees (storage, blockchain,
// block, tx, console), freezes every reachable intrinsic so that nothing one
// call does can leak into the next, and returns `entry`, the function the
// runtime calls for every contract call.
'use strict';

const ops = globalThis.__v8vm_ops;
delete globalThis.__v8vm_ops;

const {
  defineProperty,
  freeze,
  getOwnPropertyDescriptor,
  getOwnPropertyNames,
  getPrototypeOf,
} = Object;
const { apply, ownKeys } = Reflect;
const { parse: jsonParse, stringify: jsonStringify } = JSON;
const functionToString = Function.prototype.toString;

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
stringProto.toLocaleUpperCase = stringProto.toUpperCase;
stringProto.toLocaleLowerCase = stringProto.toLowerCase;
const numberToString = Number.prototype.toString;
Number.prototype.toLocaleString = function toLocaleString() {
  return apply(numberToString, this, []);
};
BigInt.prototype.toLocaleString = BigInt.prototype.toString;

// --- Per-call frame ------------------------------------------------------------

// Values of the current call, parsed lazily; reset by `entry`.
let frame = { block: undefined, tx: undefined };

// --- storage -------------------------------------------------------------------

// A library function that first checks that its leading arguments, named
// `names`, are strings (for messages that name `api` and the argument).
function stringArgs(api, names, body) {
  return function checked(...args) {
    for (let i = 0; i < names.length; i++) checkString(api, names[i], args[i]);
    return apply(body, undefined, args);
  };
}

const storage = freeze({
  put: stringArgs('storage.put', ['key', 'value'], (key, value, payer) => {
    ops.storage_put(key, null, value, checkPayer('storage.put', payer));
  }),
  get: stringArgs('storage.get', ['key'], (key) => ops.storage_get(key, null)),
  has: stringArgs('storage.has', ['key'], (key) => ops.storage_has(key, null)),
  del: stringArgs('storage.del', ['key'], (key) => {
    ops.storage_del(key, null);
  }),
  mapPut: stringArgs('storage.mapPut', ['key', 'field', 'value'], (key, field, value, payer) => {
    ops.storage_put(key, field, value, checkPayer('storage.mapPut', payer));
  }),
  mapGet: stringArgs('storage.mapGet', ['key', 'field'], (key, field) => ops.storage_get(key, field)),
  mapHas: stringArgs('storage.mapHas', ['key', 'field'], (key, field) => ops.storage_has(key, field)),
  mapDel: stringArgs('storage.mapDel', ['key', 'field'], (key, field) => {
    ops.storage_del(key, field);
  }),
  mapKeys: stringArgs('storage.mapKeys', ['key'], (key) => ops.storage_map_keys(key)),
  mapLen: stringArgs('storage.mapLen', ['key'], (key) => ops.storage_map_len(key)),
  globalHas: stringArgs('storage.globalHas', ['contract', 'key'], (c, key) => ops.global_has(c, key, null)),
  globalGet: stringArgs('storage.globalGet', ['contract', 'key'], (c, key) => ops.global_get(c, key, null)),
  globalMapHas: stringArgs('storage.globalMapHas', ['contract', 'key', 'field'],
    (c, key, field) => ops.global_has(c, key, field)),
  globalMapGet: stringArgs('storage.globalMapGet', ['contract', 'key', 'field'],
    (c, key, field) => ops.global_get(c, key, field)),
  globalMapKeys: stringArgs('storage.globalMapKeys', ['contract', 'key'], (c, key) => ops.global_map_keys(c, key)),
  globalMapLen: stringArgs('storage.globalMapLen', ['contract', 'key'], (c, key) => ops.global_map_len(c, key)),
});

// --- blockchain ----------------------------------------------------------------

// Receipts and events take strings; other values are sent as JSON.
const contentOf = (content) => (typeof content === 'string' ? content : jsonStringify(content) ?? '');

const blockchain = freeze({
  blockInfo() {
    return ops.chain_info('block');
  },
  txInfo() {
    return ops.chain_info('tx');
  },
  contextInfo() {
    return ops.chain_info('context');
  },
  contractName() {
    return ops.chain_contract_name();
  },
  contractOwner() {
    return ops.chain_contract_owner();
  },
  publisher() {
    return ops.chain_publisher();
  },
  caller() {
    return jsonParse(ops.chain_caller());
  },
  requireAuth: stringArgs('blockchain.requireAuth', ['id', 'permission'],
    (id, permission) => ops.chain_require_auth(id, permission)),
  receipt(content) {
    ops.chain_receipt(contentOf(content));
  },
  event(content) {
    ops.chain_event(contentOf(content));
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

const console = freeze({
  log(...args) { ops.console_log('info', format(args)); },
  info(...args) { ops.console_log('info', format(args)); },
  debug(...args) { ops.console_log('debug', format(args)); },
  warn(...args) { ops.console_log('warn', format(args)); },
  error(...args) { ops.console_log('error', format(args)); },
});

// --- globals -------------------------------------------------------------------

const constant = (value) => ({ value, writable: false, enumerable: false, configurable: false });
defineProperty(globalThis, 'storage', constant(storage));
defineProperty(globalThis, 'blockchain', constant(blockchain));
defineProperty(globalThis, 'console', constant(console));
defineProperty(globalThis, 'block', {
  get() {
    if (frame.block === undefined) frame.block = freeze(jsonParse(ops.chain_info('block')));
    return frame.block;
  },
  enumerable: false,
  configurable: false,
});
defineProperty(globalThis, 'tx', {
  get() {
    if (frame.tx === undefined) frame.tx = freeze(jsonParse(ops.chain_info('tx')));
    return frame.tx;
  },
  enumerable: false,
  configurable: false,
});

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

function harden(roots) {
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
    freeze(value);
  }
}
harden([globalThis, ...hiddenIntrinsics]);

// --- Contract modules and calls ---------------------------------------------------

function makeRequire(filename) {
  return function require(name) {
    if (name === 'storage') return storage;
    if (name === 'blockchain') return blockchain;
    throw new Error(`Cannot find module '${name}' required from ${filename}: ` +
      "a single-file contract can require only 'storage' and 'blockchain'");
  };
}

// Evaluates a fresh instance of the contract module and returns its class.
function loadClass(moduleFn, filename) {
  const module = { exports: {}, id: filename, filename, loaded: false };
  const slash = filename.lastIndexOf('/');
  const dirname = slash < 0 ? '.' : filename.slice(0, slash);
  apply(moduleFn, module.exports, [module.exports, makeRequire(filename), module, filename, dirname]);
  module.loaded = true;
  const Contract = module.exports;
  if (typeof Contract !== 'function' || typeof Contract.prototype !== 'object') {
    throw new TypeError(`${filename} must export the contract class (module.exports = class ...), ` +
      `but it exports ${typeName(Contract)}`);
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
      return jsonStringify(value) ?? '';
  }
}

// kind 'abi': the class's methods as JSON; kind 'call': runs `method` with
// the JSON array `argsJson` on a fresh instance and returns the result text.
return function entry(kind, moduleFn, filename, method, argsJson) {
  frame = { block: undefined, tx: undefined };
  const Contract = loadClass(moduleFn, filename);
  if (kind === 'abi') return jsonStringify(describe(Contract));
  const instance = new Contract();
  const fn = instance[method];
  if (typeof fn !== 'function') {
    throw new TypeError(`the contract class has no method '${method}'`);
  }
  return formatResult(apply(fn, instance, jsonParse(argsJson)));
};
