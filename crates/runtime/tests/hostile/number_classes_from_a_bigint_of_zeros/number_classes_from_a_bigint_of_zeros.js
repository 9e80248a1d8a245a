// Threat: a BigNumber made from a BigInt was not charged, and a BigInt of
// 2,467 digits ending in 2,466 zeros takes 155 divisions to strip (~0.3 ms
// each construction, for no gas).
class NumberClassesFromABigintOfZeros {
  init() {}

  attack() {
    const zeros = 10n ** 2466n;
    let digits = 0;
    for (let i = 0; i < 10000; i++) digits = new BigNumber(zeros).toFixed(0).length;
    return digits;
  }
}

module.exports = NumberClassesFromABigintOfZeros;
