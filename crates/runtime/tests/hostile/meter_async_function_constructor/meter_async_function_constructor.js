// Threat: the hidden AsyncFunction constructor, to compile code at run time
class MeterAsyncFunctionConstructor {
  init() {}

  attack() {
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
    return AsyncFunction('return 1');
  }
}

module.exports = MeterAsyncFunctionConstructor;
