//! `IOSTCrypto`: hashes and signature checks.

use ed25519_dalek::{Signer as _, SigningKey as Ed25519Key};
use k256::ecdsa::signature::hazmat::PrehashSigner as _;
use k256::ecdsa::{Signature as EcdsaSignature, SigningKey as Secp256k1Key};
use sha3::{Digest, Sha3_256};
use v8vm_runtime::Status;

use crate::tester::Chain;

const CONTRACT: &str = "class C {\n  init() {}\n\
    sha3(t) { return IOSTCrypto.sha3(t); }\n\
    sha3Hex(h) { return IOSTCrypto.sha3Hex(h); }\n\
    ripemd(h) { return IOSTCrypto.ripemd160Hex(h); }\n\
    verify(a, m, s, k) { return IOSTCrypto.verify(a, m, s, k); }\n}\nmodule.exports = C;";

fn chain() -> Chain {
    let mut chain = Chain::new();
    assert!(chain.deploy_source("c", "c.js", CONTRACT, None).is_success());
    chain
}

fn b58(bytes: &[u8]) -> String {
    bs58::encode(bytes).into_string()
}

fn args(values: &[&str]) -> String {
    serde_json::to_string(values).unwrap()
}

#[test]
fn hashes_match_the_vectors() {
    let mut chain = chain();
    let hello = hex::encode("hello world");
    let expected = "644bcc7e564373040999aac89e7622f3ca71fba1d972fd94a31c3bfbf24e3938";
    assert_eq!(chain.ok("c", "sha3Hex", &args(&[&hello])), expected);
    assert_eq!(chain.ok("c", "sha3", &args(&["hello world"])), b58(&hex::decode(expected).unwrap()));
    assert_eq!(
        chain.ok("c", "ripemd", &args(&["823b54d3aabaf8e3122800ca5238afb2ccef071ce83b8d5654a597a5dd06347e"])),
        "3dbb2167cbfc2186343356125fff4163e6ebcce7"
    );
    assert_eq!(chain.ok("c", "sha3Hex", &args(&["not hex"])), "", "invalid hex gives an empty string");
    assert_eq!(chain.ok("c", "ripemd", &args(&["abc"])), "");
    // Charged by size.
    let small = chain.call("c", "sha3", &args(&["x"])).gas_used;
    let large = chain.call("c", "sha3", &args(&[&"x".repeat(20_000)])).gas_used;
    assert!(large > small + 2000, "{small} vs {large}");
}

#[test]
fn ed25519_signatures_verify_and_changed_messages_do_not() {
    let mut chain = chain();
    let key = Ed25519Key::from_bytes(&[7; 32]);
    let message = b"transfer 10 to bob";
    let signature = key.sign(message);
    let public = b58(key.verifying_key().as_bytes());
    let good = args(&["ed25519", &b58(message), &b58(&signature.to_bytes()), &public]);
    assert_eq!(chain.ok("c", "verify", &good), "1");
    let changed = args(&["ed25519", &b58(b"transfer 99 to bob"), &b58(&signature.to_bytes()), &public]);
    assert_eq!(chain.ok("c", "verify", &changed), "0");
    let garbage = args(&["ed25519", "0OIl", &b58(&signature.to_bytes()), &public]);
    assert_eq!(chain.ok("c", "verify", &garbage), "0", "not base58");
}

#[test]
fn secp256k1_signatures_over_a_digest_verify() {
    let mut chain = chain();
    let key = Secp256k1Key::from_bytes(&[9u8; 32].into()).unwrap();
    let digest = Sha3_256::digest(b"transfer 10 to bob");
    let signature: EcdsaSignature = key.sign_prehash(&digest).unwrap();
    let public = b58(key.verifying_key().to_encoded_point(true).as_bytes());
    let good = args(&["secp256k1", &b58(&digest), &b58(&signature.to_bytes()), &public]);
    assert_eq!(chain.ok("c", "verify", &good), "1");
    let other = Sha3_256::digest(b"transfer 99 to bob");
    let changed = args(&["secp256k1", &b58(&other), &b58(&signature.to_bytes()), &public]);
    assert_eq!(chain.ok("c", "verify", &changed), "0");
    let wrong_key = args(&["ed25519", &b58(&digest), &b58(&signature.to_bytes()), &public]);
    assert_eq!(chain.ok("c", "verify", &wrong_key), "0", "a secp256k1 key is not an ed25519 key");
    let receipt = chain.call("c", "verify", &args(&["rsa", "a", "b", "c"]));
    assert_eq!(receipt.status, Status::RuntimeError);
    assert!(
        receipt
            .message
            .starts_with("Error: IOSTCrypto.verify: unknown algorithm \"rsa\" (ed25519 or secp256k1) at c.js:"),
        "{}",
        receipt.message
    );
}
