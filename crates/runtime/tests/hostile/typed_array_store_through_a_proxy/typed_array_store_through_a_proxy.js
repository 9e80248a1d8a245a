// Threat: a proxy with no `set` trap forwards a write to its target (a
// typed array), where V8 reads it as a number; `Reflect.set(o, k, s, t)`
// writes to the receiver. A check of the object written alone misses both.
class TypedArrayStoreThroughAProxy {
  init() {}

  attack() {
    const s = '1'.repeat(2 ** 21);
    const t = new Float64Array(8);
    const p = new Proxy(new Proxy(t, {}), {});
    for (let i = 0; i < 1000; i++) {
      p[i & 7] = s;
      Reflect.set({}, 0, s, p);
    }
    return String(t[0]);
  }
}

module.exports = TypedArrayStoreThroughAProxy;
