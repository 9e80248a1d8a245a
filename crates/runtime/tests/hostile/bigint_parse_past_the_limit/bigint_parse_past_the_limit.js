// Threat: BigInt('0x' + 2,100 hexadecimal digits): within the characters a
// parse may take, but 8,400 bits, over the most a BigInt may hold; from
// there any operator could grow it further.
class BigintParsePastTheLimit {
  init() {}

  attack() {
    return BigInt('0x' + 'f'.repeat(2100)) > 0n;
  }
}

module.exports = BigintParsePastTheLimit;
