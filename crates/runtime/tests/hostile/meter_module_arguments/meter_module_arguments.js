// Threat: reads the arguments of its module wrapper and climbs to the function that required it
const wrapperCaller = arguments.callee.caller;

class MeterModuleArguments {
  init() {}

  attack() {
    return wrapperCaller.arguments.length;
  }
}

module.exports = MeterModuleArguments;
