// Threat: pollutes built-ins from sloppy code, where failed writes are silent, then checks what stuck
function pollute() {
  Object.prototype.isAdmin = true;
  Array.prototype.join = () => 'hijacked';
  globalThis.leak = 'left for the next call';
  Math.max = () => 0;
}

class PolluteSloppyWrites {
  init() {}

  attack() {
    pollute();
    return JSON.stringify([({}).isAdmin, [1, 2].join(), typeof globalThis.leak, Math.max(1, 2)]);
  }
}

module.exports = PolluteSloppyWrites;
