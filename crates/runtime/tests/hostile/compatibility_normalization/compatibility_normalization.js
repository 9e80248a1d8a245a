// Threat: NFKC and NFKD decompose a compatibility character into as many
// as 18 ('\uFDFA'), ~60 ns a character, charged 4 gas a character as the
// canonical forms are (at most ~11 ns): 30 ns a gas (red team round 48).
// Before, this ran into its deadline.
class CompatibilityNormalization {
  init() {}

  attack() {
    const s = '\uFDFA\u3300\u01C4'.repeat(20000);
    let n = 0;
    for (;;) n += s.normalize('NFKD').length + s.normalize('NFKC').length;
  }
}

module.exports = CompatibilityNormalization;
