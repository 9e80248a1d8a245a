// Threat: built-ins handed as callbacks run no contract code, so nothing
// charged their calls: `flatMap` with a bound `hasOwnProperty` (a fresh
// number key at each call), `%TypedArray%.from` of a typed array (walked
// through the library's iterator, ~100 ns an item) and with a built-in
// mapping function: 91-343 ns a gas at a gas an item (red team round 47).
class BuiltInsCalledBackPerItem {
  init() {}

  attack() {
    const doubles = new Float64Array(100000);
    for (let i = 0; i < doubles.length; i++) doubles[i] = i * 1.37;
    const list = Array.from(doubles);
    const has = Object.prototype.hasOwnProperty.bind([]);
    let n = 0;
    for (let i = 0; i < 1000; i++) {
      n += Float64Array.from(doubles).length + Float64Array.from(doubles, has).length;
      n += list.flatMap(has).length;
    }
    return n;
  }
}

module.exports = BuiltInsCalledBackPerItem;
