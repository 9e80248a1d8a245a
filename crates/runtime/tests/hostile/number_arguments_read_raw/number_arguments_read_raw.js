// Threat: arguments built-ins read as numbers, left to V8 or converted by
// the library's own `+` and `>>>`: parseInt's radix, split's limit, a
// Number object as JSON.stringify's indent, typed array and DataView
// offsets, toFixed's digits; each scanned a 2 MiB string for a few gas
// (~0.7 ms; red team round 26). Each is converted once and charged.
class NumberArgumentsReadRaw {
  init() {}

  attack() {
    const r = '0'.repeat(1 << 21);
    const indent = new Number(3);
    indent.valueOf = () => r;
    const bytes = new Uint8Array(8);
    const view = new DataView(new ArrayBuffer(8));
    let sum = 0;
    for (let i = 0; i < 100000; i++) {
      sum += parseInt('7', r) + 'a,b'.split(/,/, r).length + JSON.stringify([1], null, indent).length;
      sum += bytes.subarray(r).length + bytes.indexOf(0, r) + view.getInt8(r) + (1.5).toFixed(r).length;
    }
    return sum;
  }
}

module.exports = NumberArgumentsReadRaw;
