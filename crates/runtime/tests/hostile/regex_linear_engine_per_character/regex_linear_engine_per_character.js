// Threat: V8's linear-time engine, which took over a search past 1,000
// backtracks in a pattern it can run, spends ~1.9 us a character, and the
// search was charged by the characters scanned: `/a+z/` on 300,000
// characters, 0.57 s for 9,400 gas (red team round 26). It is off; every
// search is bounded by its counted backtracks.
class RegexLinearEnginePerCharacter {
  init() {}

  attack() {
    const s = 'a'.repeat(300000);
    const t = 'ab'.repeat(750);
    let found = 0;
    for (let i = 0; i < 1000; i++) {
      try {
        if (/(?:a|b){16}x/.test(t)) found++;
        if (/a+z/.test(s)) found++;
      } catch (e) {
        found--;
      }
    }
    return found;
  }
}

module.exports = RegexLinearEnginePerCharacter;
