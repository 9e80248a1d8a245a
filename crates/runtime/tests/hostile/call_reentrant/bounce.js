// Calls back into call_reentrant.attack.
class Bounce {
  init() {}

  back() {
    return blockchain.call('call_reentrant', 'attack', [])[0];
  }
}

module.exports = Bounce;
