// Threat: proxies nested 30 deep, none with a trap. V8 forwards each
// operation to the target natively, once per level; a library handler that
// always had every trap would make V8 check each trap's result against the
// target, which is itself a proxy: work doubling at each level (2^30 for
// one property read) for a few gas. And a contract must see V8's semantics:
// which traps of the inner handler run, and when.
class NestedTraplessProxies {
  init() {}

  attack() {
    let p = { x: 1 };
    for (let i = 0; i < 30; i++) p = new Proxy(p, {});
    const log = [];
    const inner = new Proxy({ y: 2 }, {
      get(t, k, r) {
        log.push('get');
        return Reflect.get(t, k, r);
      },
      getOwnPropertyDescriptor(t, k) {
        log.push('gopd');
        throw new Error('gopd is not asked for a plain get');
      },
    });
    const outer = new Proxy(inner, {});
    return `${p.x} ${outer.y} ${log.join(',')}`;
  }
}

module.exports = NestedTraplessProxies;
