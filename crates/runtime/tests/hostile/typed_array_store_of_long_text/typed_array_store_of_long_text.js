// Threat: a typed array reads what is stored into an element as a number,
// scanning a string whole, every time, uninterrupted: `t[i] = s` of 2 MiB
// of digits was ~3 ms a store for the few gas of the statement (57 times
// the median per gas, the last open row of red team round 26).
class TypedArrayStoreOfLongText {
  init() {}

  attack() {
    const s = '1'.repeat(2 ** 21);
    const t = new Float64Array(8);
    for (let i = 0; i < 1000; i++) t[i & 7] = s;
    return String(t[0]);
  }
}

module.exports = TypedArrayStoreOfLongText;
