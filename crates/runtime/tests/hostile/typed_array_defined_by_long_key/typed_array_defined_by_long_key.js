// Threat: a typed array reads a key it is asked to define as a number,
// whatever its length (CanonicalNumericIndexString), and the library's
// isNumericKey read every long key as one too (red team round 33: ~90 us
// a store or definition with a 16,383-character key, 13-18x the median).
class TypedArrayDefinedByLongKey {
  init() {}

  attack() {
    const key = '\u3000'.repeat(16382) + '1';
    const t = new Uint8Array(4);
    const o = {};
    let refused = 0;
    for (let i = 0; i < 100000; i++) {
      o[key] = t;
      try {
        Object.defineProperty(t, key, { value: 1 });
      } catch (e) {
        refused++;
      }
    }
    return refused;
  }
}

module.exports = TypedArrayDefinedByLongKey;
