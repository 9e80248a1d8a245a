// Threat: a promise job calls another contract after the method returned, so that the callee's own jobs
// would run in no frame of their own
class FrameJobCallsContract {
  init() {}

  attack() {
    Promise.resolve().then(() => blockchain.call('evil_job_in_job', 'quote', []));
    return 'returned before the job ran';
  }
}

module.exports = FrameJobCallsContract;
