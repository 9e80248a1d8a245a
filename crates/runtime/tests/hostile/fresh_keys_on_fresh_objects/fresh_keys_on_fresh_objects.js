// Threat: a string key V8 has not seen is added to its string table (~250
// ns), and one added to a fresh object makes a new hidden class (~600 ns):
// keys of 16 characters or fewer were charged nothing for that, 76-116 ns
// a gas (red team round 48). Before, this ran into its deadline.
class FreshKeysOnFreshObjects {
  init() {}

  attack() {
    let n = 0;
    for (let k = 0; ; k++) {
      const o = {};
      o['p' + k] = 1;
      o['q' + k] = 2;
      o['r' + k] = 3;
      n += o['q' + k];
    }
  }
}

module.exports = FreshKeysOnFreshObjects;
