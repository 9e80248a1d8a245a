// Threat: a legacy octal escape (`\\1` with no group: the character U+0001) in a pattern searched on a twin: the probe's extra group must not turn it into a back-reference that matches empty (red team round 17: `/^[a-z]+\\1$/i.test('abc')` was true)
class RegexLegacyOctalEscape {
  init() {}

  attack() {
    return [/^[a-z]+\1$/i.test('abc'), /^[a-z]+\1$/i.test('abc\x01'), /^\w+\1$/.test('abc')].join(' ');
  }
}

module.exports = RegexLegacyOctalEscape;
