// Threat: a key with '@' (invalid)
class StorageKeyWithAt {
  init() {}

  attack() {
    storage.put('admin@active', 'x');
  }
}

module.exports = StorageKeyWithAt;
