// Threat: a getter that reads itself
class RecursionThroughGetter {
  init() {}

  attack() {
    const loop = {
      get deep() {
        return this.deep;
      },
    };
    return loop.deep;
  }
}

module.exports = RecursionThroughGetter;
