// Threat: a BigNumber result that ends in thousands of zeros. The classes
// keep coefficients without trailing zeros, and strip them 16 at a time,
// each step a division of the whole coefficient: 10^5000 takes 313 of them
// (~1 ms), charged like an addition (~150 gas).
class NumberClassesSumEndingInZeros {
  init() {}

  attack() {
    const nines = new BigNumber('9'.repeat(5000));
    const one = new BigNumber(1);
    let digits = 0;
    for (let i = 0; i < 10000; i++) digits = nines.plus(one).toFixed(0).length;
    return digits;
  }
}

module.exports = NumberClassesSumEndingInZeros;
