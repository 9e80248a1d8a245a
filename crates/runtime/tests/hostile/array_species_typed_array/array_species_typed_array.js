// Threat: `map`, `filter`, `slice` and `splice` make their result with the
// array's species: an array whose `constructor` is Float64Array, or a
// class whose constructor returns one, has V8 store each item into a typed
// array, scanning long strings uncharged. Array.of and Array.from called
// on such a constructor fill it too.
class ArraySpeciesTypedArray {
  init() {}

  attack() {
    const s = '1'.repeat(2 ** 21);
    const a = [s, s, s, s, s, s, s, s];
    Object.defineProperty(a, 'constructor', { value: Float64Array });
    class Made extends Array {
      constructor(n) {
        super();
        return new Float64Array(n);
      }
    }
    // (An array keeps the prototype it is made with: one made with Made's.)
    const d = Reflect.construct(Array, [s, s, s, s], Made);
    const kinds = [];
    for (let i = 0; i < 100; i++) {
      const results = [a.slice(), a.map((x) => x), a.filter(() => true), a.splice(0, 8, ...a), d.map((x) => x)];
      if (i === 0) for (const r of results) kinds.push(Object.prototype.toString.call(r).slice(8, -1) + r.length);
    }
    // Filled as `result[k] = value` would be, then its length set: a typed
    // array's cannot be (V8's TypeError, after the charged stores).
    for (const make of [() => Made.from(a), () => Array.of.call(Made, s, s)]) {
      try {
        make();
      } catch (e) {
        kinds.push(e.name);
      }
    }
    return kinds.join(' ');
  }
}

module.exports = ArraySpeciesTypedArray;
