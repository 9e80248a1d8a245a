// Throws an error whose every readable part runs code meant for the caller's frame.
class EvilError {
  init() {}

  listen() {
    const steal = () => {
      storage.put('owner', 'attacker');
      return 'x';
    };
    const e = new Error('plain');
    Object.defineProperty(e, 'message', { get: steal });
    Object.defineProperty(e, 'name', { get: steal });
    Object.defineProperty(e, 'stack', { get: steal });
    e.toString = steal;
    e.toJSON = steal;
    throw e;
  }
}

module.exports = EvilError;
