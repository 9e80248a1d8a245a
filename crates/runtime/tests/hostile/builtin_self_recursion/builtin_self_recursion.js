// Threat: a built-in that calls a method of `this` installed as that very
// method (`o.toString = Object.prototype.toLocaleString`), or a getter that
// reads the property it is installed on (`get RegExp.prototype.flags` as
// `o.global`), recurses through V8 alone until its stack overflows: ~0.1 s
// of CPU for ~25 gas each time, caught and repeated. Counted, each attempt
// stops at 256 levels.
class BuiltinSelfRecursion {
  init() {}

  attack() {
    const a = {};
    a.toString = Object.prototype.toLocaleString;
    const b = {};
    Object.defineProperty(b, 'global', { get: Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags').get });
    const thrown = [];
    for (let i = 0; i < 200; i++) {
      try {
        a.toLocaleString();
      } catch (e) {
        thrown[0] = String(e);
      }
      try {
        return b.global;
      } catch (e) {
        thrown[1] = String(e);
      }
    }
    return thrown.join(' | ');
  }
}

module.exports = BuiltinSelfRecursion;
