// Threat: an object as the account of blockchain.requireAuth
class HostRequireAuthTypes {
  init() {}

  attack() {
    return blockchain.requireAuth({ toString: () => 'admin' }, 'active');
  }
}

module.exports = HostRequireAuthTypes;
