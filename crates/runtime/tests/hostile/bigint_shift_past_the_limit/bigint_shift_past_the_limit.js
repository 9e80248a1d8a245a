// Threat: `1n << 1000000000n`: V8 makes a billion-bit BigInt (125 MB) in
// one native step, past the heap limit, unless the shift is refused before
// it starts. A negative right shift is the same left shift.
class BigintShiftPastTheLimit {
  init() {}

  attack() {
    let refused = 0;
    try {
      return 1n >> -1000000000n;
    } catch (e) {
      refused++;
    }
    return [refused, (1n << 1000000000n) > 0n];
  }
}

module.exports = BigintShiftPastTheLimit;
