// Threat: Array.prototype.toLocaleString shows nested arrays through itself;
// with no contract code between the levels, nothing counted the depth, and
// the recursion ran to V8's stack limit (a depth that depends on the JIT).
class ToLocaleStringNestedArrays {
  init() {}

  attack() {
    let a = [];
    for (let i = 0; i < 42000; i++) a = [a];
    return a.toLocaleString();
  }
}

module.exports = ToLocaleStringNestedArrays;
