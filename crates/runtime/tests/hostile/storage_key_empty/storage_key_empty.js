// Threat: an empty key
class StorageKeyEmpty {
  init() {}

  attack() {
    storage.put('', 'x');
  }
}

module.exports = StorageKeyEmpty;
