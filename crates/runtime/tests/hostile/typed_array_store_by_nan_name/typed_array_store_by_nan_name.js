// Threat: a typed array treats the names `NaN` and `Infinity` as numeric
// keys (CanonicalNumericIndexString) and reads what is stored there as a
// number; a compiler routing only `.length` among dotted names misses them
// (red team round 30: 300 stores of 2 MiB of two-byte spaces, 3.7 s).
class TypedArrayStoreByNanName {
  init() {}

  attack() {
    const s = '\u2028'.repeat(2 ** 21);
    const t = new Uint8Array(4);
    for (let i = 0; i < 300; i++) {
      t.NaN = s;
      t.Infinity = s;
      ({ x: t.NaN } = { x: s });
      t.NaN ||= s;
      for (t.Infinity of [s]);
    }
    return 'stored';
  }
}

module.exports = TypedArrayStoreByNanName;
