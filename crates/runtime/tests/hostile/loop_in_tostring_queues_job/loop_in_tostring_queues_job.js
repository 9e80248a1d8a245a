// Threat: a thrown error's toString queues an endless promise job, hoping the runtime calls it while
// describing the error, with no meter and no deadline, and that the job runs at the next call (issue 14, 2)
class LoopInTostringQueuesJob {
  init() {}

  go() {
    const e = new Error('x');
    e.toString = () => {
      Promise.resolve().then(() => {
        for (;;) {}
      });
      return 'E';
    };
    throw e;
  }
}

module.exports = LoopInTostringQueuesJob;
