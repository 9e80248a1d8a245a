// Threat: throw a 2 MiB string, so the receipt's failure message stores megabytes for a few hundred gas (red team F10)
class ResultHugeFailureMessage {
  init() {}

  attack() {
    throw 'x'.repeat(2 * 1024 * 1024);
  }
}

module.exports = ResultHugeFailureMessage;
