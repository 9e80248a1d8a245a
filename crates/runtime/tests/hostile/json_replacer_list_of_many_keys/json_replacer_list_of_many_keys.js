// Threat: JSON.stringify with a replacer list looks up every key of the
// list in every object it visits, and the list's keys were neither counted
// nor charged: 4,096 keys over 2,000 objects, 0.78 s for 181,000 gas; a
// list of 524,288 holes read at each call, 12 us a gas (red team round 49).
// Before, this ran into its deadline.
class JsonReplacerListOfManyKeys {
  init() {}

  attack() {
    const keys = [];
    for (let i = 0; i < 4096; i++) keys.push('r' + i);
    const e = {};
    const list = [];
    for (let i = 0; i < 2000; i++) list.push(e);
    let n = 0;
    for (;;) n += JSON.stringify(list, keys).length;
  }
}

module.exports = JsonReplacerListOfManyKeys;
