// Threat: each entry added to a Map or Set grows its table (~90 ns for a
// small integer, ~290 ns for a fresh string among 200,000), and a fresh
// key of 5,000 characters is hashed whole; an add cost a call (26 ns a
// gas) and a key up to 1,024 characters nothing (12) (red team round 48).
// Before, this ran into its deadline.
class MapOfFreshStringKeys {
  init() {}

  attack() {
    const long = 'a'.repeat(5000);
    for (let j = 0; ; j++) {
      const m = new Map();
      const s = new Set();
      for (let i = 0; i < 20000; i++) {
        m.set('k' + i, i);
        s.add(i * 1.37 + j);
        m.get(long + i);
      }
    }
  }
}

module.exports = MapOfFreshStringKeys;
