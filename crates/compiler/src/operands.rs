//! What the compiler can tell of an operator's operands from their source,
//! enough to leave the operator to V8 when the library's helper could not
//! matter. Each answer is "surely" or "don't know"; "don't know" routes the
//! operator through the library, which is always safe. Each question looks
//! at most `NUMERIC_LOOKUP_NODES` nodes deep.

use oxc_ast::ast::*;
use oxc_ast::AstKind;
use oxc_semantic::Semantic;
use oxc_syntax::symbol::SymbolId;

/// Whether `expression` always yields a number or a BigInt, so that `+` on
/// two of them cannot build a string. Looks at most `NUMERIC_LOOKUP_NODES`
/// nodes deep into it: every `+` asks this of both sides, and a long chain
/// would be walked again at each of its `+` (quadratic). Past that, the
/// answer is no, which is always safe (the `+` goes through the library).
pub(crate) fn is_numeric(expression: &Expression<'_>) -> bool {
    let mut budget = NUMERIC_LOOKUP_NODES;
    is_numeric_within(expression, &mut budget)
}

/// Nodes `is_numeric` and `never_bigint` look at, at most, for one side of
/// an operator.
const NUMERIC_LOOKUP_NODES: u32 = 64;

/// Takes one node from `budget`; false once it is spent.
fn spend(budget: &mut u32) -> bool {
    let left = *budget > 0;
    *budget = budget.saturating_sub(1);
    left
}

fn is_numeric_within(expression: &Expression<'_>, budget: &mut u32) -> bool {
    if !spend(budget) {
        return false;
    }
    match expression {
        Expression::NumericLiteral(_) | Expression::BigIntLiteral(_) | Expression::UpdateExpression(_) => true,
        Expression::ParenthesizedExpression(inner) => is_numeric_within(&inner.expression, budget),
        Expression::UnaryExpression(unary) => matches!(
            unary.operator,
            UnaryOperator::UnaryNegation | UnaryOperator::UnaryPlus | UnaryOperator::BitwiseNot
        ),
        Expression::BinaryExpression(binary) => match binary.operator {
            BinaryOperator::Addition => {
                is_numeric_within(&binary.left, budget) && is_numeric_within(&binary.right, budget)
            }
            operator => operator.is_arithmetic() || operator.is_bitwise(),
        },
        _ => false,
    }
}

/// Whether `expression` never yields a BigInt (a number, a string, a
/// boolean, or a throw), so that an arithmetic operator with it on one side
/// either works on numbers or throws: a number or string literal, unary `+`
/// or `!`, `typeof`, `>>>`, a comparison, or an arithmetic or bitwise
/// operator with such a side (mixing a BigInt with anything else throws).
/// Looks at most `NUMERIC_LOOKUP_NODES` nodes deep, like `is_numeric`.
pub(crate) fn never_bigint(expression: &Expression<'_>) -> bool {
    let mut budget = NUMERIC_LOOKUP_NODES;
    never_bigint_within(expression, &mut budget)
}

fn never_bigint_within(expression: &Expression<'_>, budget: &mut u32) -> bool {
    if !spend(budget) {
        return false;
    }
    match expression {
        Expression::NumericLiteral(_) | Expression::StringLiteral(_) | Expression::TemplateLiteral(_) => true,
        Expression::ParenthesizedExpression(inner) => never_bigint_within(&inner.expression, budget),
        Expression::UnaryExpression(unary) => matches!(
            unary.operator,
            UnaryOperator::UnaryPlus | UnaryOperator::LogicalNot | UnaryOperator::Typeof | UnaryOperator::Void
        ),
        Expression::BinaryExpression(binary) => match binary.operator {
            BinaryOperator::ShiftRightZeroFill => true,
            operator if operator.is_arithmetic() || operator.is_bitwise() => {
                never_bigint_within(&binary.left, budget) || never_bigint_within(&binary.right, budget)
            }
            // Comparisons, `in`, `instanceof`: booleans.
            _ => true,
        },
        _ => false,
    }
}

/// String literals at most this long may meet a BigInt in a comparison
/// left to V8: it parses them in well under a microsecond.
const SHORT_STRING: usize = 64;

/// Whether comparing `left` with `right` (`<`, `<=`, `>`, `>=`, `==`, `!=`)
/// surely never makes V8 parse a string into a BigInt. That happens only
/// when one side is a BigInt and the other a string (or an object that
/// becomes one), takes time superlinear in the string's length (~350 ms for
/// 2 MiB of digits, which nothing interrupts), and is charged nothing by
/// V8: such comparisons go through the library, which charges the parse
/// first. Enough to leave one to V8: either side a plain value (a number, a
/// boolean, `null`, `undefined`, a short string literal), or neither side a
/// BigInt.
pub(crate) fn compares_without_parsing(semantic: &Semantic<'_>, left: &Expression<'_>, right: &Expression<'_>) -> bool {
    let plain = |side| Operands { semantic, budget: NUMERIC_LOOKUP_NODES, assumed: Vec::new() }.is_plain(side);
    plain(left) || plain(right) || (never_bigint(left) && never_bigint(right))
}

/// Whether `left === right` (or `!==`) surely takes bounded time. V8
/// compares two strings of one length character by character, with no
/// interrupt and no gas (two distinct 2 MiB copies: ~0.7 ms a comparison,
/// red team round 26): such comparisons go through the library, which
/// charges by length. Enough to leave one to V8: a side that is plain (a
/// short string bounds the comparison; a number, a boolean or `null` is
/// compared in one step) or surely no string.
pub(crate) fn equals_in_bounded_time(semantic: &Semantic<'_>, left: &Expression<'_>, right: &Expression<'_>) -> bool {
    let mut operands = Operands { semantic, budget: NUMERIC_LOOKUP_NODES, assumed: Vec::new() };
    operands.is_plain(left) || operands.is_plain(right) || operands.never_string(left) || operands.never_string(right)
}

/// Whether an operator that reads its operands as numbers (`-`, `*`, unary
/// `+`, ...) surely meets no long string: V8 reads a string as a number by
/// scanning all of it, each time, uninterrupted and uncharged (2 MiB of
/// digits: ~3 ms, red team round 26). True when every operand is surely no
/// string or a short one (a short string literal, `typeof x`).
pub(crate) fn reads_no_long_string(semantic: &Semantic<'_>, operands: &[&Expression<'_>]) -> bool {
    let mut lookup = Operands { semantic, budget: NUMERIC_LOOKUP_NODES, assumed: Vec::new() };
    operands.iter().all(|operand| is_short_string(operand) || lookup.never_string(operand))
}

/// Whether a comparison that converts its operands (`<`, `<=`, `>`, `>=`,
/// `==`, `!=`) surely takes bounded time reading strings: as for
/// [`reads_no_long_string`], or one side is a short string (a string on the
/// other side is compared no further than its length; anything else turns
/// into something compared with it in bounded time), or for `==` and `!=`
/// (`loose`), `null` or `undefined` (compared with no conversion).
pub(crate) fn compares_strings_in_bounded_time(
    semantic: &Semantic<'_>,
    left: &Expression<'_>,
    right: &Expression<'_>,
    loose: bool,
) -> bool {
    let bounding = |side: &Expression<'_>| is_short_string(side) || (loose && is_null_or_undefined(semantic, side));
    bounding(left) || bounding(right) || reads_no_long_string(semantic, &[left, right])
}

/// String literals at most this long, if V8 computes them exactly, it reads
/// as numbers in bounded time: a decimal of more than 15 significant digits
/// close to a rounding tie takes big-number arithmetic (64 characters:
/// ~480 ns, red team round 44), and so may an exponent (`'4527e-307'`:
/// ~400 ns, round 45; `'.7992e-22'`, which its point makes e-26: round 46).
const SHORT_NUMBER_TEXT: usize = 15;

/// Whether the decimal `text` begins with (after anything that is not a
/// digit or a point) may be one V8 cannot settle with a few doubles: its
/// digits d times 10^e (e the exponent written, less the digits after the
/// point) past -22 <= e and e + d <= 37. The library's `inexactDecimal` is
/// the same test.
fn inexact_decimal(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = bytes.iter().position(|&c| c.is_ascii_digit() || c == b'.').unwrap_or(bytes.len());
    let (mut digits, mut fraction, mut point) = (0i64, 0i64, false);
    while let Some(&c) = bytes.get(i) {
        match c {
            b'0'..=b'9' => {
                digits += 1;
                fraction += i64::from(point);
            }
            b'.' if !point => point = true,
            _ => break,
        }
        i += 1;
    }
    let mut exponent = 0i64;
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        let sign = bytes.get(i).copied();
        if matches!(sign, Some(b'+' | b'-')) {
            i += 1;
        }
        while let Some(&c) = bytes.get(i).filter(|c| c.is_ascii_digit()) {
            if exponent >= 1000 {
                break;
            }
            exponent = exponent * 10 + i64::from(c - b'0');
            i += 1;
        }
        if sign == Some(b'-') {
            exponent = -exponent;
        }
    }
    let scale = exponent - fraction;
    scale < -22 || scale + digits > 37
}

/// A string literal V8 reads as a number quickly, or `typeof x`.
fn is_short_string(expression: &Expression<'_>) -> bool {
    match expression {
        Expression::StringLiteral(text) => text.value.len() <= SHORT_NUMBER_TEXT && !inexact_decimal(&text.value),
        Expression::ParenthesizedExpression(inner) => is_short_string(&inner.expression),
        Expression::UnaryExpression(unary) => unary.operator == UnaryOperator::Typeof,
        _ => false,
    }
}

/// `null`, `void x`, or the global `undefined` (read-only; not a variable
/// of that name).
fn is_null_or_undefined(semantic: &Semantic<'_>, expression: &Expression<'_>) -> bool {
    match expression {
        Expression::NullLiteral(_) => true,
        Expression::ParenthesizedExpression(inner) => is_null_or_undefined(semantic, &inner.expression),
        Expression::UnaryExpression(unary) => unary.operator == UnaryOperator::Void,
        Expression::Identifier(name) => {
            name.name == "undefined"
                && name.reference_id.get().is_some_and(|id| semantic.scoping().get_reference(id).symbol_id().is_none())
        }
        _ => false,
    }
}

/// Whether V8 surely turns `key` into a property key (`o[key]`, `key in o`)
/// in bounded time, with no text it has not seen before: a short string
/// literal, a boolean, `null`, a type's name, or a number that is surely an
/// array index (`is_index`). Anything else may be a BigInt (formatted in
/// decimal, quadratic in its digits), an object (converted by its own
/// code), a string (looked up in V8's string table, hashed and compared
/// with the keys it meets) or a number that V8 writes as text (`o[-1]`,
/// `o[i * 1.5]`): the library converts, checks and charges it.
pub(crate) fn key_is_plain(semantic: &Semantic<'_>, key: &Expression<'_>) -> bool {
    Operands { semantic, budget: NUMERIC_LOOKUP_NODES, assumed: Vec::new() }.is_plain_key(key)
}

/// The largest literal an index expression may hold (`is_index`): with a
/// counter's steps (each at least a gas, at most `MAX_GAS_LIMIT` of them in
/// a transaction) and up to `NUMERIC_LOOKUP_NODES` additions of
/// `MAX_INDEX_STEP`, still under 2^32 - 1.
const MAX_INDEX_LITERAL: f64 = 1_073_741_824.0;
const MAX_INDEX_STEP: f64 = 65_536.0;

/// Whether `name` is a variable that only ever holds numbers (see
/// `Operands::holds_numbers`): `name++` then never reads a string.
pub(crate) fn holds_numbers(semantic: &Semantic<'_>, name: &IdentifierReference<'_>) -> bool {
    Operands { semantic, budget: NUMERIC_LOOKUP_NODES, assumed: Vec::new() }.holds(name, Holds::Numbers)
}

/// One question about an operand: the nodes left to look at, and the
/// variables assumed to hold numbers (or indices) while their writes are
/// checked.
struct Operands<'s, 'a> {
    semantic: &'s Semantic<'a>,
    budget: u32,
    assumed: Vec<(SymbolId, Holds)>,
}

/// What a variable is asked to hold (`Operands::holds`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Holds {
    Numbers,
    Indices,
}

impl Operands<'_, '_> {
    fn is_plain(&mut self, expression: &Expression<'_>) -> bool {
        self.is_plain_as(expression, Self::is_number)
    }

    fn is_plain_key(&mut self, key: &Expression<'_>) -> bool {
        self.is_plain_as(key, Self::is_key_index)
    }

    /// A short string literal, a boolean, `null`, `undefined`, a type's
    /// name, or a number that `number` accepts.
    fn is_plain_as(&mut self, expression: &Expression<'_>, number: fn(&mut Self, &Expression<'_>) -> bool) -> bool {
        if !spend(&mut self.budget) {
            return false;
        }
        match expression {
            Expression::BooleanLiteral(_) | Expression::NullLiteral(_) => true,
            Expression::StringLiteral(text) => text.value.len() <= SHORT_STRING,
            Expression::ParenthesizedExpression(inner) => self.is_plain_as(&inner.expression, number),
            Expression::UnaryExpression(unary) => match unary.operator {
                // A boolean, `undefined`, or the name of a type.
                UnaryOperator::LogicalNot | UnaryOperator::Void | UnaryOperator::Typeof => true,
                _ => number(self, expression),
            },
            // A comparison, `in` or `instanceof`: a boolean.
            Expression::BinaryExpression(binary)
                if !binary.operator.is_arithmetic() && !binary.operator.is_bitwise() =>
            {
                true
            }
            _ => number(self, expression),
        }
    }

    /// A number key that is an array index (`is_index`), or `x >>> 0`
    /// (from 0 to 2^32 - 1: one key past the indices).
    fn is_key_index(&mut self, key: &Expression<'_>) -> bool {
        matches!(key, Expression::BinaryExpression(binary) if binary.operator == BinaryOperator::ShiftRightZeroFill)
            || self.is_index(key)
    }

    /// An index that no counter's steps can grow: an integer literal up to
    /// `MAX_INDEX_LITERAL`, or `x & mask` with such a mask.
    fn is_bounded_index(&mut self, expression: &Expression<'_>) -> bool {
        match expression {
            Expression::ParenthesizedExpression(inner) => self.is_bounded_index(&inner.expression),
            Expression::NumericLiteral(_) => self.is_index(expression),
            Expression::BinaryExpression(binary) if binary.operator == BinaryOperator::BitwiseAnd => {
                self.is_index(expression)
            }
            _ => false,
        }
    }

    /// Whether `expression` is surely an array index (an integer from 0 to
    /// 2^32 - 2): an integer literal up to `MAX_INDEX_LITERAL`, `x & mask`
    /// with such a literal, a counter (`holds`, `Holds::Indices`), or one
    /// plus a literal up to `MAX_INDEX_STEP`.
    fn is_index(&mut self, expression: &Expression<'_>) -> bool {
        if !spend(&mut self.budget) {
            return false;
        }
        let literal_up_to = |expression: &Expression<'_>, most: f64| matches!(expression, Expression::NumericLiteral(n) if n.value.fract() == 0.0 && n.value >= 0.0 && n.value <= most);
        match expression {
            Expression::NumericLiteral(_) => literal_up_to(expression, MAX_INDEX_LITERAL),
            Expression::ParenthesizedExpression(inner) => self.is_index(&inner.expression),
            Expression::BinaryExpression(binary) if binary.operator == BinaryOperator::Addition => {
                (literal_up_to(&binary.right, MAX_INDEX_STEP) && self.is_index(&binary.left))
                    || (literal_up_to(&binary.left, MAX_INDEX_STEP) && self.is_index(&binary.right))
            }
            // From 0 to the mask (a BigInt operand throws).
            Expression::BinaryExpression(binary) if binary.operator == BinaryOperator::BitwiseAnd => {
                literal_up_to(&binary.right, MAX_INDEX_LITERAL) || literal_up_to(&binary.left, MAX_INDEX_LITERAL)
            }
            Expression::Identifier(name) => self.holds(name, Holds::Indices),
            _ => false,
        }
    }

    /// Whether `expression` surely yields no string and no object (a
    /// number, a BigInt, a boolean, `null` or `undefined`), or throws.
    fn never_string(&mut self, expression: &Expression<'_>) -> bool {
        if !spend(&mut self.budget) {
            return false;
        }
        match expression {
            Expression::BooleanLiteral(_)
            | Expression::NullLiteral(_)
            | Expression::BigIntLiteral(_)
            | Expression::UpdateExpression(_) => true,
            Expression::ParenthesizedExpression(inner) => self.never_string(&inner.expression),
            Expression::UnaryExpression(unary) => unary.operator != UnaryOperator::Typeof,
            Expression::BinaryExpression(binary) => match binary.operator {
                BinaryOperator::Addition => {
                    is_numeric_within(&binary.left, &mut self.budget)
                        && is_numeric_within(&binary.right, &mut self.budget)
                }
                // Arithmetic makes a number or a BigInt; the rest booleans.
                _ => true,
            },
            _ => self.is_number(expression),
        }
    }

    fn is_value(&mut self, expression: &Expression<'_>, what: Holds) -> bool {
        match what {
            Holds::Numbers => self.is_number(expression),
            Holds::Indices => self.is_index(expression),
        }
    }

    /// Whether `expression` surely yields a number (or throws).
    fn is_number(&mut self, expression: &Expression<'_>) -> bool {
        if !spend(&mut self.budget) {
            return false;
        }
        match expression {
            Expression::NumericLiteral(_) => true,
            Expression::ParenthesizedExpression(inner) => self.is_number(&inner.expression),
            Expression::UnaryExpression(unary) => match unary.operator {
                UnaryOperator::UnaryPlus => true,
                // Of a BigInt, a BigInt.
                UnaryOperator::UnaryNegation | UnaryOperator::BitwiseNot => self.is_number(&unary.argument),
                _ => false,
            },
            Expression::BinaryExpression(binary) => match binary.operator {
                BinaryOperator::ShiftRightZeroFill => true,
                // A string on either side makes a string.
                BinaryOperator::Addition => self.is_number(&binary.left) && self.is_number(&binary.right),
                // Mixing a BigInt with anything else throws.
                operator if operator.is_arithmetic() || operator.is_bitwise() => {
                    never_bigint_within(&binary.left, &mut self.budget)
                        || never_bigint_within(&binary.right, &mut self.budget)
                }
                _ => false,
            },
            Expression::Identifier(name) => self.holds(name, Holds::Numbers),
            _ => false,
        }
    }

    /// Whether `name` is a variable that only ever holds numbers
    /// (`Holds::Numbers`): declared in strict code by `let`, `const` or
    /// `var` (once) with a number, and written only by `++`, `--`, an
    /// arithmetic assignment other than `+=` (`-=`, `*=`, ...: they throw
    /// rather than mix in a BigInt), or an assignment of a number (`=`,
    /// `+=`, `||=`, ...). A loop's counter is the common one. Or only array
    /// indices (`Holds::Indices`): declared with one (`is_index`), written
    /// only by `++` (each step at least a gas: at most `MAX_GAS_LIMIT` of
    /// them) or `=` of a literal or a mask (`is_bounded_index`).
    fn holds(&mut self, name: &IdentifierReference<'_>, what: Holds) -> bool {
        let semantic = self.semantic;
        let scoping = semantic.scoping();
        let Some(symbol) = name.reference_id.get().and_then(|id| scoping.get_reference(id).symbol_id()) else {
            return false;
        };
        // Assumed while its own writes are checked (`i = i + 1`): each write
        // then makes a number from numbers, and the first value is one.
        if self.assumed.contains(&(symbol, what)) {
            return true;
        }
        // Sloppy code writes variables where no reference shows it: a
        // function declared in a block assigns the function's `var` of the
        // same name (`{ function i() {} }`), and `for (var i = 0 in o)`
        // writes each key over the `0` (red team round 22). Strict code
        // (class bodies, ES modules, `'use strict'`) has neither.
        if !scoping.symbol_redeclarations(symbol).is_empty()
            || !scoping.scope_flags(scoping.symbol_scope_id(symbol)).is_strict_mode()
        {
            return false;
        }
        let nodes = semantic.nodes();
        let AstKind::VariableDeclarator(declarator) = nodes.kind(scoping.symbol_declaration(symbol)) else {
            return false;
        };
        let (BindingPattern::BindingIdentifier(_), Some(init)) = (&declarator.id, &declarator.init) else {
            return false;
        };
        if !self.is_value(init, what) {
            return false;
        }
        let assumed_before = self.assumed.len();
        self.assumed.push((symbol, what));
        let holds =
            scoping.get_resolved_references(symbol).filter(|reference| reference.is_write()).all(
                |reference| match nodes.parent_kind(reference.node_id()) {
                    AstKind::UpdateExpression(update) => {
                        what == Holds::Numbers || update.operator == UpdateOperator::Increment
                    }
                    AstKind::AssignmentExpression(assignment) => {
                        matches!(assignment.left, AssignmentTarget::AssignmentTargetIdentifier(_))
                            && match (what, assignment.operator.to_binary_operator()) {
                                (Holds::Indices, Some(_)) => false,
                                (Holds::Numbers, Some(operator)) if operator != BinaryOperator::Addition => {
                                    operator.is_arithmetic() || operator.is_bitwise()
                                }
                                // A counter is only ever set to a bounded index: `i = i + 1` in a
                                // loop would grow past 2^32 after enough steps of a large literal
                                // (red team round 49: `i = i + 65536`, 65,537 times).
                                (Holds::Indices, None) => self.is_bounded_index(&assignment.right),
                                _ => self.is_value(&assignment.right, what),
                            }
                    }
                    _ => false,
                },
            );
        // What was assumed from here on held only if this holds.
        if !holds {
            self.assumed.truncate(assumed_before);
        }
        holds
    }
}
