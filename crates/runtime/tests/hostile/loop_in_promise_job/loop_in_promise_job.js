// Threat: an endless loop in a promise job that runs after the method returned
class LoopInPromiseJob {
  init() {}

  attack() {
    Promise.resolve().then(() => {
      while (true) {}
    });
    return 'returned before the job ran';
  }
}

module.exports = LoopInPromiseJob;
