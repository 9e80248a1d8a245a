// Threat: a BigInt typed array converts what is stored into it with
// ToBigInt, so `ta[0] = s` (and its constructor, fill, set, of, from, map,
// Reflect.set, ...) parses a two-million-digit string at every store (~350
// ms, uninterruptible), for no gas; DataView.setBigInt64 does the same, here
// behind an object's valueOf so that a wrapper measuring the argument sees
// an object.
class BigintTypedArrayStoreOfLongText {
  init() {}

  attack() {
    const s = '7'.repeat(2 ** 21);
    let stored = 'no BigInt typed arrays';
    if (typeof BigInt64Array === 'function') {
      const ta = new BigInt64Array(1);
      for (let i = 0; i < 20; i++) ta[0] = s;
      stored = String(ta[0]);
    }
    const view = new DataView(new ArrayBuffer(8));
    const value = { valueOf() { return s; } };
    for (let i = 0; i < 20; i++) view.setBigInt64(0, value);
    return stored;
  }
}

module.exports = BigintTypedArrayStoreOfLongText;
