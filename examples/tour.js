// Every global a contract sees, each used once (numbers included): a tour of the API
// (docs/contract-api.md). `tour()` returns what each one gave.
const storage = require('storage');
const blockchain = require('blockchain');

class Tour {
  init() {
    storage.put('visits', '0');
  }

  tour(name) {
    const visits = Number(storage.get('visits')) + 1;
    storage.put('visits', String(visits));
    storage.mapPut('visitors', name, String(visits));
    console.log('visit #%d by %s', visits, name);
    blockchain.receipt({ visitor: name, visits });
    blockchain.event({ topic: 'visit', visitor: name });
    let circular = null;
    try {
      const loop = {};
      loop.self = loop;
      JSON.stringify(loop);
    } catch (e) {
      circular = e.name;
    }
    return {
      visits,
      visitors: storage.mapKeys('visitors'),
      block: block.number,
      publisher: tx.publisher,
      caller: blockchain.caller().name,
      contract: blockchain.contractName(),
      signed: blockchain.requireAuth(name, 'active'),
      sha3: IOSTCrypto.sha3Hex('68656c6c6f20776f726c64'),
      bigNumber: new BigNumber(8e-11).plus(2.9e-15),
      int64: new Int64('9007199254740993').plus(1).toString(),
      float64: new Float64('12345.6789').div(12).toString(),
      circular,
    };
  }
}

module.exports = Tour;
