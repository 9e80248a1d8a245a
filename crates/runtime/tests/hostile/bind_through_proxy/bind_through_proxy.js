// Threat: bind's cap on bound arguments is kept per bound function; a proxy
// of a bound function is a different object. Binding the proxy again, 30
// times, would make every call copy 120,000 arguments.
class BindThroughProxy {
  init() {}

  attack() {
    const values = new Array(4000).fill(1);
    let f = Math.max;
    for (let i = 0; i < 30; i++) f = new Proxy(f.bind(null, ...values), {});
    let total = 0;
    for (let i = 0; i < 5000; i++) total += f();
    return total;
  }
}

module.exports = BindThroughProxy;
