// Threat: V8 maps the case of text with any character past Latin-1 through
// ICU's full mapping, 3-17 ns a character ('\u0149' grows into two), which
// the 3/32 of a gas a character of a Latin-1 mapping did not cover: ~170
// ns a gas (red team round 48). Before, this ran into its deadline.
class CaseMappingOfWideText {
  init() {}

  attack() {
    const s = '\u0149'.repeat(100000);
    const t = 'a\u03a3 '.repeat(30000);
    let n = 0;
    for (;;) n += s.toUpperCase().length + t.toLowerCase().length;
  }
}

module.exports = CaseMappingOfWideText;
