// Threat: WeakRef, which exposes garbage-collection timing
class NondetWeakref {
  init() {}

  attack() {
    return new WeakRef({}).deref();
  }
}

module.exports = NondetWeakref;
