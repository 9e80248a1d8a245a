//! Read access to state by encoded key, and the merge of a layer of
//! buffered writes over the layer below it.

use std::collections::BTreeMap;
use std::ops::{Bound, ControlFlow};

use crate::key::prefix_end;
use crate::{StateError, Value};

/// Read access to state by encoded key (see [`StateKey::encode`](crate::StateKey::encode)).
///
/// [`StateDb`](crate::StateDb) implements it (the committed state plus the
/// writes of the transactions already executed in the block being built);
/// a [`Journal`](crate::Journal) reads through it.
pub trait StateView: Send + Sync {
    /// The value under `key`.
    ///
    /// # Errors
    /// The storage cannot be read.
    fn get(&self, key: &[u8]) -> Result<Option<Value>, StateError>;

    /// Calls `visit` with every pair whose key starts with `prefix`, in
    /// ascending key order, until it returns [`ControlFlow::Break`].
    ///
    /// # Errors
    /// The storage cannot be read.
    fn scan(&self, prefix: &[u8], visit: &mut Visitor<'_>) -> Result<(), StateError>;
}

/// What a scan calls with each pair, in key order; [`ControlFlow::Break`]
/// ends the scan (nothing further is read).
pub type Visitor<'a> = dyn FnMut(&[u8], &[u8]) -> ControlFlow<()> + 'a;

/// Buffered writes by key: `Some(value)` to store, `None` to delete.
pub(crate) type Writes = BTreeMap<Vec<u8>, Option<Value>>;

/// Scans `prefix` of `writes` laid over `below`: `visit` sees, in ascending
/// key order, each key's value in `writes` if it has one there (a deletion
/// hides the key), else its value below.
pub(crate) fn merge_scan(
    writes: &Writes,
    prefix: &[u8],
    below: impl FnOnce(&mut Visitor<'_>) -> Result<(), StateError>,
    visit: &mut Visitor<'_>,
) -> Result<(), StateError> {
    let end = prefix_end(prefix);
    let upper = end.as_deref().map_or(Bound::Unbounded, Bound::Excluded);
    let above = writes.range::<[u8], _>((Bound::Included(prefix), upper)).map(|(key, value)| (key.as_slice(), value));
    merge_ordered(above, below, visit)
}

/// As [`merge_scan`], with the writes above given as an iterator in
/// ascending key order, each key once, already limited to the prefix.
pub(crate) fn merge_ordered<'w>(
    above: impl Iterator<Item = (&'w [u8], &'w Option<Value>)>,
    below: impl FnOnce(&mut Visitor<'_>) -> Result<(), StateError>,
    visit: &mut Visitor<'_>,
) -> Result<(), StateError> {
    let mut above = above.peekable();
    let mut stopped = false;
    below(&mut |key, value| {
        while let Some((written, new)) = above.next_if(|(written, _)| *written < key) {
            if let Some(new) = new {
                if visit(written, new).is_break() {
                    stopped = true;
                    return ControlFlow::Break(());
                }
            }
        }
        let flow = match above.next_if(|(written, _)| *written == key) {
            Some((_, Some(new))) => visit(key, new),
            Some((_, None)) => ControlFlow::Continue(()),
            None => visit(key, value),
        };
        stopped = flow.is_break();
        flow
    })?;
    if stopped {
        return Ok(());
    }
    for (written, new) in above {
        if let Some(new) = new {
            if visit(written, new).is_break() {
                break;
            }
        }
    }
    Ok(())
}

/// Layers of writes merged lazily, in ascending key order: each key once,
/// with its value in the first layer that has it.
pub(crate) struct Layered<'w, I: Iterator<Item = (&'w [u8], &'w Option<Value>)>> {
    layers: Vec<std::iter::Peekable<I>>,
}

impl<'w, I: Iterator<Item = (&'w [u8], &'w Option<Value>)>> Layered<'w, I> {
    /// `layers`, the one whose values win first.
    pub(crate) fn new(layers: impl IntoIterator<Item = I>) -> Self {
        Layered { layers: layers.into_iter().map(Iterator::peekable).collect() }
    }
}

impl<'w, I: Iterator<Item = (&'w [u8], &'w Option<Value>)>> Iterator for Layered<'w, I> {
    type Item = (&'w [u8], &'w Option<Value>);

    fn next(&mut self) -> Option<Self::Item> {
        let key = self.layers.iter_mut().filter_map(|layer| layer.peek().map(|(key, _)| *key)).min()?;
        let mut found = None;
        for layer in &mut self.layers {
            if let Some(item) = layer.next_if(|(next, _)| *next == key) {
                found.get_or_insert(item);
            }
        }
        found
    }
}
