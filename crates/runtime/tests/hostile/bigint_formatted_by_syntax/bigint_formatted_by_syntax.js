// Threat: V8 formats a BigInt in decimal in time quadratic in its digits
// (~120 us at the 8,192-bit cap), and syntax does it for one gas: String(),
// a template, `'' + big` (also behind an object's valueOf), `+=`, a default
// sort, console.log. Red team round 20: String(big) ~22,000 ns a gas,
// sort() ~41,500.
class BigintFormattedBySyntax {
  init() {}

  attack() {
    const big = 7n ** 2900n;
    const boxed = { valueOf() { return big; } };
    const items = [big, big - 1n, big + 1n];
    let length = 0;
    for (let i = 0; i < 100000; i++) {
      length += String(big).length + `${big}`.length + ('' + big).length + ('' + boxed).length;
      let text = '';
      text += big;
      length += text.length + items.slice().sort().length;
    }
    return length;
  }
}

module.exports = BigintFormattedBySyntax;
