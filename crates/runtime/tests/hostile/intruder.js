// Tries to write another contract's storage. It can read it (read-only
// views), but every write lands in its own storage or fails.
class Intruder {
  init() {}

  steal(victim) {
    const before = storage.globalMapGet(victim, 'balances', 'admin');
    storage.mapPut('balances', 'admin', '0');
    const attempts = [
      typeof storage.globalPut,
      typeof storage.globalMapPut,
      typeof globalThis.__v8vm_ops,
    ];
    return JSON.stringify({ before, attempts, after: storage.globalMapGet(victim, 'balances', 'admin') });
  }
}

module.exports = Intruder;
