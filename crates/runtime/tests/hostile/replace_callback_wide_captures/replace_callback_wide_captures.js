// Threat: a function replacer is called with every capture of the match as
// an argument. A contract exec that claims 65,536 captures makes frames of
// half a megabyte; nested, V8's stack runs out long before the call-depth
// limit, at a depth that moves with what the JIT compiled.
function wide() {
  let used = false;
  return {
    exec() {
      if (used) return null;
      used = true;
      const m = new Array(65537).fill('c');
      m.index = 0;
      return m;
    },
  };
}
function nest(level) {
  if (level === 0) return 0;
  let inner = 0;
  RegExp.prototype[Symbol.replace].call(wide(), 'x', () => {
    inner = nest(level - 1) + 1;
    return '';
  });
  return inner;
}

class ReplaceCallbackWideCaptures {
  init() {}

  attack() {
    return nest(20);
  }
}

module.exports = ReplaceCallbackWideCaptures;
