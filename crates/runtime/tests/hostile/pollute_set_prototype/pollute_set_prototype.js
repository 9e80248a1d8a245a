// Threat: swaps the prototype of Array.prototype
class PolluteSetPrototype {
  init() {}

  attack() {
    Object.setPrototypeOf(Array.prototype, { evil: true });
  }
}

module.exports = PolluteSetPrototype;
