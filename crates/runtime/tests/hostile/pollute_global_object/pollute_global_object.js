// Threat: adds a global for the next call
class PolluteGlobalObject {
  init() {}

  attack() {
    globalThis.leftBehind = 'for the next call';
  }
}

module.exports = PolluteGlobalObject;
