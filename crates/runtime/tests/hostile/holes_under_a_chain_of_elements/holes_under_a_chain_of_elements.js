// Threat: an index an array does not hold is looked up on every object of
// its prototype chain, in each one's table of elements: a forEach over
// 2^19 holes under 124 links of 8,192 elements each took ~5 s in one call,
// past any deadline, for ~500,000 gas (red team round 50). A built-in
// walking an array now pays for each contract object on its chain.
class HolesUnderAChainOfElements {
  init() {}

  attack() {
    // (An array keeps its prototype: a class chain gives it one.)
    let K = Array;
    for (let i = 0; i < 28; i++) {
      K = class extends K {};
      for (let j = 0; j < 256; j++) K.prototype[j * 64 + 1048576] = 1;
    }
    for (;;) {
      const a = new K();
      a[524287] = 1;
      a.forEach((x) => x);
    }
  }
}

module.exports = HolesUnderAChainOfElements;
