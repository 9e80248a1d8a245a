// Threat: an endless loop in an Array.prototype.sort comparator
class LoopInSortComparator {
  init() {}

  attack() {
    return [3, 1, 2].sort(() => {
      while (true) {}
    });
  }
}

module.exports = LoopInSortComparator;
