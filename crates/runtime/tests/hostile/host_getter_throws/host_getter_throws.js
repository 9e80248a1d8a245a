// Threat: an object whose getter throws, given to blockchain.receipt
class HostGetterThrows {
  init() {}

  attack() {
    blockchain.receipt({
      get boom() {
        throw new Error('getter threw');
      },
    });
  }
}

module.exports = HostGetterThrows;
