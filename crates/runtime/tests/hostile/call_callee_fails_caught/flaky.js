// Writes, emits, then fails: all of it must be rolled back.
class Flaky {
  init() {}

  fail() {
    storage.put('written', 'by the failed callee');
    blockchain.receipt('should vanish');
    blockchain.event('should vanish too');
    throw new Error('the callee fails');
  }
}

module.exports = Flaky;
