// A fungible token: the whole supply goes to the deployer; balances live in
// the map `balances`, one field per holder (a holder with 0 is removed).
const storage = require('storage');
const blockchain = require('blockchain');

const SUPPLY = 1000000n;

class Token {
  init() {
    const owner = blockchain.publisher();
    storage.put('symbol', 'V8T');
    storage.put('supply', SUPPLY.toString());
    storage.mapPut('balances', owner, SUPPLY.toString());
  }

  supply() {
    return storage.get('supply');
  }

  balanceOf(who) {
    return this._balance(who).toString();
  }

  holders() {
    return storage.mapKeys('balances');
  }

  transfer(from, to, amount) {
    if (!blockchain.requireAuth(from, 'active')) {
      throw new Error(`transfer: ${from} did not sign this transaction`);
    }
    const value = this._amount(amount);
    const available = this._balance(from);
    if (available < value) {
      throw new Error(`insufficient balance: ${from} has ${available}, needs ${value}`);
    }
    this._setBalance(from, available - value);
    this._setBalance(to, this._balance(to) + value);
    blockchain.receipt(JSON.stringify({ from, to, amount: value.toString() }));
    blockchain.event(JSON.stringify({ topic: 'transfer', from, to, amount: value.toString() }));
  }

  // Pays each {to, amount} in order. If any payment fails, the whole call
  // fails and none of the payments happened.
  transferBatch(from, payments) {
    for (const { to, amount } of payments) {
      this.transfer(from, to, amount);
    }
    return payments.length;
  }

  _balance(who) {
    return BigInt(storage.mapGet('balances', who) ?? '0');
  }

  _setBalance(who, value) {
    if (value === 0n) {
      storage.mapDel('balances', who);
    } else {
      storage.mapPut('balances', who, value.toString());
    }
  }

  _amount(amount) {
    if (!/^[0-9]{1,30}$/.test(amount) || BigInt(amount) === 0n) {
      throw new Error(`invalid amount "${amount}": use a positive whole number`);
    }
    return BigInt(amount);
  }
}

module.exports = Token;
