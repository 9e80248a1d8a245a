// Threat: a rest element where the compiler has no value to route (a
// parameter, a loop head, a catch, inside another pattern) makes V8 copy
// what it destructures with no gas charged: a 500,000-item array passed to
// `function f([...r])` 200 times ran 2.7 s for ~500,000 gas.
function takeRest([...r]) {
  return r.length;
}

class RestElementInAParameter {
  init() {}

  attack() {
    const big = new Array(500000).fill(1);
    let n = 0;
    for (let i = 0; i < 200; i++) n += takeRest(big);
    return n;
  }
}

module.exports = RestElementInAParameter;
