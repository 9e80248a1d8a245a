// Threat: a regular expression V8's linear-time engine cannot run (here the `i` flag; also backreferences, lookarounds, `u`, `d`, long counted repetitions) backtracks exponentially for ~100 gas: open (docs/hostile.md), the deadline stops it
class RegexExponentialOutsideTheLinearEngine {
  init() {}

  attack() {
    return /^(a+)+$/i.test('a'.repeat(40) + 'b');
  }
}

module.exports = RegexExponentialOutsideTheLinearEngine;
