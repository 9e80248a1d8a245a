// Threat: the caller queues jobs and then calls a contract, hoping they run while the callee is on the
// stack (with the callee's identity) or after the call in someone else's frame
class FrameCallerJobBeforeCall {
  init() {}

  attack() {
    const order = [];
    Promise.resolve().then(() => order.push(`job as ${blockchain.contractName()}`));
    order.push('before the call');
    blockchain.call('evil_job_after_jobs', 'quote', []);
    order.push('after the call');
    throw new Error(order.join(', '));
  }
}

module.exports = FrameCallerJobBeforeCall;
