// Threat: JSON.stringify of an object nested 100,000 deep (the engine recurses natively)
class BombDeepJson {
  init() {}

  attack() {
    let inner = {};
    for (let i = 0; i < 100000; i++) inner = { inner };
    return JSON.stringify(inner).length;
  }
}

module.exports = BombDeepJson;
