// Threat: an endless toString on a value given to storage.put, hoping the host converts it
class LoopInTostringGivenToStorage {
  init() {}

  attack() {
    storage.put('key', { toString() { for (;;) {} } });
  }
}

module.exports = LoopInTostringGivenToStorage;
