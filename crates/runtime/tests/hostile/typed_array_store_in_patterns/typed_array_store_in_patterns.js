// Threat: a pattern's targets and a `for` head are written with values the
// compiler never sees (`[t[0], t[1]] = list`, `for (t[0] of list)`), so
// routing `t[i] = v` alone leaves them scanning long strings uncharged.
class TypedArrayStoreInPatterns {
  init() {}

  attack() {
    const s = '1'.repeat(2 ** 21);
    const t = new Float64Array(8);
    const list = [s, s, s, s];
    for (let i = 0; i < 100; i++) {
      [t[0], t[1]] = list;
      ({ a: t[2], b: t[3] = s } = { a: s });
      for (t[4] of list);
    }
    return String(t[0]);
  }
}

module.exports = TypedArrayStoreInPatterns;
