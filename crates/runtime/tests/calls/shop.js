// The caller of the nested-call tests.
class Shop {
  init() {}

  buy() {
    storage.put('bought', 'yes');
    return blockchain.call('bank', 'deposit', ['alice', '5'])[0];
  }

  // The bank's failure is caught: the shop's own writes stand.
  buyButTheBankFails() {
    storage.put('before', 'kept');
    try {
      blockchain.call('bank', 'fail', ['alice']);
    } catch (e) {
      storage.put('caught', e.message);
    }
    storage.put('after', 'kept');
    return 'done';
  }

  buyUncaught() {
    storage.put('lost', 'yes');
    blockchain.call('bank', 'fail', ['alice']);
  }

  // Gas is one budget: catching cannot survive a callee that burns it all.
  burnCaught() {
    storage.put('lost', 'yes');
    try {
      blockchain.call('bank', 'burn', []);
    } catch (e) {
      return 'survived';
    }
    return 'unreachable';
  }

  reenter() {
    return blockchain.call('bank', 'callBack', ['reenter'])[0];
  }

  other() {
    return `other method, called by ${blockchain.caller().name}`;
  }

  viaBankToOther() {
    return blockchain.call('bank', 'callBack', ['other'])[0];
  }

  // A contract calls itself with its own authority, as IOST contracts do.
  selfWithAuth() {
    return blockchain.callWithAuth('shop', 'privileged', [])[0];
  }

  privileged() {
    return `${blockchain.requireAuth('shop', 'active')} ${blockchain.caller().name}`;
  }

  authPlain() {
    return blockchain.call('bank', 'authOf', ['shop'])[0];
  }

  authWith() {
    return blockchain.callWithAuth('bank', 'authOf', ['shop'])[0];
  }

  // Authority passed with callWithAuth stays in that callee's subtree.
  authScopes() {
    const inside = blockchain.callWithAuth('bank', 'forwardAuth', ['shop'])[0];
    const after = blockchain.call('bank', 'authOf', ['shop'])[0];
    const signer = blockchain.call('bank', 'authOf', ['admin'])[0];
    return `${inside} ${after} ${signer}`;
  }

  caller() {
    return blockchain.call('bank', 'whoCalls', [])[0];
  }

  badArgs() {
    return blockchain.call('bank', 'deposit', ['alice'])[0];
  }

  missing() {
    return blockchain.call('nobody', 'deposit', [])[0];
  }
}

module.exports = Shop;
