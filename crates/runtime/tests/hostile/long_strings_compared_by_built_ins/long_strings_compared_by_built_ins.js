// Threat: V8 compares a new value with a non-configurable property's
// (SameValue) when Object.defineProperty redefines it, and a proxy trap's
// answer with its target's: two 2 MiB strings character by character, ~7 ms
// a call for 11 gas (red team round 26). Charged as `===` charges.
class LongStringsComparedByBuiltIns {
  init() {}

  attack() {
    const a = 'a'.repeat((1 << 21) - 1) + 'b';
    const b = 'a'.repeat((1 << 21) - 1) + 'b';
    const frozen = Object.freeze({ x: a });
    const proxy = new Proxy(frozen, { get: () => b });
    let same = 0;
    for (let i = 0; i < 100000; i++) {
      Object.defineProperty(frozen, 'x', { value: b });
      if (proxy.x === b) same++;
    }
    return same;
  }
}

module.exports = LongStringsComparedByBuiltIns;
