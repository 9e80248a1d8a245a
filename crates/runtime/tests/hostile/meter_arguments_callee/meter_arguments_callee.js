// Threat: climbs from a sloppy function through arguments.callee.caller towards the runtime's frames
function sneaky() {
  return arguments.callee.caller;
}

class MeterArgumentsCallee {
  init() {}

  attack() {
    const outer = sneaky();
    return outer.arguments.length;
  }
}

module.exports = MeterArgumentsCallee;
