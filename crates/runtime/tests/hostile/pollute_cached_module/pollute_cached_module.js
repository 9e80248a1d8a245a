// Threat: changes a frozen module-level object of a contract whose modules are cached (reused by later calls)
const LIMITS = { maxPerCall: 100 };

class PolluteCachedModule {
  init() {}

  attack() {
    LIMITS.maxPerCall = 1e9;
    return LIMITS.maxPerCall;
  }
}

module.exports = PolluteCachedModule;
