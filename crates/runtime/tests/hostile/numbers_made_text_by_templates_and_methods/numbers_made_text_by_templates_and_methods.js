// Threat: a fraction made text (its shortest digits found, ~100-150 ns) by a
// template or a Number.prototype method without a radix was charged as any
// template or call: 8-12 ns a gas (red team round 48). Each now pays as
// `'' + x` does; the gas recorded here is checked.
class NumbersMadeTextByTemplatesAndMethods {
  init() {}

  attack() {
    let n = 0;
    for (let k = 1; k <= 1000; k++) {
      const x = k * 1.37;
      n += `${x}`.length + x.toString().length + x.toLocaleString().length;
      n += x.toFixed(3).length + x.toPrecision(6).length + x.toExponential(4).length;
      n += `${k}`.length + k.toString().length;
    }
    return n;
  }
}

module.exports = NumbersMadeTextByTemplatesAndMethods;
