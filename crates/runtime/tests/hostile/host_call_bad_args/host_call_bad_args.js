// Threat: a number as the arguments of blockchain.call
class HostCallBadArgs {
  init() {}

  attack() {
    return blockchain.call(blockchain.contractName(), 'target', 42);
  }

  target() {
    return 'reached';
  }
}

module.exports = HostCallBadArgs;
