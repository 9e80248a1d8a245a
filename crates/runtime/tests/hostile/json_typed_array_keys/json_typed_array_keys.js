// Threat: JSON.stringify of a typed array lists every index as a key before
// it visits the first (V8 does it natively): with a replacer that throws at
// the first key, each call does 2^21 keys of work for a few gas.
class JsonTypedArrayKeys {
  init() {}

  attack() {
    const bytes = new Uint8Array(new ArrayBuffer(2 ** 21));
    let thrown = '';
    for (let i = 0; i < 20; i++) {
      try {
        JSON.stringify(bytes, (key, value) => {
          if (key === '0') throw new Error('stop');
          return value;
        });
      } catch (e) {
        thrown = String(e);
      }
    }
    return thrown;
  }
}

module.exports = JsonTypedArrayKeys;
