//! Every charged built-in (the realm inventory's `charged` list) and every
//! host API, called with adversarial inputs: a `this` and arguments whose
//! `valueOf`, `toString`, `length` and iterator answer small when first
//! asked and huge after; huge array-likes; proxies. Each call must end
//! within its gas, as a success or a catchable error (never a timeout or an
//! exhausted heap), and end the same on a worker that ran everything before
//! as on a fresh one.

use v8vm_runtime::Status;

use crate::tester::Chain;

/// Calls `path` (an inventory path, or a host API) with adversarial inputs
/// in `mode`: 0 = values that change when asked again, 1 = huge sizes,
/// 2 = proxies.
const PROBE: &str = r#"
const HUGE = 2 ** 31;
const big = 'y'.repeat(1 << 20);
function fickle() {
  let asked = 0;
  const next = () => asked++ > 0;
  return {
    valueOf() { return next() ? HUGE : 1; },
    toString() { return next() ? big + big : 'a'; },
    get length() { return next() ? HUGE : 1; },
    [Symbol.iterator]() { let i = 0; return { next: () => ({ done: i++ > (next() ? 1e7 : 1), value: 1 }) }; },
    get 0() { return next() ? big : 'a'; },
  };
}
function huge() {
  return { length: HUGE, 0: 1, [Symbol.isConcatSpreadable]: true, raw: { length: HUGE } };
}
function proxied() {
  return new Proxy([1, 2, 3], { get(t, k) { return k === 'length' ? HUGE : Reflect.get(t, k); } });
}
const roots = {
  '%TypedArray%': Object.getPrototypeOf(Uint8Array),
};
function resolve(path) {
  let side = '';
  if (path.startsWith('get ') || path.startsWith('set ')) { side = path.slice(0, 3); path = path.slice(4); }
  const parts = path.match(/(%[^%]+%|[^.[]+|\[Symbol\.\w+\])/g);
  let owner = globalThis;
  let key = parts[0];
  if (roots[key] !== undefined) { owner = roots; }
  for (const part of parts.slice(1)) {
    owner = owner[key];
    key = part.startsWith('[Symbol.') ? Symbol[part.slice(8, -1)] : part;
  }
  const desc = Object.getOwnPropertyDescriptor(owner, key);
  // (toString, valueOf, ... of the built-in prototypes are accessors that
  // let instances override them: their getter gives the function.)
  const fn = desc === undefined ? undefined : side !== '' ? desc[side] : 'value' in desc ? desc.value : owner[key];
  if (typeof fn !== 'function') throw new Error(`cannot resolve ${path}`);
  return { owner, fn };
}
function receiverFor(path, mode) {
  if (path.startsWith('%TypedArray%.prototype')) {
    const u = new Uint8Array(mode === 1 ? 500000 : 16);
    Object.defineProperty(u, 'length', { value: mode === 1 ? 1 : HUGE });
    return u;
  }
  if (path.startsWith('Map.prototype')) return new Map([[1, 1]]);
  if (path.startsWith('Set.prototype')) return new Set([1]);
  if (path.startsWith('ArrayBuffer.prototype')) return new ArrayBuffer(16);
  if (path.startsWith('BigInt.prototype')) return 12345678901234567890n;
  if (path.startsWith('RegExp.prototype')) return /a(?=a*$)/g;
  if (path.startsWith('Function.prototype')) return Math.max;
  return [fickle, huge, proxied][mode]();
}
class Probe {
  init() {}
  probe(path, mode) {
    const { owner, fn } = resolve(path);
    const make = [fickle, huge, proxied][mode];
    const args = [make(), make(), make()];
    const self = path.includes('.prototype') ? receiverFor(path, mode) : owner;
    let outcome;
    try {
      if (/^[A-Z%][A-Za-z0-9%]*$/.test(path) && typeof fn === 'function') {
        outcome = Reflect.construct(fn, args.slice(0, 2));
      } else {
        outcome = Reflect.apply(fn, self, args);
      }
    } catch (e) {
      if (!(e instanceof TypeError || e instanceof RangeError || e instanceof SyntaxError || e instanceof Error)) throw e;
      return `threw ${e.name}`;
    }
    return `returned ${typeof outcome}`;
  }
  host(name, mode) {
    const make = [fickle, huge, proxied][mode];
    const [a, b, c] = [make(), make(), make()];
    const calls = {
      'storage.put': () => storage.put(a, b), 'storage.get': () => storage.get(a),
      'storage.mapPut': () => storage.mapPut(a, b, c), 'storage.mapKeys': () => storage.mapKeys(a),
      'storage.globalGet': () => storage.globalGet(a, b), 'storage.globalMapKeys': () => storage.globalMapKeys(a, b),
      'blockchain.receipt': () => blockchain.receipt(a), 'blockchain.event': () => blockchain.event(a),
      'blockchain.call': () => blockchain.call(a, b, c), 'blockchain.requireAuth': () => blockchain.requireAuth(a, b),
      'blockchain.transfer': () => blockchain.transfer(a, b, c, 'memo'),
      'console.log': () => console.log(a, b, c, '%s %d %j', a, b, c),
      'IOSTCrypto.sha3': () => IOSTCrypto.sha3(a), 'IOSTCrypto.sha3Hex': () => IOSTCrypto.sha3Hex(a),
      'IOSTCrypto.ripemd160Hex': () => IOSTCrypto.ripemd160Hex(a),
      'IOSTCrypto.verify': () => IOSTCrypto.verify('ed25519', a, b, c),
      'BigNumber': () => new BigNumber(a).times(b).pow(c), 'Int64': () => new Int64(a).multi(b),
      'Float64': () => new Float64(a).div(b),
    };
    try {
      calls[name]();
    } catch (e) {
      return `threw ${e.name}`;
    }
    return 'returned';
  }
}
module.exports = Probe;
"#;

const HOST_APIS: [&str; 19] = [
    "storage.put",
    "storage.get",
    "storage.mapPut",
    "storage.mapKeys",
    "storage.globalGet",
    "storage.globalMapKeys",
    "blockchain.receipt",
    "blockchain.event",
    "blockchain.call",
    "blockchain.requireAuth",
    "blockchain.transfer",
    "console.log",
    "IOSTCrypto.sha3",
    "IOSTCrypto.sha3Hex",
    "IOSTCrypto.ripemd160Hex",
    "IOSTCrypto.verify",
    "BigNumber",
    "Int64",
    "Float64",
];

fn charged_paths() -> Vec<String> {
    let report = crate::tester::realm_inventory();
    report["charged"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_owned()).collect()
}

#[test]
fn every_charged_built_in_and_host_api_holds_against_adversarial_inputs() {
    let abi = r#"{"abi":[{"name":"probe","args":["string","number"]},{"name":"host","args":["string","number"]}]}"#;
    let mut warm = Chain::new();
    warm.gas_limit = 3_000_000;
    warm.deploy_source("probe", "probe.js", PROBE, Some(abi));
    let mut fresh = Chain::new();
    fresh.gas_limit = 3_000_000;
    fresh.deploy_source("probe", "probe.js", PROBE, Some(abi));
    let paths = charged_paths();
    assert!(paths.len() > 150, "{} charged built-ins", paths.len());
    let calls: Vec<(&str, String)> = paths
        .iter()
        .map(|path| ("probe", path.clone()))
        .chain(HOST_APIS.iter().map(|api| ("host", (*api).to_owned())))
        .collect();
    for (i, (method, name)) in calls.iter().enumerate() {
        for mode in 0..3 {
            let args = serde_json::to_string(&serde_json::json!([name, mode])).unwrap();
            let receipt = warm.call("probe", method, &args);
            assert!(
                matches!(receipt.status, Status::Success | Status::RuntimeError | Status::OutOfGas)
                    && !receipt.message.contains("cannot resolve"),
                "{name} mode {mode}: {:?} {}",
                receipt.status,
                receipt.message
            );
            if i % 16 == 0 {
                fresh.restart_cold();
            }
            let other = fresh.call("probe", method, &args);
            assert_eq!(receipt, other, "{name} mode {mode}: a warm and a fresh worker differ");
        }
    }
}
