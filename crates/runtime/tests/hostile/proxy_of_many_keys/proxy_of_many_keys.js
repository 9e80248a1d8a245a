// Threat: V8 walks a proxy's keys in C++ (`Object.assign`, `{...p}`,
// `Object.entries`, JSON.stringify), calling its traps for each key and
// keeping a handle per key that every young collection visits: time square
// in the keys (red team round 49: 100,000 fresh keys answered by `ownKeys`,
// ~12 ns a gas and growing). A proxy's keys are at most 16,384; here the
// trap's answer is refused, and a proxy with no `ownKeys` trap over a
// target of 100,000 keys too.
class ProxyOfManyKeys {
  init() {}

  attack() {
    const keys = [];
    for (let i = 0; i < 100000; i++) keys.push('p' + i);
    const descriptor = () => ({ value: 1, enumerable: true, configurable: true });
    const answering = new Proxy({}, { ownKeys: () => keys, getOwnPropertyDescriptor: descriptor, get: () => 1 });
    let refused = 0;
    try {
      Object.assign({}, answering);
    } catch (e) {
      if (e instanceof RangeError) refused++;
    }
    const target = {};
    for (let i = 0; i < 20000; i++) target['q' + i] = i;
    const forwarding = new Proxy(target, { getOwnPropertyDescriptor: descriptor });
    try {
      return { ...forwarding };
    } catch (e) {
      if (e instanceof RangeError) refused++;
    }
    return String(refused);
  }
}

module.exports = ProxyOfManyKeys;
