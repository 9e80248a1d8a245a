// Threat: looks the meter up on globalThis by a computed name (globalThis['__v8vm_' + 'gas'])
class MeterGlobalthisLookup {
  init() {}

  attack() {
    const name = ['__v8vm', 'gas'].join('_');
    return globalThis[name](-1e15);
  }
}

module.exports = MeterGlobalthisLookup;
