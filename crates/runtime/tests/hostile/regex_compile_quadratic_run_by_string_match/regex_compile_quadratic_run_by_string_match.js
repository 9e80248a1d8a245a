// Threat: a string handed to match/search/matchAll becomes a RegExp, and a
// long run of parts that can match nothing (`a?` 1,000 times) takes V8
// time quadratic in the run to compile, uninterruptibly; tried with every
// flag that makes it slower.
class RegexCompileQuadraticRunByStringMatch {
  init() {}

  attack() {
    const pattern = 'a?'.repeat(1000) + 'x';
    return [String('ab'.match(pattern)), String('AB'.search(new RegExp(pattern, 'i')))];
  }
}

module.exports = RegexCompileQuadraticRunByStringMatch;
