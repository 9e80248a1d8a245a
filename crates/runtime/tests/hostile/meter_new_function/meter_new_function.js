// Threat: new Function to compile code at run time
class MeterNewFunction {
  init() {}

  attack() {
    return new Function('return 1')();
  }
}

module.exports = MeterNewFunction;
