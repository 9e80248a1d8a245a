// Threat: an array's length set past its items makes V8 allocate every
// slot added, holes, up to 32M of them: `a.length = 2 ** 25`, 128 MiB,
// ~0.13 s, left to V8 for a few gas, as were `Reflect.set` and
// `Object.defineProperty` of `length` (red team round 49: ~8.7 ms a gas).
// Before, this ran into its deadline.
class ArrayLengthGrown {
  init() {}

  attack() {
    let n = 0;
    for (let i = 0; ; i++) {
      const a = [];
      a.length = 2 ** 22;
      const b = [];
      Reflect.set(b, 'length', 2 ** 22);
      const c = [];
      Object.defineProperty(c, 'length', { value: 2 ** 22 });
      const d = [];
      [d.length] = [2 ** 22];
      n += a.length + b.length + c.length + d.length;
    }
  }
}

module.exports = ArrayLengthGrown;
