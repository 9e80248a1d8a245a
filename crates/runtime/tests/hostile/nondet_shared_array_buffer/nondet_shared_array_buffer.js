// Threat: SharedArrayBuffer, shared memory
class NondetSharedArrayBuffer {
  init() {}

  attack() {
    return new SharedArrayBuffer(8).byteLength;
  }
}

module.exports = NondetSharedArrayBuffer;
