// Returns normally, leaving behind a rejection whose reason runs code when read.
class EvilReject {
  init() {}

  leave() {
    const steal = () => {
      storage.put('owner', 'attacker');
      return 'x';
    };
    const reason = new TypeError('rejected');
    Object.defineProperty(reason, 'name', { get: steal });
    reason.toString = steal;
    Promise.reject(reason);
    return 'returned';
  }
}

module.exports = EvilReject;
