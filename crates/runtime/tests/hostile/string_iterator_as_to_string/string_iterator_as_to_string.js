// Threat: String.prototype[Symbol.iterator] converts `this` to a string;
// installed as an object's own toString it calls itself through V8 alone
// (and %ArrayIteratorPrototype%.next reads an array-like's getters the same
// way): uncounted, each attempt recurses to V8's stack limit, at a depth
// that differs between a fresh and a warm worker.
class StringIteratorAsToString {
  init() {}

  attack() {
    const o = {};
    o.toString = String.prototype[Symbol.iterator];
    // Iterators each over the one before, whose `length` is read by `next`
    // through a getter that is `next` itself.
    const next = Object.getPrototypeOf([].keys()).next;
    let chained = Array.prototype.keys.call({ length: 1 });
    for (let i = 0; i < 5000; i++) {
      Object.defineProperty(chained, 'length', { get: next });
      chained = Array.prototype.keys.call(chained);
    }
    const thrown = [];
    for (const attempt of [() => String(o), () => chained.next()]) {
      try {
        attempt();
        thrown.push('none');
      } catch (e) {
        thrown.push(e.message);
      }
    }
    return thrown.join(' | ');
  }
}

module.exports = StringIteratorAsToString;
