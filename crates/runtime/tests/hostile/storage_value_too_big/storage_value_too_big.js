// Threat: a 65,537-byte value (over the 64 KiB limit)
class StorageValueTooBig {
  init() {}

  attack() {
    storage.put('blob', 'v'.repeat(64 * 1024 + 1));
  }
}

module.exports = StorageValueTooBig;
