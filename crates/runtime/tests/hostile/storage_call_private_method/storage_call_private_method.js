// Threat: calls another contract's private method to write its storage
class StorageCallPrivateMethod {
  init() {}

  attack() {
    return blockchain.call('vault2', '_credit', ['mallory', '1000000']);
  }
}

module.exports = StorageCallPrivateMethod;
