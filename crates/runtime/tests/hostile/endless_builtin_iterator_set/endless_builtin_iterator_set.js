// Threat: a Set built from an iterator whose iterator and next are Object.prototype.valueOf: an endless loop with no contract code (issue 14, 6)
class EndlessBuiltinIteratorSet {
  init() {}

  attack() {
    const v = Object.prototype.valueOf;
    return new Set({ [Symbol.iterator]: v, next: v }).size;
  }
}

module.exports = EndlessBuiltinIteratorSet;
