// Threat: a module that loops forever at load (at deploy)
while (true) {}

module.exports = class DeployLoopsAtLoad {
  init() {}
};
