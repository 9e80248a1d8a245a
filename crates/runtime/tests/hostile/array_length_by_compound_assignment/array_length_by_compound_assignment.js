// Threat: `a.length -= -(2 ** 25)` (or `*=`, `|=`, `<<=`) grew an array by
// 2^25 slots that V8 allocates and fills, for 168 gas: only `=`, `+=` and
// the logical assignments went through the library (red team round 50:
// ~7.3 ms a gas). Before, this ran into its deadline.
class ArrayLengthByCompoundAssignment {
  init() {}

  attack() {
    let n = 0;
    for (;;) {
      const a = [];
      a.length -= -(2 ** 22);
      const b = [1];
      b.length *= 2 ** 22;
      const c = [];
      c['length'] |= 2 ** 22;
      n += a.length + b.length + c.length;
    }
  }
}

module.exports = ArrayLengthByCompoundAssignment;
