// Threat: an array's `length` reads what it is set to as a number (twice:
// ToUint32 and ToNumber), so `a.length = s` with `s` a digit and 2 MiB of
// spaces scans 4 MiB, uncharged; the built-ins that set it too.
class ArrayLengthOfLongText {
  init() {}

  attack() {
    const s = '1' + ' '.repeat(2 ** 21 - 1);
    const a = [];
    for (let i = 0; i < 250; i++) {
      a.length = s;
      Reflect.set(a, 'length', s);
      Object.assign(a, { length: s });
      Object.defineProperty(a, 'length', { value: s });
    }
    return a.length;
  }
}

module.exports = ArrayLengthOfLongText;
