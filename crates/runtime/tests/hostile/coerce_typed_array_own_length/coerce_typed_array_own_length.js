// Threat: a typed array with an own length of 0 hiding its 2**25 elements from a wrapper that reads .length (issue 14, 5)
class CoerceTypedArrayOwnLength {
  init() {}

  attack() {
    const u = new Uint8Array(1 << 18);
    Object.defineProperty(u, 'length', { value: 0 });
    return u.join().length;
  }
}

module.exports = CoerceTypedArrayOwnLength;
