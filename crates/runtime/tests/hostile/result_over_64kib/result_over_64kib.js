// Threat: returns a 70 KiB result
class ResultOver64kib {
  init() {}

  attack() {
    return 'r'.repeat(70 * 1024);
  }
}

module.exports = ResultOver64kib;
