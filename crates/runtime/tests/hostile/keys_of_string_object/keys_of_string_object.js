// Threat: a String object has a key per character. Listing them (here with
// a descriptor each) runs natively, uninterrupted: 2^21 of them for the
// price of one call unless the wrapper counts the characters first.
class KeysOfStringObject {
  init() {}

  attack() {
    return String(Object.keys(Object.getOwnPropertyDescriptors(new String(' '.repeat(2 ** 21)))).length);
  }
}

module.exports = KeysOfStringObject;
