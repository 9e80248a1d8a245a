// Threat: WebAssembly, to compile unmetered code
class NondetWebassembly {
  init() {}

  attack() {
    return WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  }
}

module.exports = NondetWebassembly;
