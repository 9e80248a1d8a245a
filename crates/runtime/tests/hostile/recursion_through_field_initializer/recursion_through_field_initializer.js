// Threat: recursion through an instance field initializer, which runs outside any function body (red team F2)
class Node {
  child = new Node();
}

class RecursionThroughFieldInitializer {
  init() {}

  attack() {
    return new Node().child === undefined;
  }
}

module.exports = RecursionThroughFieldInitializer;
