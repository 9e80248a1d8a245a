// Threat: a callee throws a Proxy (and a subclassed error with getters on its prototype) whose traps
// write storage when the caller touches what it caught
class FrameCalleeThrowsProxy {
  init() {
    storage.put('owner', 'victim');
  }

  attack() {
    const caught = [];
    for (const how of ['proxy', 'subclass', 'object']) {
      try {
        blockchain.call('evil_proxy', 'fail', [how]);
      } catch (e) {
        caught.push(`${e.name}: ${e.message} (${typeof e}, own keys ${Reflect.ownKeys(e).length})`);
        console.log(e);
      }
    }
    throw new Error(`owner is ${storage.get('owner')}; caught ${caught.join(' / ')}`);
  }
}

module.exports = FrameCalleeThrowsProxy;
