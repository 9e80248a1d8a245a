// Threat: a proxy's ownKeys trap answers the same array of 10,000 keys at
// every call; the library copied it for 1 gas a key, and V8 then checks
// each key against the target's (~110 ns a key): ~55 ns a gas.
class ProxyOwnKeysAnsweredAgain {
  init() {}

  attack() {
    const keys = [];
    for (let i = 0; i < 10000; i++) keys.push('k' + i);
    const p = new Proxy({}, { ownKeys: () => keys });
    let n = 0;
    for (let i = 0; i < 2000; i++) n += Reflect.ownKeys(p).length;
    return n;
  }
}

module.exports = ProxyOwnKeysAnsweredAgain;
