// Threat: a BigInt doubled by `x - -x`, an operator V8 runs in linear time:
// unchecked, the value grows without bound and each step takes longer for
// the same gas (a million steps: ~8 s of copying 60,000-word BigInts).
class BigintDoublingBySubtraction {
  init() {}

  attack() {
    let x = 1n;
    for (let i = 0; i < 1000000; i++) x = x - -x;
    return x > 0n;
  }
}

module.exports = BigintDoublingBySubtraction;
