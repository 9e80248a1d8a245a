// Threat: an object's keys are paid for once, when it is built, but the
// built-ins that list or copy them (Object.assign, `{...o}`,
// getOwnPropertyDescriptors, for...in) can be handed the same object any
// number of times: 100 copies of 20,000 keys is ~1 s of V8's time. Each
// call must pay for the keys it lists.
class ObjectKeysReused {
  init() {}

  attack() {
    const o = {};
    for (let i = 0; i < 20000; i++) o['k' + i] = i;
    let copies = 0;
    for (let i = 0; i < 100; i++) {
      const copy = i % 2 ? Object.assign({}, o) : { ...o };
      copies += copy.k0 === 0 ? 1 : 0;
    }
    return copies;
  }
}

module.exports = ObjectKeysReused;
