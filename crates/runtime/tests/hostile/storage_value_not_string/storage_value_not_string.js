// Threat: a number as a value
class StorageValueNotString {
  init() {}

  attack() {
    storage.put('count', 42);
  }
}

module.exports = StorageValueNotString;
