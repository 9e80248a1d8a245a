// Threat: 100,000 promises rejected with no handler, then handled in order:
// if each late handler searched the engine's list of unhandled rejections,
// the call would cost O(n^2) native work (45 s measured) for 2.5M gas.
class LateHandlersOnRejections {
  init() {}

  attack() {
    const promises = [];
    for (let i = 0; i < 100000; i++) promises.push(Promise.reject(i));
    const handler = () => 0;
    for (let i = 0; i < 100000; i++) promises[i].catch(handler);
    return promises.length;
  }
}

module.exports = LateHandlersOnRejections;
