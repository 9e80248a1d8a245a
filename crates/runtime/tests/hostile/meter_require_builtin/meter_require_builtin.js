// Threat: require('child_process'), a Node.js built-in module
const childProcess = require('child_process');

class MeterRequireBuiltin {
  init() {}

  attack() {
    return childProcess.execSync('id');
  }
}

module.exports = MeterRequireBuiltin;
