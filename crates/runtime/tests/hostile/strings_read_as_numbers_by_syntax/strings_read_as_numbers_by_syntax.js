// Threat: V8 reads a string as a number by scanning all of it, every time,
// uninterrupted: unary `+`, `-`, `~`, arithmetic with a number, a
// comparison with a number, `++`, `-=` did it for a gas or two (red team
// round 26: `+s` of 2 MiB of digits ~3 ms a gas, 76x the median per gas).
class StringsReadAsNumbersBySyntax {
  init() {}

  attack() {
    const s = '1'.repeat(1 << 21);
    const o = {};
    let sum = 0;
    for (let i = 0; i < 100000; i++) {
      sum += +s + -s + ~s + (s * 1) + (s | 0) + (s >>> 0) + (s < 1 ? 1 : 0);
      let t = s;
      t++;
      let u = s;
      u -= 1;
      o.p = s;
      o.p++;
      sum += t + u + o.p;
    }
    return sum;
  }
}

module.exports = StringsReadAsNumbersBySyntax;
