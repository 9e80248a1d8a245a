// Threat: defines a toJSON getter on Object.prototype with Object.defineProperty
class PolluteDefineProperty {
  init() {}

  attack() {
    Object.defineProperty(Object.prototype, 'toJSON', { get: () => () => 'hijacked' });
  }
}

module.exports = PolluteDefineProperty;
