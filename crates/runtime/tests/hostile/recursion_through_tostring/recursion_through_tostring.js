// Threat: a toString that converts its own object to a string (through the engine's conversion)
class RecursionThroughTostring {
  init() {}

  attack() {
    const self = {
      toString() {
        return String(self);
      },
    };
    return String(self);
  }
}

module.exports = RecursionThroughTostring;
