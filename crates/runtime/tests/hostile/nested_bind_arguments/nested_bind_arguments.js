// Threat: nested binds add up their bound arguments: 30 levels of 4,000
// make every call of the result copy 120,000 arguments into Math.max, a
// built-in (no contract code runs, nothing is metered per call).
class NestedBindArguments {
  init() {}

  attack() {
    const values = new Array(4000).fill(1);
    let f = Math.max;
    for (let i = 0; i < 30; i++) f = f.bind(null, ...values);
    let total = 0;
    for (let i = 0; i < 5000; i++) total += f();
    return total;
  }
}

module.exports = NestedBindArguments;
