// Threat: rejects a promise that nothing handles
class UnhandledRejection {
  init() {}

  attack() {
    Promise.reject(new Error('nobody handles this'));
    return 'returned';
  }
}

module.exports = UnhandledRejection;
