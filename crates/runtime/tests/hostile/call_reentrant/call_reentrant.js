// Threat: A calls B, which calls A.attack again (re-entry)
class CallReentrant {
  init() {}

  attack() {
    return blockchain.call('bounce', 'back', [])[0];
  }
}

module.exports = CallReentrant;
