//! QuickJS (rquickjs) running the token example's `transfer` as plain
//! JavaScript, its storage, authority, receipts and events behind Rust host
//! functions, as v8vm's are.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use rquickjs::{Context, Function, Runtime};

/// `examples/token.js`'s transfer (and the helpers it calls), written over
/// the host functions instead of `storage`/`blockchain`.
const TRANSFER: &str = r#"
function amountOf(amount) {
  if (!/^[0-9]{1,30}$/.test(amount) || BigInt(amount) === 0n) {
    throw new Error(`invalid amount "${amount}": use a positive whole number`);
  }
  return BigInt(amount);
}
function balance(who) {
  return BigInt(map_get('balances', who) ?? '0');
}
function setBalance(who, value) {
  if (value === 0n) map_del('balances', who);
  else map_put('balances', who, value.toString());
}
function transfer(from, to, amount) {
  if (!require_auth(from, 'active')) {
    throw new Error(`transfer: ${from} did not sign this transaction`);
  }
  const value = amountOf(amount);
  const available = balance(from);
  if (available < value) {
    throw new Error(`insufficient balance: ${from} has ${available}, needs ${value}`);
  }
  setBalance(from, available - value);
  setBalance(to, balance(to) + value);
  receipt(JSON.stringify({ from, to, amount: value.toString() }));
  emit(JSON.stringify({ topic: 'transfer', from, to, amount: value.toString() }));
}
"#;

/// What the host functions work on: a map per storage key, the signer, and
/// the output.
#[derive(Debug, Default)]
struct Host {
    maps: HashMap<String, HashMap<String, String>>,
    signer: String,
    receipts: Vec<String>,
    events: Vec<String>,
}

/// A QuickJS context with the transfer loaded and `admin` holding a supply.
#[allow(missing_debug_implementations, reason = "QuickJS handles have no Debug")]
pub struct QuickJsToken {
    _runtime: Runtime,
    context: Context,
    host: Rc<RefCell<Host>>,
}

impl QuickJsToken {
    /// The token with `supply` held by `admin`, who signs every transfer.
    ///
    /// # Errors
    /// QuickJS failed to start or to load the script.
    pub fn new(supply: u64) -> anyhow::Result<QuickJsToken> {
        let runtime = Runtime::new()?;
        let context = Context::full(&runtime)?;
        let host = Rc::new(RefCell::new(Host { signer: "admin".into(), ..Host::default() }));
        host.borrow_mut().maps.entry("balances".into()).or_default().insert("admin".into(), supply.to_string());
        context.with(|ctx| -> rquickjs::Result<()> {
            let globals = ctx.globals();
            let h = Rc::clone(&host);
            globals.set(
                "map_get",
                Function::new(ctx.clone(), move |key: String, field: String| {
                    h.borrow().maps.get(&key).and_then(|map| map.get(&field)).cloned()
                })?,
            )?;
            let h = Rc::clone(&host);
            globals.set(
                "map_put",
                Function::new(ctx.clone(), move |key: String, field: String, value: String| {
                    h.borrow_mut().maps.entry(key).or_default().insert(field, value);
                })?,
            )?;
            let h = Rc::clone(&host);
            globals.set(
                "map_del",
                Function::new(ctx.clone(), move |key: String, field: String| {
                    if let Some(map) = h.borrow_mut().maps.get_mut(&key) {
                        map.remove(&field);
                    }
                })?,
            )?;
            let h = Rc::clone(&host);
            globals.set(
                "require_auth",
                Function::new(ctx.clone(), move |id: String, _permission: String| h.borrow().signer == id)?,
            )?;
            let h = Rc::clone(&host);
            globals
                .set("receipt", Function::new(ctx.clone(), move |text: String| h.borrow_mut().receipts.push(text))?)?;
            let h = Rc::clone(&host);
            globals.set("emit", Function::new(ctx.clone(), move |text: String| h.borrow_mut().events.push(text))?)?;
            ctx.eval::<(), _>(TRANSFER)
        })?;
        Ok(QuickJsToken { _runtime: runtime, context, host })
    }

    /// `transfer('admin', <one of a few recipients>, '1')`.
    ///
    /// # Errors
    /// The transfer threw.
    pub fn transfer(&mut self, i: usize) -> anyhow::Result<()> {
        let to = ["bob", "carol", "dave", "erin"][i % 4];
        self.context.with(|ctx| -> rquickjs::Result<()> {
            let transfer: Function = ctx.globals().get("transfer")?;
            transfer.call::<_, ()>(("admin", to, "1"))
        })?;
        // The receipt and event are the transaction's output: taken, as a
        // node would, so they do not pile up.
        let mut host = self.host.borrow_mut();
        host.receipts.clear();
        host.events.clear();
        Ok(())
    }

    /// A holder's balance.
    pub fn balance_of(&self, who: &str) -> Option<String> {
        self.host.borrow().maps.get("balances").and_then(|map| map.get(who)).cloned()
    }
}
