// Threat: a map filled and then emptied keeps its deleted fields behind it
// (RocksDB keeps a tombstone for each until compaction, and a transaction's
// own deletions stay in its write buffer): listing or counting it stepped
// over every one for the price of the fields left (red team round 34:
// 60,000 deleted fields made each mapLen ~10 ms of work for ~62 gas).
class MapListedAfterItsFieldsWereDeleted {
  init() {}

  attack() {
    for (let i = 0; i < 20000; i++) storage.mapPut('m', 'f' + i, '1');
    for (let i = 1; i < 20000; i++) storage.mapDel('m', 'f' + i);
    let seen = 0;
    for (let i = 0; i < 5000; i++) seen += storage.mapLen('m') + storage.mapKeys('m').length;
    storage.mapDel('m', 'f0');
    return seen;
  }
}

module.exports = MapListedAfterItsFieldsWereDeleted;
