// Threat: reads another contract's storage without naming one
class StorageGlobalNoContract {
  init() {}

  attack() {
    return storage.globalGet('', 'balances');
  }
}

module.exports = StorageGlobalNoContract;
