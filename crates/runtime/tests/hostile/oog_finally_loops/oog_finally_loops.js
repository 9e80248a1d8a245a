// Threat: a finally block that loops forever after the try ran out of gas
class OogFinallyLoops {
  init() {}

  attack() {
    try {
      for (;;) {}
    } finally {
      for (;;) {}
    }
  }
}

module.exports = OogFinallyLoops;
