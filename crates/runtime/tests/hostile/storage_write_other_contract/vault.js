// The victim: holds a balance that only its own code may change.
class Vault {
  init() {
    storage.mapPut('balances', 'admin', '100');
  }

  balance(who) {
    return storage.mapGet('balances', who);
  }

  _credit(who, amount) {
    storage.mapPut('balances', who, amount);
  }
}

module.exports = Vault;
