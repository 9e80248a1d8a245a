// Threat: replaces Promise.prototype.then, which every await goes through
class PollutePromiseThen {
  init() {}

  attack() {
    Promise.prototype.then = function then() {};
  }
}

module.exports = PollutePromiseThen;
