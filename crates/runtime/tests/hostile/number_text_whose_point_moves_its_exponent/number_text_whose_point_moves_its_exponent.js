// Threat: short decimals V8 settles with big numbers, past the checks of
// red team round 45: `'.7992e-22'` (its point makes it e-26) read as a
// number by `Number` handed to forEach as a callback (a built-in callback
// paid only forEach's gas an item), `parseFloat('4527E-307e')` (the first
// lowercase `e` is junk, not the exponent), `toFixed(100)` of 1.2e-22
// (tiny numbers passed as large ones), 15-digit numbers in JSON.parse
// (round 46: 20-234 ns a gas).
class NumberTextWhosePointMovesItsExponent {
  init() {}

  attack() {
    const texts = [];
    for (let i = 0; i < 50000; i++) texts.push(i & 1 ? '.7992e-22' : '1.588e-22');
    const json = '[' + new Array(6000).fill('123456789012345').join(',') + ']';
    let x = 0;
    for (let k = 0; k < 1000; k++) {
      texts.forEach(Number);
      x += parseFloat('4527E-307e') + (1.2345678901234567e-22).toFixed(100).length + JSON.parse(json).length;
    }
    return x;
  }
}

module.exports = NumberTextWhosePointMovesItsExponent;
