// Threat: an object rest element copies every own key but the ones named:
// V8 does it natively, so `const { k0, ...o } = big` over 20,000 keys, 200
// times, ran 1.4 s for ~160,000 gas before it was charged as a spread.
class ObjectRestOfALargeObject {
  init() {}

  attack() {
    const big = {};
    for (let i = 0; i < 20000; i++) big['k' + i] = i;
    let n = 0;
    for (let i = 0; i < 2000; i++) {
      const { k0, ...o } = big;
      n += k0;
    }
    return n;
  }
}

module.exports = ObjectRestOfALargeObject;
