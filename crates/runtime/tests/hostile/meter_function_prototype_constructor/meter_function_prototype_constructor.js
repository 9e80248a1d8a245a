// Threat: Function.prototype.constructor('return this')() to reach the global scope's hidden names
class MeterFunctionPrototypeConstructor {
  init() {}

  attack() {
    return Function.prototype.constructor('return this')();
  }
}

module.exports = MeterFunctionPrototypeConstructor;
