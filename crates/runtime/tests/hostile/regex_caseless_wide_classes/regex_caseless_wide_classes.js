// Threat (red team round 23): under both `i` and `u`, V8 case-folds every
// wide class (`.`, `\W`, `\S`, `\D`, a class of many code points) whole
// when it compiles: ~2.5 ms each, and a search's twin compiles it again.
class RegexCaselessWideClasses {
  init() {}

  attack() {
    return [new RegExp('.'.repeat(2000), 'iu').test('ab'), new RegExp('\\W'.repeat(1000), 'iu').test('ab')];
  }
}

module.exports = RegexCaselessWideClasses;
