// Threat: `t[0] += s` makes a long string (the element's number and `s`)
// that V8 stores back, scanning it; `t[0] ||= s` stores `s` when the
// element is 0. Neither is a plain `=` a compiler routing `=` would see.
class TypedArrayStoreCompound {
  init() {}

  attack() {
    const s = '1'.repeat(2 ** 21 - 8);
    const t = new Float64Array(8);
    for (let i = 0; i < 1000; i++) {
      t[0] = 0;
      t[0] += s;
      t[1] = 0;
      t[1] ||= s;
    }
    return String(t[0]);
  }
}

module.exports = TypedArrayStoreCompound;
