// Threat: this.constructor.constructor('return this')() (the classic sandbox escape)
class MeterConstructorConstructor {
  init() {}

  attack() {
    return this.constructor.constructor('return this')();
  }
}

module.exports = MeterConstructorConstructor;
