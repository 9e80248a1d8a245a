// A contract whose modules are cached (evaluated once per worker and reused):
// it tries to leave something behind in the module-level objects.
const CONFIG = { limit: 1, list: [1, 2] };
function helper() {
  return CONFIG.limit;
}

class Cached {
  init() {}

  leave() {
    const attempts = [];
    const attempt = (name, f) => {
      try {
        f();
        attempts.push(`${name}: changed`);
      } catch (e) {
        attempts.push(`${name}: ${e.name}`);
      }
    };
    attempt('CONFIG.limit', () => { CONFIG.limit = 99; });
    attempt('CONFIG.list.push', () => { CONFIG.list.push(3); });
    attempt('helper.calls', () => { helper.calls = 1; });
    attempt('Cached.count', () => { Cached.count = 1; });
    attempt('prototype', () => { Cached.prototype.extra = 1; });
    attempt('module.exports', () => { module.exports.extra = 1; });
    attempt('require.cache', () => { require.cache = {}; });
    this.mine = 'instance state is fine';
    return attempts.join('; ');
  }

  look() {
    return JSON.stringify([helper(), CONFIG.list.length, helper.calls, Cached.count, Cached.prototype.extra, this.mine]);
  }
}

module.exports = Cached;
