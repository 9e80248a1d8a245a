// Threat: %TypedArray%.prototype.join charged per element only, with a long
// separator: 2^16 x 1,500 characters.
class TypedJoinLongSeparator {
  init() {}

  attack() {
    return new Uint8Array(2 ** 16).join(' '.repeat(1500)).length;
  }
}

module.exports = TypedJoinLongSeparator;
