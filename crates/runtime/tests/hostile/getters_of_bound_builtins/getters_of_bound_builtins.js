// Threat: accessors whose getters are bound built-ins (`Reflect.get` bound to
// the next object) recurse through V8 alone, with no contract frame between
// the levels. Uncounted, the chain ends at V8's own stack limit, whose depth
// depends on the frames above it and on what the JIT compiled: a contract
// that measures how many levels fit stores a different number on a fresh
// and a warm worker. Counted, it ends at the 256-call limit on every node.
class GettersOfBoundBuiltins {
  init() {}

  attack() {
    const levels = 5000;
    const objects = [];
    for (let i = 0; i < levels; i++) objects.push({});
    for (let i = 0; i < levels - 1; i++) {
      Object.defineProperty(objects[i], 'x', { get: Reflect.get.bind(null, objects[i + 1], 'x') });
    }
    Object.defineProperty(objects[levels - 1], 'x', { get: () => 'end' });
    return objects[0].x;
  }
}

module.exports = GettersOfBoundBuiltins;
