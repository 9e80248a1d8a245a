// Threat: V8 hashes a string of more than 16,383 characters by its length
// alone, so that long property keys of one length collide in the string
// table and in an object's dictionary: each lookup by a new copy compares
// with every one of them (red team round 26). Keys are at most 16,383
// characters, wherever the library sees a key (`o[k]`, `k in o`, computed
// keys, Reflect and Object built-ins).
class LongStringPropertyKeysColliding {
  init() {}

  attack() {
    const base = 'k'.repeat(16400);
    const o = {};
    for (let j = 0; j < 300; j++) o[base + j] = j;
    let found = 0;
    for (let i = 0; i < 100000; i++) if ((base + 0) in o) found++;
    return found;
  }
}

module.exports = LongStringPropertyKeysColliding;
