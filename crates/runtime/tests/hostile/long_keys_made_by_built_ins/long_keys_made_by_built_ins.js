// Threat: keys of more than 16,383 characters collide in V8's string table
// (hashed by length alone), and built-ins made such keys where the library
// did not look: Object.fromEntries (1,000 keys: 0.82 s for 540,000 gas),
// JSON.parse (17 s for 18 million gas), a proxy's ownKeys list, a
// JSON.stringify replacer list; the table outlives the call, slowing the
// next ones on the worker (red team round 26). Each is checked as `o[k]`.
class LongKeysMadeByBuiltIns {
  init() {}

  attack() {
    const base = 'k'.repeat(16400);
    const refused = [];
    const attempts = [
      () => Object.fromEntries([[base + 1, 1]]),
      () => JSON.parse(`{"${base}2": 1}`),
      () => Reflect.ownKeys(new Proxy({}, { ownKeys: () => [base + 3] })),
      () => JSON.stringify({ a: 1 }, [base + 4]),
    ];
    for (const attempt of attempts) {
      try {
        attempt();
      } catch (e) {
        refused.push(e instanceof RangeError ? 'RangeError' : e.name);
      }
    }
    return refused.join();
  }
}

module.exports = LongKeysMadeByBuiltIns;
