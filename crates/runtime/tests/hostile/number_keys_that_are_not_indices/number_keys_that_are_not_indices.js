// Threat: a number key that is no array index (`o[i * 1.37]`, `o[-i]`) is
// written as text and looked up in V8's string table (~400 ns a fresh
// one); the compiler left number keys to V8 and the wrapped built-ins
// passed them on uncharged: 26-53 ns a gas (red team round 48). Before,
// this ran into its deadline.
class NumberKeysThatAreNotIndices {
  init() {}

  attack() {
    const o = {};
    let n = 0;
    for (let i = 0; ; i++) {
      if ((i * 1.37) in o) n++;
      delete o[i + 0.5];
      if (Object.hasOwn(o, -i)) n++;
      if (Reflect.get(o, i * 2.71) !== undefined) n++;
      n += o[i / 3] === undefined ? 0 : 1;
    }
  }
}

module.exports = NumberKeysThatAreNotIndices;
