// Threat: Atomics, for timing and shared memory
class NondetAtomics {
  init() {}

  attack() {
    return Atomics.load(new Int32Array(1), 0);
  }
}

module.exports = NondetAtomics;
