// Threat: BigInt.asUintN(64, s) with s two million digits: V8 parses the
// whole string into a BigInt before it keeps 64 bits (red team round 21:
// ~0.45 s a parse, for no gas), and the string is built once.
class BigintAsIntNOfALongString {
  init() {}

  attack() {
    const s = '9'.repeat(2 ** 21);
    let r = 0n;
    for (let i = 0; i < 100; i++) r = BigInt.asUintN(64, s);
    return String(r);
  }
}

module.exports = BigintAsIntNOfALongString;
