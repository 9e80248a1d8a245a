// Threat: the copy of an `arguments` object that a sloppy function's legacy
// `f.arguments` hands out (read from outside `f`, while `f` runs) carries
// V8's own Array.prototype.values, which walks any object, reading its
// `length` as a number at each step: a way around the library's iterator.
function holder() {
  return peek();
}
function peek() {
  return holder.arguments;
}

class ArrayIteratorOfArgumentsTakenFromOutside {
  init() {}

  attack() {
    const copy = holder(1, 2);
    const values = copy[Symbol.iterator];
    const s = '\u3000'.repeat(2 ** 20 - 1) + '1';
    const it = values.call({ length: s, 0: 'a' });
    for (let i = 0; i < 100000; i++) it.next();
    return 'walked';
  }
}

module.exports = ArrayIteratorOfArgumentsTakenFromOutside;
