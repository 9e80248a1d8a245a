// Threat: require of a module that is not in the contract ('./ops')
const ops = require('./ops');

class MeterRequireUnknown {
  init() {}

  attack() {
    return ops.reset();
  }
}

module.exports = MeterRequireUnknown;
