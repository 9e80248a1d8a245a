// Threat: an index an array does not hold is looked up on every object of
// its prototype chain, in each one's table of elements: a forEach over
// 2^19 holes under 124 links of 8,192 elements each took ~5 s in one call,
// past any deadline, for ~500,000 gas (red team round 50). A built-in
// walking an array now pays for each contract object on its chain.
class HolesUnderAChainOfElements {
  init() {}

  attack() {
    let p = Array.prototype;
    for (let i = 0; i < 28; i++) {
      p = Object.create(p);
      for (let j = 0; j < 256; j++) p[j * 64 + 1048576] = 1;
    }
    for (;;) {
      const a = [];
      a[524287] = 1;
      Object.setPrototypeOf(a, p);
      a.forEach((x) => x);
    }
  }
}

module.exports = HolesUnderAChainOfElements;
