// Threat: a key with a NUL byte, hoping to forge the key encoding of another contract
class StorageKeyWithNul {
  init() {}

  attack() {
    storage.put('balances\u0000vault', 'x');
  }
}

module.exports = StorageKeyWithNul;
