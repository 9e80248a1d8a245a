// Threat: before a write of an object or a long string the library walks
// the target's prototype chain for a typed array; a class chain is as deep
// as the contract makes it, so each walk must pay by its length (red team
// round 31: 446 ns a gas up 190 classes).
class StoreUpALongClassChain {
  init() {}

  attack() {
    let K = class {};
    for (let i = 0; i < 190; i++) K = class extends K {};
    const o = new K();
    const v = {};
    for (let i = 0; i < 100000; i++) o[i & 7] = v;
    return typeof o[0];
  }
}

module.exports = StoreUpALongClassChain;
