// Threat: Number.prototype.toString(radix), toPrecision, toExponential and
// toFixed make digits V8 works hard for: `(5e-324).toString(2)` is 1,076
// characters (~5 us), `toPrecision(100)` of 1.8e308 takes big numbers
// (~5 us); they were charged as a call (red team round 45: ~200x the
// median a gas, a 1 s deadline passed at 10 million gas).
class NumberFormattingManyDigits {
  init() {}

  attack() {
    const tiny = 5e-324;
    const huge = 1.7976931348623157e308;
    let n = 0;
    for (let i = 0; i < 1000000; i++) {
      n += tiny.toString(2).length + huge.toPrecision(100).length + huge.toExponential(100).length;
      n += (0.1).toFixed(100).length;
    }
    return n;
  }
}

module.exports = NumberFormattingManyDigits;
