// Threat: Function.prototype[Symbol.hasInstance] cannot be redefined, so it
// stays V8's own. As a proxy's getPrototypeOf trap (a function as handler:
// `this` is callable, the argument the target) it walks the target's
// prototype chain, which leads back to the proxy: recursion through V8
// alone, two proxies deep, to V8's stack limit, at a depth that differs
// between a fresh and a warm worker. Every trap is a counted call instead.
class HasInstanceAsProxyTrap {
  init() {}

  attack() {
    const handler = function H() {};
    handler.getPrototypeOf = Function.prototype[Symbol.hasInstance];
    let outer;
    const inner = new Proxy({}, {
      getPrototypeOf() {
        return outer;
      },
    });
    outer = new Proxy(inner, handler);
    try {
      Object.getPrototypeOf(outer);
      return 'none';
    } catch (e) {
      return e.message;
    }
  }
}

module.exports = HasInstanceAsProxyTrap;
