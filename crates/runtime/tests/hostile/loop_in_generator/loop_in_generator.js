// Threat: an endless generator drained by Array.from (a built-in drives the loop)
class LoopInGenerator {
  init() {}

  attack() {
    function* naturals() {
      for (let i = 0; ; i++) yield i;
    }
    return Array.from(naturals()).length;
  }
}

module.exports = LoopInGenerator;
