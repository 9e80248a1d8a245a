// Threat: nests objects one inside the other without bound
class BombDeepNesting {
  init() {}

  attack() {
    let inner = {};
    for (;;) inner = { inner };
  }
}

module.exports = BombDeepNesting;
