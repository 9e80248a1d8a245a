// Threat: the compiler leaves comparisons of a variable that only ever
// holds numbers to V8. Declare a counter with 0, then make it a BigInt
// where a quick look would miss it: in a closure, or by destructuring.
class BigintCounterReboundInAClosure {
  init() {}

  attack() {
    const s = '7'.repeat(2 ** 21);
    let i = 0;
    let j = 0;
    const rebind = () => { i = 1n; };
    rebind();
    [j] = [1n];
    let count = 0;
    for (let k = 0; k < 50; k++) {
      if (i < s) count++;
      if (j >= s) count++;
    }
    return count;
  }
}

module.exports = BigintCounterReboundInAClosure;
