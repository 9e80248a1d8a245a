// Threat: Array(1e9).fill(0): priced by length before it runs
class BombArrayFill {
  init() {}

  attack() {
    return Array(1e9).fill(0).length;
  }
}

module.exports = BombArrayFill;
