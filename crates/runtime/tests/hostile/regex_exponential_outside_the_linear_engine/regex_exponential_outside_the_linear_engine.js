// Threat: a regular expression V8's linear-time engine cannot run (here the `i` flag; also backreferences, lookarounds, `u`, `d`, long counted repetitions) backtracks exponentially for ~100 gas, until the deadline: each exec may backtrack at most 2^20 times, charged as its limit grows
class RegexExponentialOutsideTheLinearEngine {
  init() {}

  attack() {
    return /^(a+)+$/i.test('a'.repeat(40) + 'b');
  }
}

module.exports = RegexExponentialOutsideTheLinearEngine;
