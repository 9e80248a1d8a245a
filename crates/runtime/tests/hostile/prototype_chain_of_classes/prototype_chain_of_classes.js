// Threat: a loop of `C = class extends C {}` builds prototype chains (the
// class's own and its prototype's) of any length for a few gas a link;
// every lookup that misses then walks the whole chain.
class PrototypeChainOfClasses {
  init() {}

  attack() {
    let C = class {};
    for (let i = 0; i < 40000; i++) C = class extends C {};
    const o = new C();
    let found = 0;
    for (let i = 0; i < 10000; i++) if (o['missing' + i] !== undefined) found++;
    return found;
  }
}

module.exports = PrototypeChainOfClasses;
