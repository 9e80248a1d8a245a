// Threat: a regular expression whose backtracking is exponential in its
// text (`/^(a+)+$/` on 40 `a`s and a `b`: 2^40 paths) costs gas by the
// text's length, ~100 gas, and would run until the deadline: in a block,
// every such transaction would cost the producer its deadline for nothing.
// V8 goes on in its linear-time engine after 1,000 backtracks.
class RegexExponentialBacktracking {
  init() {}

  attack(n) {
    const text = 'a'.repeat(Number(n)) + 'b';
    return String(/^(a+)+$/.test(text)) + ' ' + String(/(x+x+)+y/.test('x'.repeat(Number(n))));
  }
}

module.exports = RegexExponentialBacktracking;
