//! How much source V8 parses again to word a TypeError's message.
//!
//! When V8 throws "x is not a function", "Cannot read properties of null",
//! "x is not iterable" and the like, it parses the whole source of the
//! function whose frame threw, once per throw, to print the expression.
//! That work grows with the function's size and is not in any basic
//! block's cost, so the runtime charges it when contract code first sees
//! such an error (`gas::CAUGHT`), by the size of the function or class (a
//! field initializer runs as part of its class) around the throw.

use std::sync::OnceLock;

use oxc_allocator::Allocator;
use oxc_ast::ast::{ArrowFunctionExpression, Class, Function, PropertyDefinition, StaticBlock};
use oxc_ast_visit::{walk, Visit};
use oxc_parser::Parser;
use oxc_span::{GetSpan, SourceType, Span};
use oxc_syntax::scope::ScopeFlags;

/// The functions and classes of a bundle, as UTF-16 ranges (V8's
/// positions), sorted by start, each with the one around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReparseUnits {
    starts: Vec<u32>,
    ends: Vec<u32>,
    /// What V8 parses for a position in the unit: the unit itself, or for a
    /// class field's value or a static block, the whole class.
    sizes: Vec<u32>,
    /// Index of the enclosing unit, or `u32::MAX` at the top.
    parents: Vec<u32>,
    /// The bundle's length, for a position outside every unit.
    total: u32,
}

impl ReparseUnits {
    /// Reads `bundle` (the body of the bundle function). A bundle that does
    /// not parse has one unit: itself.
    pub fn of(bundle: &str) -> ReparseUnits {
        let total = utf16_len(bundle);
        let spans = crate::on_compiler_stack(|| {
            let allocator = Allocator::default();
            let parsed = Parser::new(&allocator, bundle, SourceType::cjs()).parse();
            let mut collect = Collect { spans: Vec::new(), open: Vec::new(), classes: Vec::new() };
            if !parsed.panicked {
                collect.visit_program(&parsed.program);
            }
            collect.spans
        });
        let mut offsets: Vec<u32> = spans
            .iter()
            .flat_map(|unit| [unit.span.start, unit.span.end, unit.parsed.start, unit.parsed.end])
            .collect();
        to_utf16(bundle, &mut offsets);
        let mut units =
            ReparseUnits { starts: Vec::new(), ends: Vec::new(), sizes: Vec::new(), parents: Vec::new(), total };
        for (unit, at) in spans.iter().zip(offsets.chunks_exact(4)) {
            units.starts.push(at[0]);
            units.ends.push(at[1]);
            units.sizes.push(at[3] - at[2]);
            units.parents.push(unit.parent);
        }
        units
    }

    /// What V8 parses again for a TypeError at `position` (UTF-16 units
    /// from the bundle's start): the innermost function holding it, or the
    /// whole class for a class field's value or a static block (they run as
    /// functions of the class); the bundle outside every function. A class's
    /// `extends` and computed keys run in the function around the class.
    pub fn size_at(&self, position: u32) -> u32 {
        let mut at = self.starts.partition_point(|&start| start <= position);
        // Walks out through the units that ended before `position`: at most
        // as many as functions nest (the compiler bounds that).
        while at > 0 {
            let unit = at - 1;
            if position < self.ends[unit] {
                return self.sizes[unit];
            }
            match self.parents[unit] {
                u32::MAX => break,
                parent => at = parent as usize + 1,
            }
        }
        self.total
    }
}

/// [`ReparseUnits`] of an artifact's bundle, worked out on first use and
/// kept with it. Never serialized; two caches always compare equal.
#[derive(Debug, Clone, Default)]
pub struct ReparseCache(OnceLock<ReparseUnits>);

impl ReparseCache {
    pub(crate) fn get(&self, bundle: &str) -> &ReparseUnits {
        self.0.get_or_init(|| ReparseUnits::of(bundle))
    }
}

impl PartialEq for ReparseCache {
    fn eq(&self, _: &ReparseCache) -> bool {
        true
    }
}

impl Eq for ReparseCache {}

struct Unit {
    /// Where it is.
    span: Span,
    /// What V8 parses for a position in it.
    parsed: Span,
    parent: u32,
}

struct Collect {
    spans: Vec<Unit>,
    open: Vec<u32>,
    /// The classes being visited, innermost last.
    classes: Vec<Span>,
}

impl Collect {
    fn unit(&mut self, span: Span, parsed: Span, walk: impl FnOnce(&mut Collect)) {
        let parent = self.open.last().copied().unwrap_or(u32::MAX);
        self.open.push(self.spans.len() as u32);
        self.spans.push(Unit { span, parsed, parent });
        walk(self);
        self.open.pop();
    }
}

impl<'a> Visit<'a> for Collect {
    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        self.unit(it.span, it.span, |c| walk::walk_function(c, it, flags));
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        self.unit(it.span, it.span, |c| walk::walk_arrow_function_expression(c, it));
    }

    fn visit_class(&mut self, it: &Class<'a>) {
        self.classes.push(it.span);
        walk::walk_class(self, it);
        self.classes.pop();
    }

    fn visit_property_definition(&mut self, it: &PropertyDefinition<'a>) {
        if it.computed {
            self.visit_property_key(&it.key);
        }
        if let (Some(value), Some(class)) = (&it.value, self.classes.last().copied()) {
            self.unit(value.span(), class, |c| c.visit_expression(value));
        }
    }

    fn visit_static_block(&mut self, it: &StaticBlock<'a>) {
        let class = self.classes.last().copied().unwrap_or(it.span);
        self.unit(it.span, class, |c| walk::walk_static_block(c, it));
    }
}

fn utf16_len(text: &str) -> u32 {
    u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX)
}

/// Turns byte offsets into `text` into UTF-16 offsets, in place.
fn to_utf16(text: &str, offsets: &mut [u32]) {
    if text.is_ascii() {
        return;
    }
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let (mut byte, mut unit) = (0usize, 0u32);
    let mut chars = text.char_indices().peekable();
    for i in order {
        let target = offsets[i] as usize;
        while byte < target {
            match chars.next() {
                Some((_, c)) => {
                    byte += c.len_utf8();
                    unit += c.len_utf16() as u32;
                }
                None => break,
            }
        }
        offsets[i] = unit;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_innermost_function_holds_a_position_and_a_field_value_its_class() {
        let bundle =
            "return {a: function () { const f = (x) => x.y; class C extends D.e { [k.l]; z = q.r; m() { null.q } } }};";
        let units = ReparseUnits::of(bundle);
        let at = |needle: &str| bundle.find(needle).unwrap() as u32;
        let span = |from: &str, to: &str| at(to) + to.len() as u32 - at(from);
        let function = bundle.len() as u32 - 2 - at("function");
        assert_eq!(units.size_at(at("x.y")), span("(x) =>", "x.y"));
        assert_eq!(units.size_at(at("null.q")), span("() { null", "null.q }"));
        assert_eq!(units.size_at(at("q.r")), span("class C", "} }"));
        // `extends` and computed keys run in the function around the class.
        assert_eq!(units.size_at(at("D.e")), function);
        assert_eq!(units.size_at(at("k.l")), function);
        assert_eq!(units.size_at(at("const f")), function);
        assert_eq!(units.size_at(0), bundle.len() as u32);
        assert_eq!(units.size_at(bundle.len() as u32 - 1), bundle.len() as u32);
    }

    #[test]
    fn positions_count_utf16_units() {
        let bundle = "return {'é': function () { '😀'; null.q }};";
        let units = ReparseUnits::of(bundle);
        let function: String = "function () { '😀'; null.q }".into();
        let start = bundle[..bundle.find("function").unwrap()].encode_utf16().count() as u32;
        assert_eq!(units.size_at(start + 20), function.encode_utf16().count() as u32);
    }
}
