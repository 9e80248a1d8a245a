// Threat: a BigInt doubled by `-x + -x`: both sides are numeric by source,
// a `+` the compiler once left to V8, so nothing checked the result and the
// value grew without bound, each step slower for the same gas.
class BigintDoublingByNegatedSums {
  init() {}

  attack() {
    let x = 1n;
    for (let i = 0; i < 1000000; i++) x = -x + -x;
    return x !== 0n;
  }
}

module.exports = BigintDoublingByNegatedSums;
