// Threat: new RegExp of a 100,000-character \\p{...} pattern: compiling is super-linear and unmetered
class RegexpCompileHuge {
  init() {}

  attack() {
    return new RegExp('[\\p{L}\\p{N}]'.repeat(10000), 'ui').test('b');
  }
}

module.exports = RegexpCompileHuge;
