// Threat: Promise.all over an endless built-in iterator (issue 14, 6)
class EndlessBuiltinIteratorPromiseAll {
  init() {}

  attack() {
    const v = Object.prototype.valueOf;
    Promise.all({ [Symbol.iterator]: v, next: v });
    return 'returned';
  }
}

module.exports = EndlessBuiltinIteratorPromiseAll;
