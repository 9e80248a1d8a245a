// Threat: writes another contract's storage through an API that does not exist (storage.globalMapPut)
class StorageWriteOtherContract {
  init() {}

  attack() {
    storage.globalMapPut('vault', 'balances', 'mallory', '1000000');
  }
}

module.exports = StorageWriteOtherContract;
