// Threat: a symbol as a key
class StorageSymbolKey {
  init() {}

  attack() {
    return storage.get(Symbol('key'));
  }
}

module.exports = StorageSymbolKey;
