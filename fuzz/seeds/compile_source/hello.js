// The smallest useful contract: it greets, and counts greetings in storage.
class Hello {
  init() {
    storage.put('greetings', '0');
  }

  hello(name) {
    const count = Number(storage.get('greetings')) + 1;
    storage.put('greetings', String(count));
    console.log('greeting %s (#%d)', name, count);
    return `hello, ${name}`;
  }

  greetings() {
    return Number(storage.get('greetings'));
  }
}

module.exports = Hello;
