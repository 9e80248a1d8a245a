// Threat: `new Array(n)` makes n slots that V8 allocates and fills with
// holes, ~4 ns each from 16,384 on, and the constructor was charged as a
// call: `new Array(90000)` in a loop, ~50 us a gas (red team round 49's
// follow-up). Every way to reach the constructor is the library's now:
// `Array(n)`, `[].constructor`, `Reflect.construct`, a subclass.
class ArrayConstructorOfManySlots {
  init() {}

  attack() {
    class Wide extends Array {}
    let n = 0;
    for (;;) {
      n += new Array(90000).length + Array(90000).length;
      n += new [].constructor(90000).length + Reflect.construct(Array, [90000]).length;
      n += new Wide(90000).length;
    }
  }
}

module.exports = ArrayConstructorOfManySlots;
