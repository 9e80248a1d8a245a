// Threat: a proxy of an array answers `length` with an object (a String
// object, a `valueOf`, a `Symbol.toPrimitive`, an array): push, pop and an
// array iterator convert it to a number themselves, calling it and scanning
// the 2 MiB string it gives, uncharged (red team round 35: ~10 ms a call
// for ~180 gas).
class ProxyLengthAnsweredByAnObject {
  init() {}

  attack() {
    const s = '\u3000'.repeat(2 ** 21 - 1) + '1';
    const answers = [new String(s), { valueOf: () => s }, { [Symbol.toPrimitive]: () => s }, [s]];
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      const answer = answers[i % answers.length];
      const p = new Proxy([], { get: (target, key) => (key === 'length' ? answer : target[key]) });
      try {
        p.push(1);
      } catch (e) {
        refused++;
      }
      try {
        p.pop();
      } catch (e) {
        refused++;
      }
      try {
        for (const x of p) refused--;
      } catch (e) {
        refused++;
      }
    }
    return refused;
  }
}

module.exports = ProxyLengthAnsweredByAnObject;
