// Threat: a callee queues a promise job that writes storage after its frame is popped, as the caller (issue 14, 1a)
class FrameCalleeJobWritesCaller {
  init() {
    storage.put('owner', 'victim');
  }

  attack() {
    blockchain.call('evil_job', 'quote', []);
    // The job ran as evil_job, inside its own call: the caller's storage is its own.
    throw new Error(`owner is ${storage.get('owner')}, evil wrote ${storage.globalGet('evil_job', 'owner')}`);
  }
}

module.exports = FrameCalleeJobWritesCaller;
