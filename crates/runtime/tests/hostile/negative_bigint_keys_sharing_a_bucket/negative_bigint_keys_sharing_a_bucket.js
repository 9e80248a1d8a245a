// Threat: V8 hashes a BigInt by the low 64 bits of its magnitude, so `-x`
// and `x` share a bucket; the library hashed the two's complement, and
// negative keys chosen (V8's ComputeLongHash inverted) for one bucket went
// uncharged: ~1,100 ns a gas for each `get` among 65,536 (red team round
// 51). Before, this ran into its deadline.
class NegativeBigintKeysSharingABucket {
  init() {}

  attack() {
    const M = (1n << 64n) - 1n;
    const inverse = (a) => {
      let x = a;
      for (let i = 0; i < 7; i++) x = (x * (2n - a * x)) & M;
      return x;
    };
    const unshift = (y, s) => {
      let x = y;
      for (let i = 0; i < 70; i += Number(s)) x = y ^ (x >> s);
      return x;
    };
    const i65 = inverse(65n);
    const i21 = inverse(21n);
    const i18 = inverse(262143n);
    // A BigInt whose V8 hash is `h`.
    const keyOf = (h) => {
      const h4 = (unshift(h, 22n) * i65) & M;
      const h2 = (unshift(h4, 11n) * i21) & M;
      return ((unshift(h2, 31n) + 1n) * i18) & M;
    };
    const m = new Map();
    for (let i = 1; i <= 8192; i++) m.set(-keyOf((BigInt(i) << 30n) | 12345n), i);
    const missing = -keyOf((BigInt(8192 + 7) << 30n) | 12345n);
    let s = 0;
    for (;;) if (m.get(missing) !== undefined) s++;
  }
}

module.exports = NegativeBigintKeysSharingABucket;
