// Threat: JSON.stringify nested 250 deep, restarted from its replacer at every
// leaf: each stringify stays under the nesting limit, but the native recursion
// multiplies until V8's own stack limit, whose depth depends on the JIT.
function build() {
  let deep = { leaf: 1 };
  for (let i = 0; i < 250; i++) deep = { d: deep };
  return deep;
}

class NestedJsonStringifyInReplacer {
  init() {}

  attack() {
    const deep = build();
    const replacer = (key, value) => {
      if (key === 'leaf') JSON.stringify(deep, replacer);
      return value;
    };
    return JSON.stringify(deep, replacer);
  }
}

module.exports = NestedJsonStringifyInReplacer;
