// Threat: a huge BigInt power: work inside one built-in that the meter does not price (the deadline stops it)
class LoopBigintPow {
  init() {}

  attack() {
    return (7n ** 30000000n).toString().length;
  }
}

module.exports = LoopBigintPow;
