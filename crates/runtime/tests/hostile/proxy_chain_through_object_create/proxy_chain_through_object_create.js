// Threat: a prototype chain alternating proxies and Object.create links,
// 100,000 long. Each proxy wraps a plain object (one deep) and each object
// has a one-link chain, yet a missed lookup recurses natively through all.
class ProxyChainThroughObjectCreate {
  init() {}

  attack() {
    let p = new Proxy({}, {});
    for (let i = 0; i < 100000; i++) p = new Proxy(Object.create(p), {});
    return String(p.missing);
  }
}

module.exports = ProxyChainThroughObjectCreate;
