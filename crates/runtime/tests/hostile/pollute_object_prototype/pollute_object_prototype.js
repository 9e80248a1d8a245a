// Threat: adds isAdmin to Object.prototype for the next call or another contract
class PolluteObjectPrototype {
  init() {}

  attack() {
    Object.prototype.isAdmin = true;
  }
}

module.exports = PolluteObjectPrototype;
