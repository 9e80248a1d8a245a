// Looks for nondeterminism and ways out of the sandbox. Every probe reports
// what it found; the test expects all of them to be closed.
class Escape {
  init() {}

  probe() {
    const found = {};
    const typeOf = (f) => {
      try {
        return typeof f();
      } catch (e) {
        return `throws ${e.name}`;
      }
    };
    found.mathRandom = typeof Math.random;
    found.date = typeof Date;
    found.intl = typeof Intl;
    found.weakRef = typeof WeakRef;
    found.finalizationRegistry = typeof FinalizationRegistry;
    found.sharedArrayBuffer = typeof SharedArrayBuffer;
    found.atomics = typeof Atomics;
    found.webAssembly = typeof WebAssembly;
    found.eval = typeof eval;
    found.newFunction = typeOf(() => new Function('return 1'));
    found.constructorConstructor = typeOf(() => this.constructor.constructor('return globalThis')());
    found.generatorConstructor = typeOf(() => Object.getPrototypeOf(function* g() {}).constructor('yield 1'));
    found.ops = typeof globalThis.__v8vm_ops;
    found.process = typeof process;
    // Requires are resolved at compile time; a computed one finds nothing.
    const requireLater = require;
    found.requireUnknown = typeOf(() => requireLater('./elsewhere.js'));
    found.localeCompare = 'a'.localeCompare('b');
    found.globalWrite = typeOf(() => {
      globalThis.leak = 1;
      return globalThis.leak;
    });
    return found;
  }
}

module.exports = Escape;
