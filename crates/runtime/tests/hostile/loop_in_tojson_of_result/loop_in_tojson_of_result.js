// Threat: an endless toJSON on the returned object, run when the result is formatted
class LoopInTojsonOfResult {
  init() {}

  attack() {
    return { toJSON() { for (;;) {} } };
  }
}

module.exports = LoopInTojsonOfResult;
