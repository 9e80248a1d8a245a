// Threat: a huge BigInt power: work inside one operator that V8 does natively (7n ** 30000000n is 84 million bits); refused before it starts
class LoopBigintPow {
  init() {}

  attack() {
    return (7n ** 30000000n).toString().length;
  }
}

module.exports = LoopBigintPow;
