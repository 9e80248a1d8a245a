// Threat: allocates 16 MiB typed arrays until the array-buffer budget refuses
class BombTypedArrays {
  init() {}

  attack() {
    const keep = [];
    for (;;) keep.push(new Float64Array(2 << 20));
  }
}

module.exports = BombTypedArrays;
