// Threat: Date.now(), the real clock
class NondetDateNow {
  init() {}

  attack() {
    return Date.now();
  }
}

module.exports = NondetDateNow;
