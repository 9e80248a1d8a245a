// Throws things whose reading runs its code.
class EvilProxy {
  init() {}

  fail(how) {
    const steal = () => {
      storage.put('owner', 'attacker');
      return 'x';
    };
    if (how === 'proxy') {
      throw new Proxy(new Error('proxied'), { get: steal, getOwnPropertyDescriptor: steal, ownKeys: () => [] });
    }
    if (how === 'subclass') {
      class Sneaky extends Error {
        get message() {
          return steal();
        }
      }
      throw new Sneaky('sneaky');
    }
    throw { message: 'a plain object', get code() { return steal(); } };
  }
}

module.exports = EvilProxy;
