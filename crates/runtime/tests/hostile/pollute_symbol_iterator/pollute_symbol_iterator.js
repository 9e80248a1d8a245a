// Threat: replaces Array.prototype[Symbol.iterator], which every spread and for-of use
class PolluteSymbolIterator {
  init() {}

  attack() {
    Array.prototype[Symbol.iterator] = function* empty() {};
  }
}

module.exports = PolluteSymbolIterator;
