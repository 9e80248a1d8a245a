// Threat: keeps several 256 MiB strings, each flattened by a regex search (large objects, outside the young generation)
class BombFlatStrings {
  init() {}

  attack() {
    const keep = [];
    for (let i = 0; i < 8; i++) {
      const text = 'x'.repeat(2 ** 28 - 8) + i;
      /y/.test(text);
      keep.push(text);
    }
    return keep.length;
  }
}

module.exports = BombFlatStrings;
