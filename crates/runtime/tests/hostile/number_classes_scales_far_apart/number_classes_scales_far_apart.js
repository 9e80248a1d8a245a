// Threat: two BigNumbers of very different scales. Comparing (or adding)
// them lines the scales up: a power of ten of 20,000 digits and a product
// with it, ~0.5 ms each, charged by the operands' digits alone (12 gas).
class NumberClassesScalesFarApart {
  init() {}

  attack() {
    const tiny = new BigNumber('1e-10000');
    const huge = new BigNumber('1e10000');
    let sum = 0;
    for (let i = 0; i < 10000; i++) sum += tiny.comparedTo(huge);
    return sum;
  }
}

module.exports = NumberClassesScalesFarApart;
