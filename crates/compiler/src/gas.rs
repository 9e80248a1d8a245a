//! The gas model the compiler injects: names of the runtime's metering
//! functions, and the static cost of each basic block.
//!
//! A block (a function body, a loop iteration, a branch taken) is charged
//! once at its start: [`BLOCK_BASE`] plus the cost of every AST node in it
//! that is not inside a nested block. The whole table is in `docs/gas.md`.

use oxc_ast::AstKind;
use oxc_syntax::operator::{BinaryOperator, UnaryOperator};

/// Charges gas: `__v8vm_gas(n)`. Terminates the call when gas runs out.
pub const METER: &str = "__v8vm_gas";
/// `a + b` with strings charged by the result's length.
pub const PLUS: &str = "__v8vm_plus";
/// `t += v` on a name or a plain property: `t = __v8vm_append(t, v)`, the
/// string charged by what was added and capped like any string made.
pub const APPEND: &str = "__v8vm_append";
/// `o[k] op= v` on any other object expression:
/// `__v8vm_update(o, k, () => (v), helper)` (read, then `v`, as compound
/// assignment does), with `helper` [`APPEND`] for `+=` or the operator's
/// (`-`, `*`, ... `&`, `|`, `^`: [`MINUS`] and those after it).
pub const UPDATE: &str = "__v8vm_update";
/// `a - b` (and `t -= v`): a BigInt result over the runtime's limit
/// (`MAX_BIGINT_BITS`) is refused, so that no BigInt can grow without bound.
pub const MINUS: &str = "__v8vm_minus";
/// `a * b`: BigInts charged by their sizes (64-bit words multiplied), the
/// result capped.
pub const TIMES: &str = "__v8vm_times";
/// `a / b`: BigInts charged by their sizes, like [`TIMES`].
pub const DIVIDE: &str = "__v8vm_divide";
/// `a % b`: BigInts charged by their sizes, like [`TIMES`].
pub const REMAINDER: &str = "__v8vm_remainder";
/// `a ** b`: a BigInt power refused before the work when its result would
/// be over the limit, else charged by the result's size.
pub const POWER: &str = "__v8vm_power";
/// `a << b`: a BigInt shift refused before the work when it would grow past
/// the limit.
pub const SHIFT_LEFT: &str = "__v8vm_shift_left";
/// `a >> b` (a left shift when `b` is negative): as [`SHIFT_LEFT`].
pub const SHIFT_RIGHT: &str = "__v8vm_shift_right";
/// `a & b`: a BigInt result over the limit is refused, as for [`MINUS`].
pub const AND: &str = "__v8vm_and";
/// `a | b`: as [`AND`] (`2^k | (2^k - 1)` is all ones a bit wider, and `~`
/// of all ones a bit wider still: bitwise steps can grow a BigInt too).
pub const OR: &str = "__v8vm_or";
/// `a ^ b`: as [`AND`].
pub const XOR: &str = "__v8vm_xor";
/// `a >>> b`: refuses a BigInt, as V8 does; here for a string operand,
/// which V8 scans whole to read it as a number ([`POSITIVE`]).
pub const UNSIGNED_SHIFT_RIGHT: &str = "__v8vm_unsigned_shift_right";
/// `+x` where `x` may be a long string: V8 scans all of it to read a
/// number (2 MiB of digits: ~3 ms, uninterrupted), charged by length here.
pub const POSITIVE: &str = "__v8vm_positive";
/// `-x`: as [`POSITIVE`].
pub const NEGATIVE: &str = "__v8vm_negative";
/// `~x`: as [`POSITIVE`].
pub const BIT_NOT: &str = "__v8vm_bit_not";
/// `x++` on a name that may hold a long string:
/// `(x = __v8vm_numeric(x), x++)`, converted (ToNumeric) and charged as for
/// [`POSITIVE`] before V8 steps it.
pub const NUMERIC: &str = "__v8vm_numeric";
/// `this.#p++`, `--super.p` and the like:
/// `__v8vm_step(this.#p, (v) => (this.#p = v), 1, true)` reads the target
/// once, converts it once, writes it once and returns the old or the new
/// value.
pub const STEP: &str = "__v8vm_step";
/// `o.p++`, `o[k]++` and the like: `__v8vm_step_property(o, k, 1, true)`,
/// the object and key evaluated once.
pub const STEP_PROPERTY: &str = "__v8vm_step_property";
/// `o[k] = v` and `o.length = v` where `v` may be a long string or an
/// object: `__v8vm_put(o, k, v)`. A typed array's element and an array's
/// length read what is stored as a number, scanning a string whole (2 MiB
/// of digits: ~3 ms a store, uninterrupted): the library charges the
/// string, or converts the object once, first.
pub const PUT: &str = "__v8vm_put";
/// Such a property as the target of a pattern or a `for` head
/// (`[o[k]] = list`): `__v8vm_target(o, k).value`, written through [`PUT`].
pub const TARGET: &str = "__v8vm_target";
/// `o[k] ||= v` (`&&=`, `??=`) on such a property:
/// `__v8vm_update_logical(o, k, () => (v), "||")`, the object and key
/// evaluated once, `v` run and written only when the operator would.
pub const UPDATE_LOGICAL: &str = "__v8vm_update_logical";

/// The helper of a unary operator that reads its operand as a number.
pub(crate) fn unary_helper(operator: UnaryOperator) -> Option<&'static str> {
    match operator {
        UnaryOperator::UnaryPlus => Some(POSITIVE),
        UnaryOperator::UnaryNegation => Some(NEGATIVE),
        UnaryOperator::BitwiseNot => Some(BIT_NOT),
        _ => None,
    }
}

/// The helper of a binary operator whose BigInt form may make a BigInt
/// larger than its operands, or does work that grows faster than them.
/// `+` has its own ([`PLUS`]), comparisons theirs ([`comparison_helper`]),
/// and `>>>` refuses BigInts (its helper is for strings). The unary
/// operators keep a BigInt's magnitude (`-`) or move it by one (`~`, `++`,
/// `--`), so that with every binary operator checked no BigInt gets more
/// than a bit past the limit.
pub(crate) fn numeric_helper(operator: BinaryOperator) -> Option<&'static str> {
    match operator {
        BinaryOperator::Subtraction => Some(MINUS),
        BinaryOperator::Multiplication => Some(TIMES),
        BinaryOperator::Division => Some(DIVIDE),
        BinaryOperator::Remainder => Some(REMAINDER),
        BinaryOperator::Exponential => Some(POWER),
        BinaryOperator::ShiftLeft => Some(SHIFT_LEFT),
        BinaryOperator::ShiftRight => Some(SHIFT_RIGHT),
        BinaryOperator::BitwiseAnd => Some(AND),
        BinaryOperator::BitwiseOR => Some(OR),
        BinaryOperator::BitwiseXOR => Some(XOR),
        BinaryOperator::ShiftRightZeroFill => Some(UNSIGNED_SHIFT_RIGHT),
        _ => None,
    }
}

/// `a < b`: a BigInt compared with a string (after each side's conversion,
/// done once) is charged for V8's parse of the string, which takes time
/// superlinear in its length.
pub const LESS: &str = "__v8vm_less";
/// `a <= b`: as [`LESS`].
pub const LESS_EQUAL: &str = "__v8vm_less_equal";
/// `a > b`: as [`LESS`].
pub const GREATER: &str = "__v8vm_greater";
/// `a >= b`: as [`LESS`].
pub const GREATER_EQUAL: &str = "__v8vm_greater_equal";
/// `a == b`: as [`LESS`] (an object meeting a primitive is converted once).
pub const LOOSE_EQUAL: &str = "__v8vm_loose_equal";
/// `a != b`: as [`LOOSE_EQUAL`].
pub const LOOSE_NOT_EQUAL: &str = "__v8vm_loose_not_equal";
/// `a === b` where both may be long strings: V8 compares two strings of
/// one length character by character, uninterrupted; charged by length.
pub const SAME: &str = "__v8vm_same";
/// `a !== b`: as [`SAME`].
pub const NOT_SAME: &str = "__v8vm_not_same";
/// `switch (__v8vm_cases(value, n))`: the value may be a long string that
/// `n` cases compare with, charged as [`SAME`] charges, up front.
pub const CASES: &str = "__v8vm_cases";

/// The helper of a comparison that converts its operands: V8 parses a
/// string it compares with a BigInt, and scans a string it reads as a
/// number or compares with another. `===` and `!==` convert nothing, but
/// compare strings.
pub(crate) fn comparison_helper(operator: BinaryOperator) -> Option<&'static str> {
    match operator {
        BinaryOperator::StrictEquality => Some(SAME),
        BinaryOperator::StrictInequality => Some(NOT_SAME),
        BinaryOperator::LessThan => Some(LESS),
        BinaryOperator::LessEqualThan => Some(LESS_EQUAL),
        BinaryOperator::GreaterThan => Some(GREATER),
        BinaryOperator::GreaterEqualThan => Some(GREATER_EQUAL),
        BinaryOperator::Equality => Some(LOOSE_EQUAL),
        BinaryOperator::Inequality => Some(LOOSE_NOT_EQUAL),
        _ => None,
    }
}

/// Helpers that compute a value from their arguments alone, running no
/// contract code when those are literals (the cacheability check may treat
/// a call of one on literals as a literal).
pub(crate) const VALUE_HELPERS: [&str; 29] = [
    PLUS,
    APPEND,
    STR,
    TEXT,
    KEY,
    MINUS,
    TIMES,
    DIVIDE,
    REMAINDER,
    POWER,
    SHIFT_LEFT,
    SHIFT_RIGHT,
    AND,
    OR,
    XOR,
    LESS,
    LESS_EQUAL,
    GREATER,
    GREATER_EQUAL,
    LOOSE_EQUAL,
    LOOSE_NOT_EQUAL,
    SAME,
    NOT_SAME,
    CASES,
    UNSIGNED_SHIFT_RIGHT,
    POSITIVE,
    NEGATIVE,
    BIT_NOT,
    NUMERIC,
];
/// Charges for a built template string by its length, and returns it.
pub const STR: &str = "__v8vm_str";
/// A property key that may be a BigInt or an object (`o[k]` ->
/// `o[__v8vm_key(k)]`, `k in o` -> `__v8vm_key(k) in o`): converted once to a
/// property key, a BigInt's decimal formatting charged first.
pub const KEY: &str = "__v8vm_key";
/// A template's substitution that may be a number or a BigInt (`${x}` ->
/// `${__v8vm_text(x)}`): converted as the template would, a BigInt's
/// decimal formatting (quadratic in its digits) and a fraction's digits
/// charged first.
pub const TEXT: &str = "__v8vm_text";
/// Marks `exports` as an ES module's (`__esModule`).
pub const ESM_MARK: &str = "__v8vm_esm_module";
/// Wraps a required module for ES imports (CommonJS modules become `default`).
pub const ESM_INTEROP: &str = "__v8vm_esm";
/// Defines a live export: `__v8vm_export(exports, name, getter)`.
pub const EXPORT: &str = "__v8vm_export";
/// `export * from`: copies another module's exports as live getters.
pub const EXPORT_STAR: &str = "__v8vm_export_star";
/// Starts every function body: charges its block like [`METER`] and counts
/// the call depth, which the runtime limits (deterministically, long before
/// V8's own stack limit, whose depth depends on frame sizes and JIT state).
pub const ENTER: &str = "__v8vm_enter";
/// Ends every function body (in a `finally`): the call depth goes back down.
pub const LEAVE: &str = "__v8vm_leave";
/// `for (x of y)`: `for (x of __v8vm_iterate(y))` hands V8 an iterator
/// whose `return` is always a function (a genuine array or a string as it
/// is), so that closing it never words a TypeError V8 would drop unseen.
pub const ITERATE: &str = "__v8vm_iterate";
/// Sees every value thrown in contract code before it can be swallowed: in
/// each `catch`, ahead of each `finally`, and as it leaves each function
/// body. A TypeError V8 made is charged there for the source V8 parsed again
/// to word its message (`docs/gas.md`, "Errors").
pub const CAUGHT: &str = "__v8vm_caught";
/// Starts a module whose top level closes iterators (array patterns):
/// `__v8vm_module_site(__v8vm_site(), n)` tells the library where the
/// module is and how many iterators a throw there may close, so that its
/// `require` charges each throw leaving the module as a function's own
/// hand-over to [`CAUGHT`] would (a module has no function body around it).
pub const MODULE_SITE: &str = "__v8vm_module_site";
/// `[script, position]` of the function that calls it (the engine's own,
/// so no library frame stands between): handed to [`CAUGHT`] in functions
/// that close iterators.
pub const SITE: &str = "__v8vm_site";
/// Closes every module: `__v8vm_seal([bindings])` freezes what the module's
/// top-level bindings hold when its modules are cached (see `cacheable`).
pub const SEAL: &str = "__v8vm_seal";

/// `...x` in a call, `new` or array literal: `...__v8vm_spread(x, inCall)`
/// reads the values once from a metered loop (V8 would drain any iterable
/// natively, with no gas charged), at most a few thousand in a call.
pub const SPREAD: &str = "__v8vm_spread";
/// `...x` in an object literal: `...__v8vm_spread_object(x)` charges for
/// the properties it copies (a string's characters become properties).
pub const SPREAD_OBJECT: &str = "__v8vm_spread_object";
/// `{ __proto__: p }` in an object literal: `__proto__: __v8vm_proto(p)`
/// bounds the prototype chain it makes as `Object.create` does (V8 builds
/// a chain of n such literals in time quadratic in n).
pub const PROTO: &str = "__v8vm_proto";
/// `class C extends B`: `class C extends __v8vm_heritage(B)` bounds the
/// prototype chains the class makes (its own and its prototype's, each one
/// longer than `B`'s) as `Object.create` does.
pub const HERITAGE: &str = "__v8vm_heritage";

/// `for (k in x)`: `for (k in __v8vm_for_in(x))` charges for the keys V8
/// collects before the first iteration (a string's characters).
pub const FOR_IN: &str = "__v8vm_for_in";
/// `arguments`: `__v8vm_arguments(arguments)` gives the object the
/// library's array iterator the first time (V8's own `values`, which it
/// puts on every `arguments` object, would read a `length` set to a long
/// string as a number at each step, uncharged).
pub const ARGUMENTS: &str = "__v8vm_arguments";

/// The parameters of a bundle's function, in order: the runtime passes its
/// metering and module helpers in these places.
pub const BUNDLE_PARAMS: [&str; 53] = [
    METER,
    PLUS,
    APPEND,
    UPDATE,
    MINUS,
    TIMES,
    DIVIDE,
    REMAINDER,
    POWER,
    SHIFT_LEFT,
    SHIFT_RIGHT,
    AND,
    OR,
    XOR,
    LESS,
    LESS_EQUAL,
    GREATER,
    GREATER_EQUAL,
    LOOSE_EQUAL,
    LOOSE_NOT_EQUAL,
    SAME,
    NOT_SAME,
    CASES,
    UNSIGNED_SHIFT_RIGHT,
    POSITIVE,
    NEGATIVE,
    BIT_NOT,
    NUMERIC,
    STEP,
    STEP_PROPERTY,
    PUT,
    TARGET,
    UPDATE_LOGICAL,
    STR,
    TEXT,
    KEY,
    ESM_MARK,
    ESM_INTEROP,
    EXPORT,
    EXPORT_STAR,
    SEAL,
    ENTER,
    LEAVE,
    SPREAD,
    SPREAD_OBJECT,
    PROTO,
    HERITAGE,
    FOR_IN,
    ITERATE,
    CAUGHT,
    MODULE_SITE,
    ARGUMENTS,
    SITE,
];

/// Cost of entering any block.
pub const BLOCK_BASE: u32 = 1;
/// Extra cost of a call or `new` (the callee's own blocks are charged too).
pub const CALL_COST: u32 = 3;
/// Extra cost of an operator the compiler routes through one of the
/// library's helpers (`__v8vm_times`, `__v8vm_less`, `__v8vm_same`, ...;
/// not `+` and `+=`, whose helpers charge what they build): the call, where
/// V8 does not inline it (a callback of `map`: ~2.4x the time of the
/// operator left to V8).
pub const HELPER_COST: u32 = 3;

/// Extra cost of calling a function whose parameters destructure: the
/// wrapper the compiler makes of it (see `CAUGHT`) gathers the arguments
/// into an array and calls the original as a fresh arrow.
pub const PARAMETER_WRAPPER: u32 = 30;
/// And per argument past its plain parameters (copied twice).
pub const PARAMETER_WRAPPER_ARGUMENT: u32 = 4;
/// Each value an array pattern takes from its iterator (a hole too), and
/// its close: a call of the library's `next` of an array iterator, ~20 ns
/// (red team round 44: `const [,,,…2,000 holes] = a` was charged ~6 gas
/// for 2,000 steps).
pub const PATTERN_STEP: u32 = 8;

/// The static cost of one AST node inside a block.
pub(crate) fn node_cost(kind: &AstKind<'_>) -> u32 {
    match kind {
        AstKind::CallExpression(_) | AstKind::NewExpression(_) | AstKind::TaggedTemplateExpression(_) => 1 + CALL_COST,
        // Names, literals and punctuation-like nodes cost nothing by themselves.
        AstKind::IdentifierReference(_)
        | AstKind::IdentifierName(_)
        | AstKind::BindingIdentifier(_)
        | AstKind::LabelIdentifier(_)
        | AstKind::NumericLiteral(_)
        | AstKind::StringLiteral(_)
        | AstKind::BooleanLiteral(_)
        | AstKind::NullLiteral(_)
        | AstKind::TemplateElement(_)
        | AstKind::ParenthesizedExpression(_)
        | AstKind::FormalParameters(_)
        | AstKind::FunctionBody(_)
        | AstKind::BlockStatement(_)
        | AstKind::EmptyStatement(_)
        | AstKind::ExpressionStatement(_)
        | AstKind::Directive(_)
        | AstKind::Program(_) => 0,
        _ => 1,
    }
}
