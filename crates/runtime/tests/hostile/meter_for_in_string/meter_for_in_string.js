// Threat: for...in over a 2,000,000-character string: V8 collects every key before the first iteration, for about 9 gas (issue 14, 6)
class MeterForInString {
  init() {}

  attack() {
    for (const k in 'x'.repeat(2000000)) return k;
    return 'none';
  }
}

module.exports = MeterForInString;
