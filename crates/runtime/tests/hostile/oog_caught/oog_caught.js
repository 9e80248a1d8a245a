// Threat: catching out-of-gas with try/catch and writing storage in the catch
class OogCaught {
  init() {}

  attack() {
    try {
      for (;;) {}
    } catch (e) {
      storage.put('survived', String(e));
      return 'survived';
    }
  }
}

module.exports = OogCaught;
