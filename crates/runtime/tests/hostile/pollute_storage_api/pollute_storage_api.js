// Threat: replaces storage.get for the contracts that run next on the worker
class PolluteStorageApi {
  init() {}

  attack() {
    storage.get = () => '1000000';
  }
}

module.exports = PolluteStorageApi;
