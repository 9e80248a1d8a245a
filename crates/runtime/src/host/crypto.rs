//! `IOSTCrypto`: hashes and signature checks, in Rust (`crate::crypto`).

use v8vm_engine::{HostError, HostFn, JsValue};

use super::{op, string_arg, FrameCell};
use crate::crypto::{self, Algorithm};

pub(super) fn functions(frame: &FrameCell) -> Vec<(&'static str, HostFn)> {
    vec![
        (
            "crypto_sha3",
            op(frame, |_, args| {
                let digest = crypto::sha3(string_arg(args, 0, "text")?.as_bytes());
                Ok(JsValue::String(bs58::encode(digest).into_string()))
            }),
        ),
        (
            "crypto_sha3_hex",
            op(frame, |_, args| Ok(hex_digest(string_arg(args, 0, "hex")?, |b| crypto::sha3(b).to_vec()))),
        ),
        (
            "crypto_ripemd160_hex",
            op(frame, |_, args| Ok(hex_digest(string_arg(args, 0, "hex")?, |b| crypto::ripemd160(b).to_vec()))),
        ),
        ("crypto_verify", op(frame, |_, args| verify(args))),
    ]
}

/// The hex digest of the bytes `hex` encodes; `""` if it is not hex.
fn hex_digest(hex: &str, digest: fn(&[u8]) -> Vec<u8>) -> JsValue {
    JsValue::String(hex::decode(hex).map(|bytes| hex::encode(digest(&bytes))).unwrap_or_default())
}

/// Longest base58 message `verify` decodes (js/sandbox.js `MAX_VERIFY_MESSAGE`).
const MAX_MESSAGE: usize = 1024;
/// Longest base58 signature or public key (`MAX_VERIFY_KEY`).
const MAX_KEY: usize = 128;

/// `verify(algo, message, signature, publicKey)`, each but `algo` in base58:
/// `1` if the signature is valid, `0` if not or if an input does not decode.
fn verify(args: &[JsValue]) -> Result<JsValue, HostError> {
    let name = string_arg(args, 0, "algo")?;
    let Some(algorithm) = Algorithm::from_name(name) else {
        return Err(HostError::error(format!("IOSTCrypto.verify: unknown algorithm {name:?} (ed25519 or secp256k1)")));
    };
    // The class libraries refuse longer inputs (decoding base58 takes
    // quadratic time); checked here too.
    let decode = |i: usize, what: &str, max: usize| -> Result<Option<Vec<u8>>, HostError> {
        let text = string_arg(args, i, what)?;
        if text.len() > max {
            return Err(HostError::range_error(format!("IOSTCrypto.verify: {what} is over {max} characters")));
        }
        Ok(bs58::decode(text).into_vec().ok())
    };
    let decoded =
        (decode(1, "message", MAX_MESSAGE)?, decode(2, "signature", MAX_KEY)?, decode(3, "publicKey", MAX_KEY)?);
    let valid = match decoded {
        (Some(message), Some(signature), Some(key)) => crypto::verify(algorithm, &message, &signature, &key),
        _ => false,
    };
    Ok(JsValue::Number(if valid { 1.0 } else { 0.0 }))
}
