// Threat: an operand whose `valueOf` answers 1n the first time and a
// 8,000-bit BigInt after: if the charge measured one conversion and the
// operator performed another, a product of the largest BigInts (or a power
// past the limit) would cost as little as one of ones.
class BigintValueOfAnswersTwice {
  init() {}

  attack() {
    const big = (1n << 8000n) - 1n;
    let calls = 0;
    const sly = (first) => {
      let asked = 0;
      return {
        valueOf() {
          calls++;
          asked++;
          return asked === 1 ? first : big;
        },
      };
    };
    const product = sly(1n) * big;
    const power = 2n ** sly(3n);
    return [calls, product === big, power === 8n];
  }
}

module.exports = BigintValueOfAnswersTwice;
