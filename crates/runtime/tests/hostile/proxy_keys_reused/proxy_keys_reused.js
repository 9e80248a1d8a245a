// Threat: a proxy with no traps lets V8 list its target's keys itself: an
// object of 20,000 keys behind one, copied 50 times by Object.assign,
// spread, for...in and JSON.stringify, must pay for the keys each time as
// the object itself would.
class ProxyKeysReused {
  init() {}

  attack() {
    const big = {};
    for (let i = 0; i < 20000; i++) big['k' + i] = i;
    const p = new Proxy(big, {});
    let count = 0;
    for (let i = 0; i < 50; i++) {
      count += Object.keys(Object.assign({}, p)).length + Object.keys({ ...p }).length;
      for (const k in p) {
        count += k.length;
        break;
      }
    }
    return count;
  }
}

module.exports = ProxyKeysReused;
