//! `IOSTCrypto`: hashes and signature checks, in Rust.

use ed25519_dalek::{Signature as Ed25519Signature, Verifier as _, VerifyingKey as Ed25519Key};
use k256::ecdsa::signature::hazmat::PrehashVerifier as _;
use k256::ecdsa::{Signature as EcdsaSignature, VerifyingKey as Secp256k1Key};
use ripemd::Ripemd160;
use sha3::{Digest, Sha3_256};
use v8vm_engine::{HostError, HostFn, JsValue};

use super::{op, string_arg, FrameCell};

pub(super) fn functions(frame: &FrameCell) -> Vec<(&'static str, HostFn)> {
    vec![
        (
            "crypto_sha3",
            op(frame, |_, args| {
                Ok(JsValue::String(bs58::encode(sha3(string_arg(args, 0, "text")?.as_bytes())).into_string()))
            }),
        ),
        ("crypto_sha3_hex", op(frame, |_, args| Ok(hex_digest(string_arg(args, 0, "hex")?, sha3)))),
        ("crypto_ripemd160_hex", op(frame, |_, args| Ok(hex_digest(string_arg(args, 0, "hex")?, ripemd160)))),
        ("crypto_verify", op(frame, |_, args| verify(args))),
    ]
}

fn sha3(bytes: &[u8]) -> Vec<u8> {
    Sha3_256::digest(bytes).to_vec()
}

fn ripemd160(bytes: &[u8]) -> Vec<u8> {
    Ripemd160::digest(bytes).to_vec()
}

/// The hex digest of the bytes `hex` encodes; `""` if it is not hex.
fn hex_digest(hex: &str, digest: fn(&[u8]) -> Vec<u8>) -> JsValue {
    JsValue::String(hex::decode(hex).map(|bytes| hex::encode(digest(&bytes))).unwrap_or_default())
}

/// `verify(algo, message, signature, publicKey)`, each but `algo` in base58:
/// `1` if the signature is valid, `0` if not or if an input does not decode.
/// `ed25519` signs the message itself; `secp256k1` (ECDSA, a 64-byte `r‖s`
/// signature, a SEC1 public key) signs a 32-byte digest, as IOST does.
fn verify(args: &[JsValue]) -> Result<JsValue, HostError> {
    let algo = string_arg(args, 0, "algo")?;
    let decode = |i: usize, name: &str| -> Result<Option<Vec<u8>>, HostError> {
        Ok(bs58::decode(string_arg(args, i, name)?).into_vec().ok())
    };
    let (message, signature, key) = (decode(1, "message")?, decode(2, "signature")?, decode(3, "publicKey")?);
    let valid = match (algo, message, signature, key) {
        (_, Some(message), Some(signature), Some(key)) if algo == "ed25519" => {
            let key = <[u8; 32]>::try_from(key.as_slice()).ok().and_then(|k| Ed25519Key::from_bytes(&k).ok());
            let signature = <[u8; 64]>::try_from(signature.as_slice()).ok().map(|s| Ed25519Signature::from_bytes(&s));
            matches!((key, signature), (Some(key), Some(signature)) if key.verify(&message, &signature).is_ok())
        }
        (_, Some(message), Some(signature), Some(key)) if algo == "secp256k1" => {
            let key = Secp256k1Key::from_sec1_bytes(&key).ok();
            let signature = signature.get(..64).and_then(|rs| EcdsaSignature::from_slice(rs).ok());
            message.len() == 32
                && matches!((key, signature), (Some(key), Some(signature)) if key.verify_prehash(&message, &signature).is_ok())
        }
        ("ed25519" | "secp256k1", ..) => false,
        (other, ..) => {
            return Err(HostError::error(format!(
                "IOSTCrypto.verify: unknown algorithm {other:?} (ed25519 or secp256k1)"
            )))
        }
    };
    Ok(JsValue::Number(if valid { 1.0 } else { 0.0 }))
}
