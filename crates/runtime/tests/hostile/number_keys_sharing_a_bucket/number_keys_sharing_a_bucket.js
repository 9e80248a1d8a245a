// Threat: V8 hashes a number key of a Map or Set with a fixed integer
// hash, no seed, which can be inverted: 16,384 keys chosen for one bucket
// made each `m.get` compare with all of them, ~1,860 ns a gas (red team
// round 50's review; BigInts under 2^64 through V8's 64-bit hash, ~3,300).
// Each collection now counts its number keys by V8's hash and charges for
// those a key shares its bucket with. Before, this ran into its deadline.
class NumberKeysSharingABucket {
  init() {}

  attack() {
    // The inverse of V8's ComputeUnseededHash: a key whose hash is `y`.
    const unhash = (y) => {
      let h = y >>> 0;
      h = (h ^ (h >>> 16)) >>> 0;
      h = Math.imul(h, 3369993785) >>> 0;
      h = (h ^ (h >>> 4) ^ (h >>> 8) ^ (h >>> 12) ^ (h >>> 16) ^ (h >>> 20) ^ (h >>> 24) ^ (h >>> 28)) >>> 0;
      h = Math.imul(h, 3435973837) >>> 0;
      h = (h ^ (h >>> 12) ^ (h >>> 24)) >>> 0;
      return Math.imul((h + 1) >>> 0, 3221192703) | 0;
    };
    const keys = [];
    for (let j = 0; j < 16384; j++) keys.push(unhash((j << 15) | 7));
    const m = new Map();
    for (let j = 0; j < 16384; j++) m.set(keys[j], 1);
    let r = 0;
    for (;;) for (let j = 0; j < 16384; j++) r += m.get(keys[j]);
  }
}

module.exports = NumberKeysSharingABucket;
