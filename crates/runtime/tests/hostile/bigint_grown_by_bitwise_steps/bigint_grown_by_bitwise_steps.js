// Threat: from x = -2^k, -x = 2^k and ~x = 2^k - 1, so ~(-x | ~x) is
// -2^(k+1): a bit a step with operators the compiler once left to V8 (red
// team round 20). Past the limit, every `o[x]` (one gas) formats all of
// x's digits, and products were measured as if x had 130 words.
class BigintGrownByBitwiseSteps {
  init() {}

  attack() {
    const o = {};
    let x = -(1n << 8191n);
    for (let k = 0; k < 100000; k++) {
      x = ~(-x | ~x);
      o[x] = k;
    }
    return Object.keys(o).length;
  }
}

module.exports = BigintGrownByBitwiseSteps;
