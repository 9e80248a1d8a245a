// Threat: Array.prototype.pop and push read `this.length` as a number
// (ToLength); an array-like whose length is a long string makes V8 scan it
// at every call, uncharged (red team round 33: 11 ms a call for 15 gas).
class ArrayLikeLengthOfLongTextPopped {
  init() {}

  attack() {
    const s = '\u3000'.repeat(2 ** 21 - 1) + '1';
    const o = { length: s };
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      o.length = s;
      try {
        Array.prototype.pop.call(o);
      } catch (e) {
        refused++;
      }
      o.length = s;
      try {
        Array.prototype.push.call(o, 1);
      } catch (e) {
        refused++;
      }
    }
    return refused;
  }
}

module.exports = ArrayLikeLengthOfLongTextPopped;
