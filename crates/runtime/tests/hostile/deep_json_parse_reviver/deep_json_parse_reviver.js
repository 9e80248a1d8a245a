// Threat: JSON.parse of text nested 100,000 deep with a reviver, which V8 applies by native recursion
class DeepJsonParseReviver {
  init() {}

  attack() {
    const text = '['.repeat(100000) + ']'.repeat(100000);
    return JSON.parse(text, (k, v) => v).length;
  }
}

module.exports = DeepJsonParseReviver;
