// Threat: a promise .catch() meant to run when a job runs out of gas
class OogCatchInPromise {
  init() {}

  attack() {
    Promise.resolve()
      .then(() => {
        for (;;) {}
      })
      .catch(() => storage.put('caught', 'yes'));
    return 'returned';
  }
}

module.exports = OogCatchInPromise;
