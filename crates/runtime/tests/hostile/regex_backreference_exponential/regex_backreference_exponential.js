// Threat: a back-reference after a nested repetition (`/^(a+)+\\1$/`, which V8's linear-time engine cannot run) backtracks exponentially in its text: each exec may backtrack at most 2^20 times, charged as its limit grows
class RegexBackreferenceExponential {
  init() {}

  attack() {
    return /^(a+)+\1$/.test('a'.repeat(60) + 'b');
  }
}

module.exports = RegexBackreferenceExponential;
