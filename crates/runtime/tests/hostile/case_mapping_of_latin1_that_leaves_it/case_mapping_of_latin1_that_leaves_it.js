// Threat: 'µ', 'ß' and 'ÿ' are Latin-1 but upper-case past it (U+039C,
// 'SS', U+0178): V8 then maps the text on a slow path, ~35 ns a character,
// which the search for characters past Latin-1 did not see (red team round
// 49: ~35 ns a gas). Before, this ran into its deadline.
class CaseMappingOfLatin1ThatLeavesIt {
  init() {}

  attack() {
    const s = '\u00b5'.repeat(100000);
    const t = '\u00ff\u00df'.repeat(20000);
    let n = 0;
    for (;;) n += s.toUpperCase().length + t.toUpperCase().length;
  }
}

module.exports = CaseMappingOfLatin1ThatLeavesIt;
