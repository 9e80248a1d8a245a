// Threat: a spread of an iterator whose next is a built-in that never says done (issue 14, 6)
class EndlessBuiltinIteratorSpread {
  init() {}

  attack() {
    const v = Object.prototype.valueOf;
    return [...{ [Symbol.iterator]: v, next: v }].length;
  }
}

module.exports = EndlessBuiltinIteratorSpread;
