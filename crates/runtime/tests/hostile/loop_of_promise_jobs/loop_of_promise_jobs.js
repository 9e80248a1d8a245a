// Threat: an endless chain of promise jobs, each scheduling the next
class LoopOfPromiseJobs {
  init() {}

  attack() {
    const again = () => Promise.resolve().then(again);
    again();
    return 'returned';
  }
}

module.exports = LoopOfPromiseJobs;
