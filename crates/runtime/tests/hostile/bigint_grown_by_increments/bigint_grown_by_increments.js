// Threat: x = 2^k; y = x - 1 by `--`; x | y = 2^(k+1) - 1; `++` makes it
// 2^(k+1): a bit a step with `++`, `--` and `|` alone (red team round 20),
// each step copying a longer BigInt for the same gas.
class BigintGrownByIncrements {
  init() {}

  attack() {
    let x = 1n << 8191n;
    for (let k = 0; k < 100000; k++) {
      let y = x;
      y--;
      x = x | y;
      x++;
    }
    return String(x).length;
  }
}

module.exports = BigintGrownByIncrements;
