// Threat (red team round 24): under `i` without `u`, V8 still case-closes
// every bracket class over its whole span (it skips only its standard
// classes, `.`, `\w`, ...): 400 classes of 65,280 code points, ~0.33 ms each.
class RegexCaselessWideRanges {
  init() {}

  attack() {
    const wide = `[${String.fromCharCode(0x100)}-${String.fromCharCode(0xffff)}]`;
    return new RegExp(wide.repeat(400), 'i').test('ab');
  }
}

module.exports = RegexCaselessWideRanges;
