// Threat: an endless `while (true) {}` after a storage write
class LoopPlain {
  init() {}

  attack() {
    storage.put('touched', 'yes');
    while (true) {}
  }
}

module.exports = LoopPlain;
