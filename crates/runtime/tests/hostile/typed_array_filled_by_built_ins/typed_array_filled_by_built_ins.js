// Threat: every built-in that stores into a typed array converts each value
// as V8 does, scanning a long string whole: a wrapper that charges by the
// number of items, not by what each one is, lets them scan uncharged.
class TypedArrayFilledByBuiltIns {
  init() {}

  attack() {
    const s = '1'.repeat(2 ** 21);
    const many = [s, s, s, s, s, s, s, s];
    const t = new Float64Array(8);
    Object.defineProperty(t, 'length', { value: 8 });
    for (let i = 0; i < 20; i++) {
      new Float64Array(many);
      Float64Array.from([1, 2, 3, 4], () => s);
      Float64Array.of(s, s, s, s);
      t.set(many);
      t.map(() => s);
      Object.assign(t, many);
      Reflect.set(t, 0, s);
      Reflect.set({}, 1, s, t);
      Object.defineProperty(t, 2, { value: s });
      Array.prototype.fill.call(t, s);
    }
    return String(t[0]);
  }
}

module.exports = TypedArrayFilledByBuiltIns;
