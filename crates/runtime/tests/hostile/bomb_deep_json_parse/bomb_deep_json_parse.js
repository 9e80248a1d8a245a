// Threat: JSON.parse of 100,000 nested arrays (V8 parses with a stack of
// its own; each array is charged as it makes it, 100 gas: the limit is
// high enough to let it parse)
class BombDeepJsonParse {
  init() {}

  attack() {
    return JSON.parse('['.repeat(100000) + ']'.repeat(100000)).length;
  }
}

module.exports = BombDeepJsonParse;
