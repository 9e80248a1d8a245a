// Threat: a callee throws an error whose message, name, stack and toString are getters that write
// storage, hoping they run in the caller's frame when it reads or logs the error (issue 14, 1b)
class FrameCalleeErrorGetter {
  init() {
    storage.put('owner', 'victim');
  }

  attack() {
    let seen;
    try {
      blockchain.call('evil_error', 'listen', []);
    } catch (e) {
      console.log('listener failed:', e, `${e}`, e.message, e.stack);
      seen = `${e.name}|${e.message}|${e instanceof Error}|${Object.getPrototypeOf(e) === Error.prototype}`;
    }
    throw new Error(`owner is ${storage.get('owner')}; caught ${seen}`);
  }
}

module.exports = FrameCalleeErrorGetter;
