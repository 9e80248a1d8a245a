// Threat: require through a variable, of a module the compiler never saw
class MeterRequireComputed {
  init() {}

  attack() {
    const load = require;
    return load('v8vm:ops');
  }
}

module.exports = MeterRequireComputed;
