// Threat: console.log of an object nested 100,000 deep whose getters count how deep the formatter went (the count would depend on the native stack)
class DeepConsoleLog {
  init() {}

  attack() {
    let visits = 0;
    let o = {};
    for (let i = 0; i < 100000; i++) {
      const inner = o;
      o = { get d() { visits++; return inner; } };
    }
    console.log(o);
    throw new Error('the formatter read ' + visits + ' getters');
  }
}

module.exports = DeepConsoleLog;
