//! Contract ABIs: which methods are public, their argument types, and the
//! checking of call arguments against them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A contract's ABI, as in an `.abi` file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Abi {
    /// Always `javascript`.
    #[serde(default = "default_lang")]
    pub lang: String,
    /// The ABI's version.
    #[serde(default = "default_version")]
    pub version: String,
    /// The public methods.
    pub abi: Vec<AbiMethod>,
}

fn default_lang() -> String {
    "javascript".into()
}

fn default_version() -> String {
    "1.0.0".into()
}

/// One public method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbiMethod {
    /// Its name: 1-32 of `[A-Za-z0-9_]`, not starting with `_`, not `init`.
    pub name: String,
    /// The types of its arguments.
    pub args: Vec<ArgType>,
    /// The most of each token the method may move out of the caller's
    /// account (enforced once the native token exists).
    #[serde(default, rename = "amountLimit", skip_serializing_if = "Vec::is_empty")]
    pub amount_limit: Vec<AmountLimit>,
}

/// A limit on a token amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmountLimit {
    /// The token, or `*` for any.
    pub token: String,
    /// A decimal amount, or `unlimited`.
    pub val: String,
}

/// The type of one argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArgType {
    /// A JSON string.
    String,
    /// A JSON boolean.
    Bool,
    /// A JSON integer in the int64 range.
    Number,
    /// Any JSON value, passed parsed.
    Json,
}

impl ArgType {
    /// The type named in a JSDoc `@param {type}` (`boolean` and `bool` alike).
    pub fn from_jsdoc(name: &str) -> Option<ArgType> {
        match name {
            "string" => Some(ArgType::String),
            "bool" | "boolean" => Some(ArgType::Bool),
            "number" => Some(ArgType::Number),
            "json" => Some(ArgType::Json),
            _ => None,
        }
    }

    /// The type's name in ABI files.
    pub fn name(self) -> &'static str {
        match self {
            ArgType::String => "string",
            ArgType::Bool => "bool",
            ArgType::Number => "number",
            ArgType::Json => "json",
        }
    }

    fn accepts(self, value: &Value) -> bool {
        match self {
            ArgType::String => value.is_string(),
            ArgType::Bool => value.is_boolean(),
            ArgType::Number => value.is_i64(),
            ArgType::Json => true,
        }
    }
}

/// An ABI that is malformed or does not match the contract class.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct AbiError(pub String);

/// A method of the contract class, as the sandbox reflects it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassMethod {
    /// The method's name.
    pub name: String,
    /// `Function.length`: parameters before the first default or rest.
    pub length: usize,
    /// Parameter names, when they are plain identifiers.
    pub params: Option<Vec<String>>,
}

/// The methods of a contract class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassShape {
    /// Own and inherited methods, `constructor` excluded.
    pub methods: Vec<ClassMethod>,
}

impl ClassShape {
    /// The method called `name`.
    pub fn method(&self, name: &str) -> Option<&ClassMethod> {
        self.methods.iter().find(|m| m.name == name)
    }
}

impl Abi {
    /// Parses and checks an ABI file's text.
    ///
    /// # Errors
    /// Malformed JSON (with line and column), an unknown field or type, an
    /// invalid or duplicate method name.
    pub fn parse(text: &str) -> Result<Abi, AbiError> {
        let abi: Abi = serde_json::from_str(text).map_err(|e| AbiError(e.to_string()))?;
        if abi.lang != "javascript" {
            return Err(AbiError(format!("lang must be \"javascript\", got {:?}", abi.lang)));
        }
        let mut names = std::collections::BTreeSet::new();
        for method in &abi.abi {
            check_method_name(&method.name)?;
            if !names.insert(method.name.as_str()) {
                return Err(AbiError(format!("method '{}' is listed twice", method.name)));
            }
        }
        Ok(abi)
    }

    /// The ABI of a class without an ABI file: every method whose name is a
    /// valid public name, with the argument types of its JSDoc `@param`s
    /// (`jsdoc`, by method name) or else `string`. `can_update` is left out:
    /// it is the hook that decides upgrades, not an entry point.
    pub fn derive(class: &ClassShape, jsdoc: &BTreeMap<String, Vec<ArgType>>) -> Abi {
        let abi = class
            .methods
            .iter()
            .filter(|m| check_method_name(&m.name).is_ok() && m.name != "can_update")
            .map(|m| {
                let documented = jsdoc.get(&m.name).filter(|types| types.len() >= m.length);
                let args = documented.map_or_else(|| vec![ArgType::String; m.length], |t| t[..m.length].to_vec());
                AbiMethod { name: m.name.clone(), args, amount_limit: Vec::new() }
            })
            .collect();
        Abi { lang: default_lang(), version: default_version(), abi }
    }

    /// Checks that every ABI method exists in the class with as many
    /// parameters as the ABI lists arguments.
    ///
    /// # Errors
    /// The first mismatch, named.
    pub fn check_class(&self, class: &ClassShape) -> Result<(), AbiError> {
        for method in &self.abi {
            let Some(found) = class.method(&method.name) else {
                return Err(AbiError(format!(
                    "the ABI lists method '{}' but the class has no such method",
                    method.name
                )));
            };
            if found.length != method.args.len() {
                return Err(AbiError(format!(
                    "method '{}' takes {} parameter(s) in the class but {} in the ABI",
                    method.name,
                    found.length,
                    method.args.len()
                )));
            }
        }
        Ok(())
    }

    /// The public method called `name`.
    pub fn method(&self, name: &str) -> Option<&AbiMethod> {
        self.abi.iter().find(|m| m.name == name)
    }
}

fn check_method_name(name: &str) -> Result<(), AbiError> {
    let valid = (1..=32).contains(&name.len())
        && !name.starts_with('_')
        && name != "init"
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if valid {
        Ok(())
    } else {
        Err(AbiError(format!("invalid method name {name:?}: 1-32 of [A-Za-z0-9_], not starting with '_', not 'init'")))
    }
}

impl AbiMethod {
    /// Checks `args_json` (a JSON array) against this method's argument
    /// types. `params` names the arguments in messages when known. (The
    /// text passes on as it is: JavaScript's `JSON.parse` reads any valid
    /// JSON the same way this check does.)
    ///
    /// # Errors
    /// A message naming the first bad argument.
    pub fn check_args(&self, args_json: &str, params: Option<&[String]>) -> Result<(), String> {
        let value: Value = serde_json::from_str(args_json).map_err(|e| format!("arguments are not valid JSON: {e}"))?;
        let Value::Array(args) = value else {
            return Err(format!("arguments must be a JSON array, got {}", json_type(&value)));
        };
        let label = |i: usize| match params.and_then(|p| p.get(i)) {
            Some(name) => format!("argument {} ({name})", i + 1),
            None => format!("argument {}", i + 1),
        };
        if args.len() != self.args.len() {
            // Parameters past the ABI's count have defaults: not arguments.
            let names =
                params.map(|p| format!(" ({})", p[..p.len().min(self.args.len())].join(", "))).unwrap_or_default();
            return Err(format!("{} takes {} argument(s){names}, got {}", self.name, self.args.len(), args.len()));
        }
        for (i, (ty, arg)) in self.args.iter().zip(&args).enumerate() {
            if !ty.accepts(arg) {
                let detail = if *ty == ArgType::Number && arg.is_number() {
                    format!("{arg} is not an integer in the int64 range")
                } else {
                    format!("got {}", json_type(arg))
                };
                return Err(format!("{} of {}: expected {}, {detail}", label(i), self.name, ty.name()));
            }
        }
        Ok(())
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transfer() -> AbiMethod {
        let abi = Abi::parse(r#"{"abi":[{"name":"transfer","args":["string","number","bool","json"]}]}"#).unwrap();
        abi.abi[0].clone()
    }

    #[test]
    fn arguments_are_checked_by_type_and_named() {
        let m = transfer();
        let names: Vec<String> = ["to", "amount", "force", "memo"].map(String::from).to_vec();
        assert_eq!(m.check_args(r#"["bob", 5, true, {"a":1}]"#, None), Ok(()));
        assert_eq!(
            m.check_args(r#"["bob", "5", true, null]"#, Some(&names)).unwrap_err(),
            "argument 2 (amount) of transfer: expected number, got string"
        );
        assert_eq!(
            m.check_args(r#"["bob", 1.5, true, null]"#, None).unwrap_err(),
            "argument 2 of transfer: expected number, 1.5 is not an integer in the int64 range"
        );
        assert_eq!(
            m.check_args(r#"["bob", 9223372036854775808, true, null]"#, None).unwrap_err(),
            "argument 2 of transfer: expected number, 9223372036854775808 is not an integer in the int64 range"
        );
        assert_eq!(
            m.check_args(r#"["bob"]"#, Some(&names)).unwrap_err(),
            "transfer takes 4 argument(s) (to, amount, force, memo), got 1"
        );
        assert_eq!(m.check_args(r#"{"to":"bob"}"#, None).unwrap_err(), "arguments must be a JSON array, got object");
        assert_eq!(
            m.check_args("[1,", None).unwrap_err(),
            "arguments are not valid JSON: EOF while parsing a value at line 1 column 3"
        );
        let with_default: Vec<String> = ["to", "memo"].map(String::from).to_vec();
        let one = Abi::parse(r#"{"abi":[{"name":"pay","args":["string"]}]}"#).unwrap();
        assert_eq!(
            one.abi[0].check_args("[]", Some(&with_default)).unwrap_err(),
            "pay takes 1 argument(s) (to), got 0"
        );
    }

    #[test]
    fn abi_files_are_validated() {
        assert!(Abi::parse(r#"{"abi":[{"name":"_hidden","args":[]}]}"#).unwrap_err().0.contains("invalid method name"));
        assert!(Abi::parse(r#"{"abi":[{"name":"init","args":[]}]}"#).is_err());
        assert!(Abi::parse(r#"{"abi":[{"name":"a","args":["float"]}]}"#).unwrap_err().0.contains("unknown variant"));
        assert!(Abi::parse(r#"{"abi":[{"name":"a","args":[]},{"name":"a","args":[]}]}"#)
            .unwrap_err()
            .0
            .contains("listed twice"));
        assert_eq!(Abi::parse("{\n\"abi\": [,]}").unwrap_err().0, "expected value at line 2 column 9");
    }

    #[test]
    fn derived_abi_skips_private_and_init_and_checks_class() {
        let class: ClassShape = serde_json::from_str(
            r#"{"methods":[{"name":"init","length":0,"params":[]},{"name":"_x","length":1,"params":["a"]},
                {"name":"can_update","length":1,"params":["data"]},
                {"name":"pay","length":2,"params":["to","amount"]}]}"#,
        )
        .unwrap();
        let abi = Abi::derive(&class, &BTreeMap::new());
        assert_eq!(abi.abi.len(), 1);
        assert_eq!(abi.abi[0].args, [ArgType::String, ArgType::String]);
        let jsdoc = BTreeMap::from([("pay".to_string(), vec![ArgType::String, ArgType::Number])]);
        assert_eq!(Abi::derive(&class, &jsdoc).abi[0].args, [ArgType::String, ArgType::Number]);
        abi.check_class(&class).unwrap();
        let wrong = Abi::parse(r#"{"abi":[{"name":"pay","args":["string"]}]}"#).unwrap();
        assert_eq!(
            wrong.check_class(&class).unwrap_err().0,
            "method 'pay' takes 2 parameter(s) in the class but 1 in the ABI"
        );
    }
}
