// Threat: searches that each backtrack close to the most one exec may (`/^(a|aa)+$/i`, on a text it does not match) in a loop: each pays for the backtracks its limit allowed, so the gas limit ends it quickly
class RegexEscalationInALoop {
  init() {}

  attack() {
    let found = 0;
    for (let i = 0; i < 1000; i++) if (/^(a|aa)+c$/i.test('a'.repeat(24) + 'b')) found++;
    return found;
  }
}

module.exports = RegexEscalationInALoop;
