// Threat: grows a Map without bound
class BombMapGrowth {
  init() {}

  attack() {
    const map = new Map();
    for (let i = 0; ; i++) map.set(i, { i });
  }
}

module.exports = BombMapGrowth;
