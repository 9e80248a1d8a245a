// Threat: calls a contract that does not exist
class CallNotDeployed {
  init() {}

  attack() {
    return blockchain.call('nobody', 'anything', []);
  }
}

module.exports = CallNotDeployed;
