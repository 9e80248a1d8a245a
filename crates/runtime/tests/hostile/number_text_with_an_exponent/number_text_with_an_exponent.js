// Threat: a short decimal whose exponent lands near a rounding tie
// (`'4527e-307'`, 9 characters) is settled by V8 with big numbers, ~400 ns,
// where strings of up to 15 characters were free to read as numbers, and
// JSON numbers paid a gas a character (red team round 45: 36-48 ns a gas).
class NumberTextWithAnExponent {
  init() {}

  attack() {
    const texts = ['4527e-307', '77027e-313'];
    const parts = [];
    for (let i = 0; i < 2000; i++) parts.push(texts[i & 1]);
    const json = '[' + parts.join(',') + ']';
    let x = 0;
    for (let i = 0; i < 1000000; i++) {
      x += +texts[i & 1] + parseFloat(texts[i & 1]) + Number('8529e-303');
      if ((i & 63) === 0) x += JSON.parse(json).length;
    }
    return x;
  }
}

module.exports = NumberTextWithAnExponent;
