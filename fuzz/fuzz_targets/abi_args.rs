//! An ABI and call arguments: the input split at its first NUL byte into
//! the ABI's JSON text and the arguments' JSON text (`[]` without one).
//! Parsing and checking must never panic; an ABI that parses serializes
//! and parses back to itself.

#![no_main]

use libfuzzer_sys::fuzz_target;
use v8vm_compiler::Abi;

fuzz_target!(|data: &[u8]| {
    let (abi_bytes, args_bytes) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &b"[]"[..]),
    };
    let (Ok(abi_text), Ok(args)) = (std::str::from_utf8(abi_bytes), std::str::from_utf8(args_bytes)) else {
        return;
    };

    // `Abi::parse` is serde plus the checks of names: it accepts a subset.
    let checked = Abi::parse(abi_text);
    let Ok(abi) = serde_json::from_str::<Abi>(abi_text) else {
        assert!(checked.is_err(), "Abi::parse accepted what serde refused");
        return;
    };
    if let Ok(checked) = &checked {
        assert_eq!(checked, &abi);
    }
    let json = serde_json::to_string(&abi).expect("an ABI serializes");
    assert_eq!(serde_json::from_str::<Abi>(&json).expect("a serialized ABI parses"), abi);

    // Parameter names, fewer or more than some methods' arguments.
    let names: Vec<String> = (0..data.len() % 5).map(|i| format!("p{i}")).collect();
    for method in &abi.abi {
        let _ = method.check_args(args, None);
        let _ = method.check_args(args, Some(&names));
    }
});
