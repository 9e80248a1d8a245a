// A Fomo3D-style game: the contract every transaction calls at once.
//
// Players buy keys; each key costs a little more than the last. Every buy
// puts the price into the pot and pushes the round's deadline further (up to
// a cap). When the deadline passes, the last buyer can claim the pot and a
// new round starts. All amounts are integers in the game's own units.
const storage = require('storage');
const blockchain = require('blockchain');

const BASE_PRICE = 100n;
const PRICE_STEP = 1n;
const EXTEND_NS = 30n * 1000000000n; // each key adds 30 s
const MAX_WINDOW_NS = 24n * 3600n * 1000000000n; // the deadline is at most 24 h away

class Fomo3D {
  init() {
    this._startRound(1n);
  }

  // Buys `count` keys for `player` (who must sign); returns the round state.
  buy(player, count) {
    if (!blockchain.requireAuth(player, 'active')) {
      throw new Error(`buy: ${player} did not sign this transaction`);
    }
    const keys = BigInt(count);
    if (keys < 1n || keys > 100n) throw new RangeError('buy: count must be between 1 and 100');
    const now = BigInt(block.time);
    let round = this._round();
    if (now > round.deadline) {
      throw new Error(`round ${round.number} is over: ${round.lastBuyer} can claim the pot`);
    }
    // Price of keys sold+1 .. sold+keys.
    const cost = keys * BASE_PRICE + PRICE_STEP * (keys * round.sold + (keys * (keys + 1n)) / 2n);
    round.sold += keys;
    round.pot += cost;
    round.lastBuyer = player;
    const extended = round.deadline + keys * EXTEND_NS;
    round.deadline = extended - now > MAX_WINDOW_NS ? now + MAX_WINDOW_NS : extended;
    const held = BigInt(storage.mapGet('keys', `${round.number}.${player}`) ?? '0') + keys;
    storage.mapPut('keys', `${round.number}.${player}`, held.toString());
    this._save(round);
    blockchain.event({ topic: 'buy', round: round.number.toString(), player, keys: count, cost: cost.toString() });
    return this._view(round);
  }

  // After the deadline, the last buyer takes the pot and a new round begins.
  claim(player) {
    const round = this._round();
    if (BigInt(block.time) <= round.deadline) throw new Error('claim: the round is still running');
    if (player !== round.lastBuyer) throw new Error(`claim: the winner is ${round.lastBuyer}`);
    const won = BigInt(storage.mapGet('winnings', player) ?? '0') + round.pot;
    storage.mapPut('winnings', player, won.toString());
    blockchain.receipt({ round: round.number.toString(), winner: player, pot: round.pot.toString() });
    this._startRound(round.number + 1n);
    return round.pot.toString();
  }

  round() {
    return this._view(this._round());
  }

  keysOf(player) {
    return storage.mapGet('keys', `${this._round().number}.${player}`) ?? '0';
  }

  _startRound(number) {
    const now = BigInt(block.time);
    this._save({ number, sold: 0n, pot: 0n, lastBuyer: '', deadline: now + MAX_WINDOW_NS });
  }

  _round() {
    const r = JSON.parse(storage.get('current'));
    return { number: BigInt(r.number), sold: BigInt(r.sold), pot: BigInt(r.pot), lastBuyer: r.lastBuyer, deadline: BigInt(r.deadline) };
  }

  _save(round) {
    storage.put('current', JSON.stringify(this._view(round)));
  }

  _view(round) {
    return {
      number: round.number.toString(),
      sold: round.sold.toString(),
      pot: round.pot.toString(),
      lastBuyer: round.lastBuyer,
      deadline: round.deadline.toString(),
    };
  }
}

module.exports = Fomo3D;
