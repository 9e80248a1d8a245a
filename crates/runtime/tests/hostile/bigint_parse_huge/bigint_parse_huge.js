// Threat: BigInt of a 100,000-digit string (super-linear parsing, unwrapped)
class BigintParseHuge {
  init() {}

  attack() {
    return BigInt('9'.repeat(100000)) > 0n;
  }
}

module.exports = BigintParseHuge;
