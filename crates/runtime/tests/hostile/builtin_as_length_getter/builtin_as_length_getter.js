// Threat: built-ins handed to built-ins. `at` reads `length`, whose getter is
// findLast, which reads `length` again: library frames only, 81 gas, to
// V8's stack limit, unless built-ins count as calls.
class BuiltinAsLengthGetter {
  init() {}

  attack() {
    const o = {};
    Object.defineProperty(o, 'length', { get: Array.prototype.findLast });
    return Array.prototype.at.call(o, 0);
  }
}

module.exports = BuiltinAsLengthGetter;
