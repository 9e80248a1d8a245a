// Threat: calls its own init() again, to reset its owner
class CallInitAgain {
  init() {}

  attack() {
    return blockchain.call(blockchain.contractName(), 'init', []);
  }
}

module.exports = CallInitAgain;
