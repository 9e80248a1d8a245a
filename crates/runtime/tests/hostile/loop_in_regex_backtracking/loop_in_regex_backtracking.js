// Threat: catastrophic regex backtracking, work the gas meter does not see (the deadline stops it)
class LoopInRegexBacktracking {
  init() {}

  attack() {
    return /^(a+)+$/.test('a'.repeat(40) + 'b');
  }
}

module.exports = LoopInRegexBacktracking;
