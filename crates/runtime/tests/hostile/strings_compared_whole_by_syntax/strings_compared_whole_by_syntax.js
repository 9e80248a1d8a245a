// Threat: V8 compares two distinct strings of one length character by
// character, uninterrupted, and `===`, `==`, `<`, `switch`, Object.is and
// includes did it for one gas (red team round 26: 1,000 `===` of two 2 MiB
// copies, 0.66 s for 138,000 gas).
class StringsComparedWholeBySyntax {
  init() {}

  attack() {
    const a = 'x'.repeat(1 << 21);
    const b = 'x'.repeat(1 << 21);
    const list = [a];
    let same = 0;
    for (let i = 0; i < 100000; i++) {
      if (a === b) same++;
      if (a == b) same++;
      if (a <= b) same++;
      if (Object.is(a, b)) same++;
      if (list.includes(b)) same++;
      switch (a) {
        case b: same++;
      }
    }
    return same;
  }
}

module.exports = StringsComparedWholeBySyntax;
