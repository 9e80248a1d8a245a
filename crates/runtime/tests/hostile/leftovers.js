// Tries to leave something behind for the next call: module-level state,
// globals, built-ins, a cached closure.
let counter = 0;
const cache = [];

class Leftovers {
  init() {}

  leave() {
    counter += 1;
    cache.push('x');
    const attempts = [];
    const attempt = (name, f) => {
      try {
        f();
        attempts.push(`${name}: changed`);
      } catch (e) {
        attempts.push(`${name}: ${e.name}`);
      }
    };
    attempt('globalThis.leak', () => { globalThis.leak = 'leaked'; });
    attempt('Object.defineProperty(globalThis)', () => Object.defineProperty(globalThis, 'leak2', { value: 1 }));
    attempt('Array.prototype.includes', () => { Array.prototype.includes = () => true; });
    attempt('Object.prototype.__proto__', () => { Object.setPrototypeOf(Object.prototype, { evil: true }); });
    attempt('Function.prototype.call', () => { Function.prototype.call = () => 'hijacked'; });
    attempt('BigInt.prototype.toString', () => { BigInt.prototype.toString = () => '0'; });
    attempt('Math.PI', () => { Math.PI = 3; });
    return `${counter} ${cache.length} ${attempts.join('; ')}`;
  }

  look() {
    return JSON.stringify({
      counter,
      cache: cache.length,
      leak: typeof globalThis.leak,
      leak2: typeof globalThis.leak2,
      includes: [1].includes(2),
      evil: ({}).evil,
      call: Math.max.call(null, 1, 2),
      big: (12n).toString(),
      pi: Math.PI,
    });
  }
}

module.exports = Leftovers;
