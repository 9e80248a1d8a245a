// Threat: repetitions nested past 16 copies (`/^((((a+)+)+)+)+$/`: V8's linear-time engine copies a repetition's body per count, and refuses past 16) backtrack exponentially with no flag or back-reference in sight (red team round 17: 340 ms for 94 gas on 12 characters). Five deep has 33 parts that can match nothing and is now a compile error (compiler test patterns_that_v8_compiles_slowly_are_refused); four deep, here, runs on a twin like every pattern: a RangeError past 2^20 backtracks, each charged.
class RegexNestedRepetitions {
  init() {}

  attack() {
    return /^(((a+)+)+)+$/.test('a'.repeat(30) + 'b');
  }
}

module.exports = RegexNestedRepetitions;
