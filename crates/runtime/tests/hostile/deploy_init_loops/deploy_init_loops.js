// Threat: an init() that never returns
class DeployInitLoops {
  init() {
    storage.put('owner', 'mallory');
    for (;;) {}
  }
}

module.exports = DeployInitLoops;
