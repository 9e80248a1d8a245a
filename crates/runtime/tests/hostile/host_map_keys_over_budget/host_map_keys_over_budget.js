// Threat: listing a map with more fields than the call can pay for, hoping the host scans them all before it charges (issue 14, 4)
class HostMapKeysOverBudget {
  init() {}

  attack() {
    for (let i = 0; i < 2000; i++) storage.mapPut('m', `f${i}`, '1');
    return storage.mapKeys('m').length;
  }
}

module.exports = HostMapKeysOverBudget;
