'use strict';
// Tries to change built-ins so that a later call (or another contract)
// behaves differently.
class Pollute {
  init() {}

  attack() {
    const results = [];
    const attempt = (name, f) => {
      try {
        f();
        results.push(`${name}: changed`);
      } catch (e) {
        results.push(`${name}: ${e.name}`);
      }
    };
    attempt('Array.prototype.push', () => { Array.prototype.push = () => 0; });
    attempt('Object.prototype.polluted', () => { Object.prototype.polluted = 'yes'; });
    attempt('JSON.stringify', () => { JSON.stringify = () => 'hacked'; });
    attempt('storage.put', () => { storage.put = () => {}; });
    attempt('String.prototype.toString', () => { String.prototype.toString = () => 'x'; });
    attempt('delete Math.max', () => { delete Math.max; });
    return results.join('; ');
  }

  // Overriding inherited methods on one's own objects still works.
  ownOverrides() {
    class MyError extends Error {
      constructor(message) {
        super(message);
        this.name = 'MyError';
      }
    }
    const point = { x: 1 };
    point.toString = () => 'point';
    function Legacy() {}
    Legacy.prototype.toString = function toString() { return 'legacy'; };
    return `${new MyError('m').name} ${String(point)} ${String(new Legacy())}`;
  }

  // Leaves a match in the realm's RegExp statics, if there were any.
  match() {
    return /(sec)ret/.exec('a secret')[1];
  }

  readLastMatch() {
    return JSON.stringify([typeof RegExp.$1, typeof RegExp.lastMatch, typeof RegExp.input]);
  }

  check() {
    return JSON.stringify([[1].push(2), typeof Object.prototype.polluted, JSON.stringify(1), typeof Math.max]);
  }
}

module.exports = Pollute;
