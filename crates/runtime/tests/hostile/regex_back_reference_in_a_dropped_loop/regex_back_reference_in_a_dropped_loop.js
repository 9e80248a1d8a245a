// Threat: a back-reference inside a loop inside a lookahead compares its
// whole capture at each step, and V8 drops a succeeding lookahead's
// backtrack points uncounted: cubic work, 6.9 s for 19.6 million gas on
// 3,500 two-byte characters under `iu` (red team round 29). A pattern with
// a back-reference is charged positions × reach² / 64 up front.
class RegexBackReferenceInADroppedLoop {
  init() {}

  attack() {
    const text = '\u0101'.repeat(3500);
    return String(/(?=(\u0101*))(?=(?:\u0101(?<=\1))*)x/iu.test(text));
  }
}

module.exports = RegexBackReferenceInADroppedLoop;
