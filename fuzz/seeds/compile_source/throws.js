class T {
  init() {}
  forms(it) {
    try { null.x; } catch (e) { e.message; }
    try { x(); } catch { }
    try { throw { a: 1 }; } catch ({ a, ...rest }) { a; }
    for (const [k, v] of it) { try { k(); } finally { continue; } }
    L: try { try { throw 1; } catch (e) { break L; } finally { } } finally { }
    const [p = 1, [q] = [2]] = it;
    return p + q;
  }
  destructure({ a }, [b] = [], ...[c]) { return a + b + c; }
  async later({ a }) { await null; return a; }
  set value({ v }) { this.v = v; }
}
class F { x = class extends Object { [String(1)] = 1; static { } }; static y = [[1]].map(([z]) => z); }
module.exports = T;
