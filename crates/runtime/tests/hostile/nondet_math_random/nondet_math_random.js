// Threat: Math.random()
class NondetMathRandom {
  init() {}

  attack() {
    return Math.random();
  }
}

module.exports = NondetMathRandom;
