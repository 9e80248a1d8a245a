// Threat: JSON.parse of 100,000 nested arrays
class BombDeepJsonParse {
  init() {}

  attack() {
    return JSON.parse('['.repeat(100000) + ']'.repeat(100000)).length;
  }
}

module.exports = BombDeepJsonParse;
