// Threat: quotients, remainders and products of the largest BigInts a
// contract may hold, in a loop: charged as one operator each, every step
// did thousands of 64-bit word steps for a gas (about 1 s for 1M gas).
class BigintQuotientsOfTheLargest {
  init() {}

  attack() {
    const x = (1n << 8191n) - 1n;
    const y = (1n << 4095n) - 3n;
    let r = 0n;
    for (;;) r = x / y + (x % y) + y * y;
  }
}

module.exports = BigintQuotientsOfTheLargest;
