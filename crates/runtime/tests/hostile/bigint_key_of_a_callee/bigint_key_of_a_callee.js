// Threat: `o[big]()` formats the BigInt in decimal (quadratic, ~100 us at
// the 8,192-bit cap) to look up the method, and the callee's key was left
// to V8 for its error message (red team round 25: 3,000 calls, 405 ms for
// 33,000 gas).
class BigintKeyOfACallee {
  init() {}

  attack() {
    const big = 7n ** 2900n;
    const o = { [big]() { return 1; } };
    let sum = 0;
    for (let i = 0; i < 100000; i++) sum += o[big]();
    return sum;
  }
}

module.exports = BigintKeyOfACallee;
