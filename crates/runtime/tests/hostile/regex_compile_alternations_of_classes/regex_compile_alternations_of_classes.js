// Threat (red team round 24): an alternation of bracket classes,
// `(?:[a]|[b]|...)`, is no class to V8 (it merges runs of single characters
// only): 8 of them in a row, 16 branches each, compile in time growing with
// 16^8 paths, uninterruptibly.
class RegexCompileAlternationsOfClasses {
  init() {}

  attack() {
    const branches = [];
    for (let i = 0; i < 16; i++) branches.push(`[${String.fromCharCode(97 + i)}]`);
    return new RegExp(`(?:${branches.join('|')})`.repeat(8)).test('ab');
  }
}

module.exports = RegexCompileAlternationsOfClasses;
