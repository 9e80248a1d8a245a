// Threat: replaces Array.prototype.map for later calls
class PolluteArrayMethod {
  init() {}

  attack() {
    Array.prototype.map = function map() {
      return [];
    };
  }
}

module.exports = PolluteArrayMethod;
