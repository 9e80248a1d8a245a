// Threat: an object stored into a typed array is converted by V8 (its
// `valueOf`, metered contract code), and the string that comes back is
// scanned uncharged. Also checks the object is converted once per store.
class TypedArrayStoreOfAnObject {
  init() {}

  attack() {
    const s = '1'.repeat(2 ** 21);
    let calls = 0;
    const value = { valueOf() { calls++; return s; } };
    const t = new Float64Array(8);
    t[0] = value;
    if (calls !== 1) throw new Error(`valueOf ran ${calls} times for one store`);
    for (let i = 0; i < 1000; i++) t[i & 7] = value;
    return String(calls);
  }
}

module.exports = TypedArrayStoreOfAnObject;
