// Threat: eval of code that would reset the meter
class MeterEval {
  init() {}

  attack() {
    return eval('gasLeft = Infinity');
  }
}

module.exports = MeterEval;
