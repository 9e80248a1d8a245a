// Threat: catching a called contract's out-of-gas in the caller
class OogCalleeCaught {
  init() {}

  attack() {
    try {
      blockchain.call(blockchain.contractName(), 'burn', []);
    } catch (e) {
      storage.put('survived', 'yes');
      return 'survived';
    }
  }

  burn() {
    for (;;) {}
  }
}

module.exports = OogCalleeCaught;
