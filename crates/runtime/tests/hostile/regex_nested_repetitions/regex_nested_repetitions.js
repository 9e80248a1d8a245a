// Threat: repetitions nested past 16 copies (`/^((((a+)+)+)+)+$/`: V8's linear-time engine copies a repetition's body per count, and refuses past 16) backtrack exponentially with no flag or back-reference in sight (red team round 17: 340 ms for 94 gas on 12 characters): bounded and charged like the others
class RegexNestedRepetitions {
  init() {}

  attack() {
    return /^((((a+)+)+)+)+$/.test('a'.repeat(30) + 'b');
  }
}

module.exports = RegexNestedRepetitions;
