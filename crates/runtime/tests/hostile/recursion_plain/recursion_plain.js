// Threat: plain unbounded recursion
class RecursionPlain {
  init() {}

  attack(n) {
    return this.attack(n + 1) + 1;
  }
}

module.exports = RecursionPlain;
