// Threat: writes more than 32 MiB in one call
class StorageWriteBudget {
  init() {}

  attack() {
    const value = 'v'.repeat(64 * 1024);
    for (let i = 0; ; i++) storage.put(`k${i % 100}`, value);
  }
}

module.exports = StorageWriteBudget;
