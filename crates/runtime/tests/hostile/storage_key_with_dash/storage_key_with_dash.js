// Threat: a key with '-' (invalid)
class StorageKeyWithDash {
  init() {}

  attack() {
    storage.put('user-1', 'x');
  }
}

module.exports = StorageKeyWithDash;
