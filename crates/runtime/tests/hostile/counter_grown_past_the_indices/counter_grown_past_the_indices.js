// Threat: the compiler leaves a number key to V8 when it proves it an
// array index; it took `i = i + 65536` as keeping a counter an index, but
// 65,537 such steps take it past 2^32, and from there every `o[i + k]` is
// written as text and added to V8's string table, with a new hidden class
// for each fresh object, for a few gas (red team round 49: 268 ns a gas).
// Before, this ran into its deadline.
class CounterGrownPastTheIndices {
  init() {}

  attack() {
    let i = 0;
    for (let j = 0; j < 65537; j++) i = i + 65536;
    for (;;) {
      const p = {};
      p[i + 0] = 1;
      p[i + 1] = 1;
      p[i + 2] = 1;
      p[i + 3] = 1;
      i = i + 4;
    }
  }
}

module.exports = CounterGrownPastTheIndices;
