// Threat: FinalizationRegistry, which runs callbacks when the collector decides
class NondetFinalizationRegistry {
  init() {}

  attack() {
    return new FinalizationRegistry(() => storage.put('collected', 'yes'));
  }
}

module.exports = NondetFinalizationRegistry;
