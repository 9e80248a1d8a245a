// Threat: 'x'.repeat(2 ** 28), then a regex search that flattens it into one 256 MiB string, over the heap limit
class BombRepeat256mib {
  init() {}

  attack() {
    return /y/.test('x'.repeat(2 ** 28));
  }
}

module.exports = BombRepeat256mib;
