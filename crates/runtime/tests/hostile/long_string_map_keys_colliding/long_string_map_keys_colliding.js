// Threat: V8 hashes a string of more than 16,383 characters by its length
// alone: 300 Map keys of 16,400 characters collide, and each lookup
// compares with all of them (red team round 26: ~0.6 ms a lookup, 134x the
// median per gas). Keys are at most 16,383 characters.
class LongStringMapKeysColliding {
  init() {}

  attack() {
    const base = 'k'.repeat(16400);
    const map = new Map();
    for (let j = 0; j < 300; j++) map.set(base + j, j);
    let found = 0;
    for (let i = 0; i < 100000; i++) if (map.get(base + 0) === 0) found++;
    return found;
  }

}

module.exports = LongStringMapKeysColliding;
