// Threat: dynamic import() of a host module
class MeterDynamicImport {
  init() {}

  attack() {
    return import('fs');
  }
}

module.exports = MeterDynamicImport;
