// Threat: every object `new F()` makes is one link below F.prototype, so
// `F.prototype = c; c = new F()` in a loop builds a prototype chain of any
// length for ~18 gas a link, and every lookup that misses walks all of it
// (red team round 40: 20,000 missed lookups on 40,000 links, 2.3 s for
// ~340,000 gas).
class PrototypeChainByConstructing {
  init() {}

  attack() {
    let c = {};
    for (let i = 0; i < 40000; i++) {
      function F() {}
      F.prototype = c;
      c = new F();
    }
    let found = 0;
    for (let i = 0; i < 20000; i++) if (c['k' + i] !== undefined) found++;
    return found;
  }
}

module.exports = PrototypeChainByConstructing;
