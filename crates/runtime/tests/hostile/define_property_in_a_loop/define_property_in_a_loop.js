// Threat: defining a property from a descriptor is slow in V8 itself
// (~350 ns in Node 20; ~3.7 us an index on an array with 100,000 of them)
// and was charged as any call: 135-190 ns a gas (red team round 30).
class DefinePropertyInALoop {
  init() {}

  attack() {
    const o = {};
    const a = [];
    for (let i = 0; i < 100000; i++) {
      Object.defineProperty(o, 'p', { value: i, writable: true, configurable: true });
      Reflect.defineProperty(a, i, { value: i, writable: true, enumerable: true, configurable: true });
    }
    const many = {};
    for (let i = 0; i < 100000; i++) many[i] = { value: i, writable: true };
    Object.defineProperties([], many);
    return 'defined';
  }
}

module.exports = DefinePropertyInALoop;
