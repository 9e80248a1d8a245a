// Leaves a job behind that writes "its" storage once it runs.
class EvilJob {
  init() {}

  quote() {
    Promise.resolve().then(() => storage.put('owner', 'attacker'));
    return 'quoted';
  }
}

module.exports = EvilJob;
