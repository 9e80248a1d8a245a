// Threat: a decimal of more than 15 significant digits close to a rounding
// tie is settled by V8 with big-number arithmetic (~0.5 us at 64
// characters), and strings of up to 64 characters were read as numbers for
// free: `+s` in a loop, or the `length` an array iterator over an
// array-like reads at every step (red team round 44: ~120 ns a gas).
const TIE = '1.0000000000000001268556056790935733886075934886031871614788e300';

class NumberTextNearARoundingTie {
  init() {}

  attack() {
    const s = TIE;
    let x = 0;
    const it = Array.prototype.keys.call({ length: s });
    for (let i = 0; i < 2000000; i++) {
      x = +s;
      it.next();
    }
    return x;
  }
}

module.exports = NumberTextNearARoundingTie;
