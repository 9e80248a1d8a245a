// Threat: V8 hashes a string that is an array index by its value, no seed:
// `String(5 + k * 2048)` all fall into one bucket of a Map's table, and a
// Map charged a string key only for its own deletions (red team round 52:
// ~650 ns a gas; NaNs of other bits, hashed by V8 as one, ~2,300; a Map
// given a null prototype broke the model's rebuild, ~1,000). Such texts
// are counted as V8 hashes them now. Before, this ran into its deadline.
class IndexTextKeysSharingABucket {
  init() {}

  attack() {
    const m = new Map();
    const keys = [];
    for (let k = 0; k < 4096; k++) {
      const s = String(5 + k * 2048);
      keys.push(s);
      m.set(s, k);
    }
    let c = 0;
    for (;;) for (let i = 0; i < 4096; i++) if (m.has(keys[i])) c++;
  }
}

module.exports = IndexTextKeysSharingABucket;
