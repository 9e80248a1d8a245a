// Threat: a promise job that writes storage, then throws after the method returned
class JobWritesThenThrows {
  init() {}

  attack() {
    Promise.resolve().then(() => {
      storage.put('job', 'wrote');
      throw new TypeError('thrown in a promise job');
    });
    return 'returned first';
  }
}

module.exports = JobWritesThenThrows;
