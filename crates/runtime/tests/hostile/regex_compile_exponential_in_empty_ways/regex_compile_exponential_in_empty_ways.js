// Threat: V8 compiles a regex at its first exec, in one step nothing can
// interrupt, and follows every way a run of its parts can match nothing:
// `(?:a?|b?|c?)` 20 times can in 3^20 ways (16 times took 38 s in node 20;
// `(?:a?|b?)` 20 times with `i`, 11 s past a 1 s deadline). The pattern is
// 241 characters: ~72,000 gas.
class RegexCompileExponentialInEmptyWays {
  init() {}

  attack() {
    return new RegExp('(?:a?|b?|c?)'.repeat(20) + 'x', 'i').test('ab');
  }
}

module.exports = RegexCompileExponentialInEmptyWays;
