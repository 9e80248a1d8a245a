// Threat: the typed array wrappers pass ArrayBuffers to V8 untouched. A
// contract class named ArrayBuffer is not one: if it were trusted by name,
// its length getter could say 0 when checked and 2^24 when V8 copies it.
class ArrayBuffer {
  get length() {
    this.n = (this.n || 0) + 1;
    return this.n > 1 ? 2 ** 24 : 0;
  }
}

class SpoofedArrayBufferClass {
  init() {}

  attack() {
    return String(new Uint8Array(new ArrayBuffer()).length);
  }
}

module.exports = SpoofedArrayBufferClass;
