// Threat: a Proxy whose traps throw, as a value
class StorageProxyValue {
  init() {}

  attack() {
    storage.put('key', new Proxy({}, { get() { throw new Error('trap'); } }));
  }
}

module.exports = StorageProxyValue;
