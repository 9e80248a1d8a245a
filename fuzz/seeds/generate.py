#!/usr/bin/env python3
"""Writes the seeds that hold signed transactions: tx_decode/*.bin (the
canonical encoding, crates/chain/src/tx.rs) and the rpc_request bodies that
carry one in hex. The keys are the dev chain's well-known keys
(Genesis::dev_key: the secret is SHA3-256 of "v8vm dev <name>"), the times
the dev genesis time plus a little, so the transactions are valid for
chain 1024 at that time (crates/chain/tests checks it). Needs Python's
`cryptography` package. Run from anywhere; it rewrites the files in place."""

import hashlib
import json
import os
import struct

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed, decode_dss_signature

HERE = os.path.dirname(os.path.abspath(__file__))
DEV_GENESIS_TIME = 1_767_225_600_000_000_000
SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141


def put_bytes(data):
    return struct.pack(">I", len(data)) + data


def put_text(text):
    return put_bytes(text.encode())


def encode_unsigned(tx):
    out = struct.pack(">Iqqqq", tx["chain_id"], tx["time"], tx["expiration"], tx["gas_limit"], tx["gas_price"])
    out += put_text(tx["publisher"])
    out += struct.pack(">I", len(tx["actions"]))
    for contract, method, args in tx["actions"]:
        out += put_text(contract) + put_text(method) + put_text(args)
    out += struct.pack(">I", len(tx["amount_limit"]))
    for token, val in tx["amount_limit"]:
        out += put_text(token) + put_text(val)
    out += struct.pack(">I", len(tx["signers"]))
    for signer in tx["signers"]:
        out += put_text(signer)
    return out


def sign(algorithm, name, digest):
    """(algorithm tag, public key, signature) of dev account `name`'s key."""
    secret = hashlib.sha3_256(f"v8vm dev {name}".encode()).digest()
    if algorithm == "ed25519":
        key = ed25519.Ed25519PrivateKey.from_private_bytes(secret)
        public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return 0, public, key.sign(digest)
    key = ec.derive_private_key(int.from_bytes(secret, "big"), ec.SECP256K1())
    public = key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint)
    r, s = decode_dss_signature(key.sign(digest, ec.ECDSA(Prehashed(hashes.SHA256()))))
    s = min(s, SECP256K1_ORDER - s)  # low S, as k256 verifies
    return 1, public, r.to_bytes(32, "big") + s.to_bytes(32, "big")


def encode(tx, signatures):
    unsigned = encode_unsigned(tx)
    digest = hashlib.sha3_256(unsigned).digest()
    out = unsigned + struct.pack(">I", len(signatures))
    for algorithm, name in signatures:
        tag, public, signature = sign(algorithm, name, digest)
        out += bytes([tag]) + put_bytes(public) + put_bytes(signature)
    return out


def tx(publisher, actions, amount_limit=(("*", "unlimited"),), signers=()):
    time = DEV_GENESIS_TIME + 10_000_000_000
    return {
        "chain_id": 1024, "time": time, "expiration": time + 60_000_000_000, "gas_limit": 100_000,
        "gas_price": 1, "publisher": publisher, "actions": list(actions),
        "amount_limit": list(amount_limit), "signers": list(signers),
    }


def write(path, data):
    with open(os.path.join(HERE, path), "wb") as f:
        f.write(data)


transfer = encode(tx("alice", [("token.iost", "transfer", '["iost","alice","bob","12.5","rent"]')]),
                  [("ed25519", "alice")])
two = encode(tx("bob", [("token.iost", "transfer", '["iost","bob","carol","1",""]'),
                        ("token.iost", "balanceOf", '["iost","bob"]')],
                amount_limit=[("iost", "1.5")], signers=["carol@active"]),
             [("ed25519", "bob"), ("ed25519", "carol")])
secp = encode(tx("carol", [("token.iost", "transfer", '["iost","carol","alice","0.00000001",""]')]),
              [("secp256k1", "carol")])
unsigned = encode(tx("admin", [("system.iost", "setCode", '["hello.js","class H { init() {} }\\nmodule.exports = H;"]')]), [])

write("tx_decode/transfer-ed25519.bin", transfer)
write("tx_decode/two-actions-two-signers.bin", two)
write("tx_decode/secp256k1.bin", secp)
write("tx_decode/unsigned-deploy.bin", unsigned)

for name, method, raw in [("sendTx", "sendTx", transfer), ("estimateGas", "estimateGas", unsigned)]:
    body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": {"raw": raw.hex()}}
    write(f"rpc_request/{name}.json", json.dumps(body, separators=(",", ":")).encode())
