// Threat: `\u{17}` without the `u` flag is `u` seventeen times, a repetition V8's linear-time engine refuses: a classifier that read it as one escaped character let `/^(?:a|a)+$|\u{17}/` backtrack exponentially for 110 gas (red team round 18: 813 ms on 28 characters)
class RegexIdentityEscapeBraces {
  init() {}

  attack() {
    return /^(?:a|a)+$|\u{17}/.test('a'.repeat(40) + 'b');
  }
}

module.exports = RegexIdentityEscapeBraces;
