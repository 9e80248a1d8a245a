// Threat: an async method: returns a Promise
class ResultPromise {
  init() {}

  async attack() {
    return 'later';
  }
}

module.exports = ResultPromise;
