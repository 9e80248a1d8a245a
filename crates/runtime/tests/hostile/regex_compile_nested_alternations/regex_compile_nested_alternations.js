// Threat (red team round 23): `(?:(?:(?:a|b)|c)|d)...` nested 16 deep, 8
// in a row. Nothing in it can match nothing, but V8 compiles nested
// alternations in time growing with the product of the paths through them
// (16^8), uninterruptibly: 188 s as a literal under a 1 s deadline.
class RegexCompileNestedAlternations {
  init() {}

  attack() {
    let group = 'a';
    for (let i = 0; i < 16; i++) group = `(?:${group}|${String.fromCharCode(98 + i)})`;
    return new RegExp(group.repeat(8)).test('ab');
  }
}

module.exports = RegexCompileNestedAlternations;
