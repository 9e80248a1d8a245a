// Threat: a 65-byte map field (over the 64-byte limit)
class StorageKeyTooLong {
  init() {}

  attack() {
    storage.mapPut('map', 'f'.repeat(65), 'x');
  }
}

module.exports = StorageKeyTooLong;
