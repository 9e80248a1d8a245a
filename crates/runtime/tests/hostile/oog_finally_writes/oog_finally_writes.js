// Threat: a finally block that writes storage after the try ran out of gas
class OogFinallyWrites {
  init() {}

  attack() {
    try {
      for (;;) {}
    } finally {
      storage.put('finally', 'ran');
    }
  }
}

module.exports = OogFinallyWrites;
