// Threat: passes 70,000 bytes of arguments to a contract call
class CallArgsOver64kib {
  init() {}

  attack() {
    return blockchain.call(blockchain.contractName(), 'target', ['x'.repeat(70000)]);
  }

  target(text) {
    return text.length;
  }
}

module.exports = CallArgsOver64kib;
