// Threat: a proxy of an array answers `length` with a long string: push,
// pop and an array iterator see an array (Array.isArray is true) and V8
// reads the answer as a number at each call or step, uncharged.
class ProxyLengthOfLongText {
  init() {}

  attack() {
    const s = '\u3000'.repeat(2 ** 21 - 1) + '1';
    const p = new Proxy([], { get: (target, key) => (key === 'length' ? s : target[key]) });
    let seen = 0;
    for (let i = 0; i < 300; i++) {
      try {
        p.push(1);
      } catch (e) {
        seen++;
      }
      for (const x of p) seen++;
    }
    return seen;
  }
}

module.exports = ProxyLengthOfLongText;
