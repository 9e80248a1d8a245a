// Threat: V8 hashes a BigInt by its lowest 64 bits: Map keys that differ
// only above them share one bucket, and each operation compares with all
// of them (red team round 50: 30,000 `set`s of multiples of 2^64, 2 s for
// 1.1M gas, square in the keys). A key wider than 64 bits pays for every
// entry. Before, this ran into its deadline.
class BigintKeysEqualInTheirLowBits {
  init() {}

  attack() {
    const m = new Map();
    const s = new Set();
    const base = 1n << 64n;
    let k = 0n;
    for (;;) {
      m.set(k, 1);
      s.add(k);
      k += base;
    }
  }
}

module.exports = BigintKeysEqualInTheirLowBits;
