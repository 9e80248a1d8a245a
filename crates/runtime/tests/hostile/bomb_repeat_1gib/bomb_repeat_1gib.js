// Threat: 'x'.repeat(2 ** 30): priced by size before it runs, more gas than the call has
class BombRepeat1gib {
  init() {}

  attack() {
    return 'x'.repeat(2 ** 30).length;
  }
}

module.exports = BombRepeat1gib;
