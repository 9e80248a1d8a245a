// Threat: a toJSON that calls blockchain.receipt on its own object, recursing through host code
class RecursionThroughHost {
  init() {}

  attack() {
    const again = {
      toJSON() {
        blockchain.receipt(again);
        return 1;
      },
    };
    blockchain.receipt(again);
  }
}

module.exports = RecursionThroughHost;
