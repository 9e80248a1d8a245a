// Threat: a BigInt compared with a long string of digits: V8 parses the
// whole string into a BigInt at each comparison (~350 ms for two million
// digits, which nothing interrupts), for the one gas of the comparison.
class BigintComparedWithLongText {
  init() {}

  attack() {
    const s = '7'.repeat(2 ** 21);
    let count = 0;
    for (let i = 0; i < 100; i++) if (1n < s) count++;
    return count;
  }
}

module.exports = BigintComparedWithLongText;
