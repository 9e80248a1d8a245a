// Threat: names the compiler's meter (`__v8vm_gas`) directly to reset it
class MeterReservedName {
  init() {}

  attack() {
    __v8vm_gas = 1e15;
  }
}

module.exports = MeterReservedName;
