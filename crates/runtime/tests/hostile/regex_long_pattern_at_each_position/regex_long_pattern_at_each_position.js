// Threat: V8 compares a long pattern's text at each position a search
// tries, and positions were charged half a gas each: a 2,009-character
// pattern on 2 MiB ran 3.4 s (one exec, past the deadline) for 2.3 million
// gas, and a sticky search ran 18.5 us for 46 gas (red team round 27). A
// search's positions times its pattern are capped; each is charged by the
// pattern's length.
class RegexLongPatternAtEachPosition {
  init() {}

  attack() {
    const sticky = new RegExp('σ{0,10}?σσσσσσσσb' + 'σ'.repeat(2000), 'yi');
    const text = 'σ'.repeat(2040);
    let found = 0;
    for (let i = 0; i < 100000; i++) {
      sticky.lastIndex = 0;
      if (sticky.test(text)) found++;
    }
    return found;
  }
}

module.exports = RegexLongPatternAtEachPosition;
