// Threat: a built-in that reads an argument as a number scans a string
// whole on every call: Math.max of 4,096 copies of 2 MiB of digits ran ~10 s
// for a few thousand gas; Number(), isNaN, an index argument
// ('a'.charAt(s), [].slice(s)), String.fromCharCode, a sort comparator
// answering with a string (red team round 26).
class StringsReadAsNumbersByBuiltIns {
  init() {}

  attack() {
    const s = '1'.repeat(1 << 21);
    const copies = [];
    for (let i = 0; i < 4096; i++) copies.push(s);
    let sum = 0;
    for (let i = 0; i < 100000; i++) {
      sum += Math.abs(s) + Number(s) + (isNaN(s) ? 1 : 0) + 'a'.charAt(s).length + [1].slice(s).length;
      sum += String.fromCharCode(s).length + [2, 1].sort(() => s).length + Math.max(...copies);
    }
    return sum;
  }
}

module.exports = StringsReadAsNumbersByBuiltIns;
