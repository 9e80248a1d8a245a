// Threat: V8 runs a repetition of fixed-length text (`a+`, `[ab]*`, `.*`)
// as a loop that steps back one copy at a time without counting a
// backtrack, so a search with a backtrack limit did work that grows with
// the text for each backtrack it counted: `/a+z/i` on 100,000 `a`s ran
// 12.9 s for 180,000 gas (red team round 26). The library's twins make
// each repetition's body a choice V8 counts.
class RegexGreedyLoopStepsBack {
  init() {}

  attack() {
    const s = 'a'.repeat(100000);
    let found = 0;
    for (let i = 0; i < 1000; i++) {
      try {
        if (/a+z/i.test(s) || /[ab]*z/.test(s) || /.*z/.test(s)) found++;
      } catch (e) {
        found--;
      }
    }
    return found;
  }
}

module.exports = RegexGreedyLoopStepsBack;
