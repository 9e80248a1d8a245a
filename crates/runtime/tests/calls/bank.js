// The callee of the nested-call tests.
class Bank {
  init() {}

  deposit(who, amount) {
    const balance = Number(storage.mapGet('balances', who) ?? '0') + Number(amount);
    storage.mapPut('balances', who, String(balance));
    blockchain.receipt(`deposit ${who} ${amount}`);
    return String(balance);
  }

  // Writes, emits, then fails: all of it must be rolled back.
  fail(who) {
    storage.mapPut('balances', who, '999');
    blockchain.receipt('should vanish');
    blockchain.event('should vanish too');
    throw new Error('the bank refuses');
  }

  burn() {
    for (;;) {}
  }

  whoCalls() {
    return JSON.stringify({ caller: blockchain.caller(), contract: blockchain.contractName() });
  }

  authOf(id) {
    return String(blockchain.requireAuth(id, 'active'));
  }

  // Calls back into `shop`.
  callBack(method) {
    return blockchain.call('shop', method, [])[0];
  }

  // Passes authority on down the stack.
  forwardAuth(id) {
    return blockchain.call('bank', 'authOf', [id])[0];
  }
}

module.exports = Bank;
