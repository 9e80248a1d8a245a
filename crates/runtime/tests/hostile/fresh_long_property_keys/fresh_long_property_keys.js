// Threat: V8 adds a string key it has not seen to its string table (made
// flat, hashed, copied): a fresh key of 1,024 characters, ~3.2 us, was
// free up to 1,024 characters (red team round 47: 82 ns a gas).
class FreshLongPropertyKeys {
  init() {}

  attack() {
    const prefix = 'p'.repeat(1017);
    const o = {};
    let n = 0;
    for (let i = 0; i < 2000000; i++) if (o[prefix + (i + 1000000)] === undefined) n++;
    return n;
  }
}

module.exports = FreshLongPropertyKeys;
