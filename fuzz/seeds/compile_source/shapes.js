// Syntax the compiler rewrites: modules, classes, loops, templates, async.
import { storage } from 'storage';
export class Shapes {
  static #count = 0;
  get size() { return this.items?.length ?? 0; }
  *walk(n) { for (let i = 0; i < n; i++) { if (i % 2) continue; yield i; } }
  async later(x) { try { return await Promise.resolve(x); } catch (e) { return `${e}`; } finally { Shapes.#count++; } }
  sum(a, ...rest) { let s = a; do { s += rest.pop() || 0; } while (rest.length); return s; }
  label({ a = 1, b: [c, d] = [2, 3] } = {}) { switch (a) { case 1: return c + d; default: return a && b || c; } }
  tag(s) { const t = (x, ...v) => x.raw.join('|') + v; return t`a${s}b${s + s}c`; }
}
export default Shapes;
