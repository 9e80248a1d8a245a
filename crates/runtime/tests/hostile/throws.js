// Failures that are plain JavaScript errors.
class Throws {
  init() {
    storage.put('before', '1');
  }

  uncaught() {
    storage.put('before', '2');
    throw new Error('boom from the contract');
  }

  recurse(n) {
    return this.recurse(n + 1) + 1;
  }

  bigResult() {
    return 'r'.repeat(70 * 1024);
  }

  asyncMethod() {
    return Promise.resolve('later');
  }

  badValue() {
    storage.put('k', 42);
  }

  badKey() {
    storage.put('bad-key', 'v');
  }

  longKey() {
    storage.mapPut('m', 'f'.repeat(65), 'v');
  }

  hugeValue() {
    storage.put('k', 'v'.repeat(64 * 1024 + 1));
  }

  symbolKey() {
    storage.get(Symbol('k'));
  }

  hostileToString() {
    storage.put('k', { toString() { while (true) {} } });
  }

  proxyValue() {
    storage.put('k', new Proxy({}, { get() { throw new Error('trap'); } }));
  }

  throwingGetter() {
    blockchain.receipt({ get boom() { throw new Error('getter threw'); } });
  }

  // A throw in a promise job, with nothing to catch it.
  lateThrow() {
    storage.put('before', '3');
    Promise.resolve().then(() => {
      throw new TypeError('thrown in a promise job');
    });
    return 'returned first';
  }

  ok() {
    return storage.get('before');
  }

  // How deep recursion gets before the error, caught: the same on every
  // node, cold or warm (V8's own stack limit would depend on the JIT).
  depthReached() {
    let reached = 0;
    const down = () => {
      reached += 1;
      down();
    };
    try {
      down();
    } catch (e) {
      return `${reached} ${e.message}`;
    }
    return 'unreachable';
  }
}

module.exports = Throws;
