// Threat: names an invalid payer ('bad-payer') for the bytes it stores
class StorageBadPayer {
  init() {}

  attack() {
    storage.put('key', 'value', 'bad-payer');
  }
}

module.exports = StorageBadPayer;
