// Threat: an endless toJSON in the arguments of blockchain.call, run when they are serialized
class LoopInTojsonOfCallArgs {
  init() {}

  attack() {
    blockchain.call(blockchain.contractName(), 'target', [{ toJSON() { for (;;) {} } }]);
  }

  target(value) {
    return value;
  }
}

module.exports = LoopInTojsonOfCallArgs;
