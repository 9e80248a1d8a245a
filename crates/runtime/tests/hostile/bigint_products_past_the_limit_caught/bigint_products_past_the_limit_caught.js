// Threat: a product of two BigInts at the limit is over it, so it is
// refused, but only after V8 made it (~15 us): caught in a loop, each
// refused product must still pay for the work (red team round 20's `mul`).
class BigintProductsPastTheLimitCaught {
  init() {}

  attack() {
    const x = (1n << 8191n) - 1n;
    let refused = 0;
    for (;;) {
      try {
        x * x;
      } catch (e) {
        refused++;
      }
    }
  }
}

module.exports = BigintProductsPastTheLimitCaught;
