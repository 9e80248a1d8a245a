// Threat: V8 leaves a deleted Map entry in its bucket's chain until it
// makes the table again: one key added and deleted 65,535 times in a Map
// of 16,384 made every later lookup of it walk 65,535 entries, ~29 us a
// `get`, ~2,000 ns a gas (red team round 51; string and object keys the
// same). The library models V8's table and charges for what a bucket may
// hold. Before, this ran into its deadline.
class DeletedEntriesInABucket {
  init() {}

  attack() {
    const m = new Map();
    for (let i = 0; i < 16384; i++) m.set(i, 1);
    for (let i = 0; i < 65535; i++) {
      m.set('k', 1);
      m.delete('k');
    }
    let s = 0;
    for (;;) if (m.get('k') !== undefined) s++;
  }
}

module.exports = DeletedEntriesInABucket;
