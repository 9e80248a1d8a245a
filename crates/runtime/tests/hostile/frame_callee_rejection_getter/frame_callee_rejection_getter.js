// Threat: a callee leaves a promise rejected with an error whose getters write storage, hoping the
// runtime reads them when it describes the rejection in the caller's frame
class FrameCalleeRejectionGetter {
  init() {
    storage.put('owner', 'victim');
  }

  attack() {
    let caught = 'nothing';
    try {
      blockchain.call('evil_reject', 'leave', []);
    } catch (e) {
      caught = e.message;
    }
    throw new Error(`owner is ${storage.get('owner')}; caught ${caught}`);
  }
}

module.exports = FrameCalleeRejectionGetter;
