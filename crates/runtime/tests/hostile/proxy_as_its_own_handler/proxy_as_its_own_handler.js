// Threat: `p = new Proxy(p, p)` forty times over. Each level looks up the
// trap on its handler (a full read through the proxy beneath) and then
// reads its target (another): 2^40 steps for one property read, each
// uncharged. The proxies beneath a proxy's target and its handler are
// added, so the chain is refused long before; every trap lookup pays.
class ProxyAsItsOwnHandler {
  init() {}

  attack() {
    let p = {};
    let levels = 0;
    try {
      for (let i = 0; i < 40; i++) {
        p = new Proxy(p, p);
        levels++;
      }
    } catch (e) {
      return `${levels} levels, then ${e.message}; p.x is ${p.x}`;
    }
    return String(p.x);
  }
}

module.exports = ProxyAsItsOwnHandler;
