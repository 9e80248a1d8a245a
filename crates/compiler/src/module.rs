//! One module of a contract: parse, validate, turn ES module syntax into
//! CommonJS, rewrite `require` specifiers to module ids, and inject gas
//! metering — all as text edits that keep every line where it was.

use std::collections::{BTreeMap, HashMap, HashSet};

use oxc_allocator::Allocator;
use oxc_ast::ast::*;
use oxc_ast::AstKind;
use oxc_ast_visit::{walk, Visit};
use oxc_ecmascript::BoundNames;
use oxc_parser::Parser;
use oxc_semantic::{Semantic, SemanticBuilder};
use oxc_span::{GetSpan, SourceType, Span};
use oxc_syntax::scope::ScopeFlags;
use oxc_syntax::symbol::SymbolId;

use crate::abi::ArgType;
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::edits::{Edits, LineShifts};
use crate::gas;
use crate::nesting;
use crate::operands::{self, is_numeric, never_bigint};

/// Identifiers starting with this are the compiler's; contracts may not use them.
pub const RESERVED_PREFIX: &str = "__v8vm";

/// A module after the transform.
#[derive(Debug)]
pub(crate) struct Transformed {
    /// The module's code, inside its wrapper header.
    pub(crate) code: String,
    /// How to map its columns back to the original file.
    pub(crate) shifts: LineShifts,
    /// Gas charge points injected.
    pub(crate) gas_points: u32,
    /// ABI argument types from the JSDoc of class methods, by method name.
    pub(crate) jsdoc: BTreeMap<String, Vec<ArgType>>,
}

/// How a module is asked for: the conditions of package `exports` differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Request {
    /// `require(...)`.
    Require,
    /// `import ... from` or `export ... from`.
    Import,
}

/// Resolves a specifier of this module to a module id.
pub(crate) type Resolve<'r> = dyn FnMut(&str, Request) -> Result<String, String> + 'r;

/// Transforms the module `source` of `file`. `header` is written before the
/// first line (the module's wrapper; it must not contain a line break).
pub(crate) fn transform(
    file: &str,
    source: &str,
    header: &str,
    metered: bool,
    entry: bool,
    resolve: &mut Resolve<'_>,
) -> Result<Transformed, Vec<Diagnostic>> {
    let lines = LineIndex::new(source);
    match nesting::too_deep(source, nesting::MAX_SOURCE_NESTING, nesting::MAX_OPERATOR_CHAIN) {
        Some(nesting::TooDeep::Brackets(offset)) => {
            let message = format!("brackets nest more than {} deep here", nesting::MAX_SOURCE_NESTING);
            return Err(vec![lines.at(file, offset as u32, message)]);
        }
        Some(nesting::TooDeep::Chain(offset)) => {
            let message = format!(
                "an expression chains more than {} operators (or a block more `else`s and labels) by here: split it",
                nesting::MAX_OPERATOR_CHAIN
            );
            return Err(vec![lines.at(file, offset as u32, message)]);
        }
        None => {}
    }
    let allocator = Allocator::default();
    // `.mjs` is a module, `.cjs` a script; a `.js` file is a module if it
    // uses import/export, else a (sloppy) script, as it will run.
    let source_type = if file.ends_with(".mjs") {
        SourceType::mjs()
    } else if file.ends_with(".cjs") {
        SourceType::cjs()
    } else {
        SourceType::unambiguous()
    };
    let parsed = Parser::new(&allocator, source, source_type).parse();
    let located = |diagnostics: &oxc_diagnostics::Diagnostics| -> Vec<Diagnostic> {
        diagnostics
            .iter()
            .map(|d| {
                let offset = d.labels.first().map_or(0, |label| label.offset());
                lines.at(file, offset, d.message.to_string())
            })
            .collect()
    };
    if parsed.panicked || parsed.diagnostics.has_errors() {
        return Err(located(&parsed.diagnostics));
    }
    // The node store lets `operands` follow a variable to its writes.
    let semantic = SemanticBuilder::new().with_build_nodes(true).with_check_syntax_error(true).build(&parsed.program);
    if semantic.diagnostics.has_errors() {
        return Err(located(&semantic.diagnostics));
    }
    let program = &parsed.program;
    let mut t = Transformer {
        file,
        lines: &lines,
        edits: Edits::default(),
        diagnostics: Vec::new(),
        resolve,
        semantic: &semantic.semantic,
        blocks: Vec::new(),
        gas_points: 0,
        function_depth: 0,
        frames: Vec::new(),
        imports: HashMap::new(),
        module_count: 0,
        jsdoc: BTreeMap::new(),
        comments: &program.comments,
        in_shorthand: false,
        in_parameters: false,
        metered,
        constructors: HashMap::new(),
        exported_class: None,
        entry,
        setter: None,
        stores_routed: HashSet::new(),
        rest_routed: HashSet::new(),
    };
    t.edits.open(0, header);
    let esm_prefix = t.esm_prefix(program);
    t.visit_program(program);
    if t.entry {
        t.check_exported_class();
    }
    if let Some(prefix) = esm_prefix {
        t.edits.set_text(prefix.index, prefix.text);
    }
    if !t.diagnostics.is_empty() {
        t.diagnostics.sort_by_key(|d| (d.line, d.column));
        return Err(t.diagnostics);
    }
    let (gas_points, jsdoc) = (t.gas_points, t.jsdoc);
    let (code, shifts) = t.edits.apply(source);
    Ok(Transformed { code, shifts, gas_points, jsdoc })
}

/// A JSON module: `module.exports = <the JSON>;`.
pub(crate) fn transform_json(file: &str, source: &str, header: &str) -> Result<Transformed, Vec<Diagnostic>> {
    if let Err(e) = serde_json::from_str::<serde_json::Value>(source) {
        let message = format!("invalid JSON: {e}");
        return Err(vec![Diagnostic {
            file: file.to_owned(),
            line: e.line() as u32,
            column: e.column() as u32,
            message,
        }]);
    }
    let mut edits = Edits::default();
    edits.open(0, format!("{header}module.exports = "));
    edits.close(source.len() as u32, ";");
    let (code, shifts) = edits.apply(source);
    Ok(Transformed { code, shifts, gas_points: 0, jsdoc: BTreeMap::new() })
}

/// The ES module prefix, written at offset 0 once all imports are known.
struct EsmPrefix {
    index: usize,
    text: String,
}

/// What an injected gas charge looks like; `{}` is the cost.
#[derive(Debug, Clone, Copy)]
enum GasPoint {
    /// A statement at the start of a block: `__v8vm_gas(N);`.
    Statement,
    /// After a directive prologue, which may lack its semicolon.
    AfterDirectives,
    /// Around a single statement: `{__v8vm_gas(N); stmt }`.
    WrapStatement,
    /// Around an expression: `(__v8vm_gas(N), expr)`.
    WrapExpression,
    /// A function body: `__v8vm_enter(N);try{ body }finally{__v8vm_leave()}`,
    /// charging and counting the call depth.
    FunctionBody,
    /// The same after a directive prologue, which may lack its semicolon.
    FunctionAfterDirectives,
    /// A function body without statements (after its directives, if any):
    /// `;__v8vm_enter(N);try{}finally{__v8vm_leave()}`, all in one insertion
    /// (an opening and a closing at the same offset would come out of order).
    EmptyFunctionBody,
    /// An arrow's expression body:
    /// `{__v8vm_enter(N);try{return (expr);}finally{__v8vm_leave()}}`.
    ArrowBody,
}

impl GasPoint {
    /// The opening text; unmetered, only the wrapper (so the code's shape,
    /// and what its overhead is measured against, stays the same).
    fn text(self, cost: u32, metered: bool) -> String {
        if !metered {
            return match self {
                GasPoint::Statement | GasPoint::AfterDirectives => String::new(),
                GasPoint::WrapStatement => "{".into(),
                GasPoint::WrapExpression => "(".into(),
                GasPoint::FunctionBody => "try{".into(),
                GasPoint::FunctionAfterDirectives => ";try{".into(),
                GasPoint::EmptyFunctionBody => ";try{}finally{}".into(),
                GasPoint::ArrowBody => "{try{return (".into(),
            };
        }
        match self {
            GasPoint::Statement => format!("{}({cost});", gas::METER),
            GasPoint::AfterDirectives => format!(";{}({cost});", gas::METER),
            GasPoint::WrapStatement => format!("{{{}({cost});", gas::METER),
            GasPoint::WrapExpression => format!("({}({cost}),", gas::METER),
            GasPoint::FunctionBody => format!("{}({cost});try{{", gas::ENTER),
            GasPoint::FunctionAfterDirectives => format!(";{}({cost});try{{", gas::ENTER),
            GasPoint::EmptyFunctionBody => format!(";{}({cost});try{{}}finally{{{}()}}", gas::ENTER, gas::LEAVE),
            GasPoint::ArrowBody => format!("{{{}({cost});try{{return (", gas::ENTER),
        }
    }

    fn closing(self, metered: bool) -> Option<String> {
        let leave = if metered { format!("{}()", gas::LEAVE) } else { String::new() };
        let observe = OBSERVE_AND_RETHROW.as_str();
        match self {
            GasPoint::Statement | GasPoint::AfterDirectives | GasPoint::EmptyFunctionBody => None,
            GasPoint::WrapStatement => Some("}".into()),
            GasPoint::WrapExpression => Some(")".into()),
            GasPoint::FunctionBody | GasPoint::FunctionAfterDirectives => {
                Some(format!("}}{observe}finally{{{leave}}}"))
            }
            GasPoint::ArrowBody => Some(format!(");}}{observe}finally{{{leave}}}}}")),
        }
    }
}

/// The name a `catch` the compiler adds gives what it caught (reserved, so
/// no contract binding can clash with it).
const CAUGHT_VALUE: &str = "__v8vm_thrown";
/// The parameter of the arrow that writes back what `__v8vm_step` computed.
const STEP_VALUE: &str = "__v8vm_value";

/// `catch(t){__v8vm_caught(t);throw t}`: hands whatever a block threw to the
/// library once, before anything (a `finally`, a promise, an iterator's
/// close) could swallow it, then lets it go on as if nothing had looked.
static OBSERVE_AND_RETHROW: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!("catch({CAUGHT_VALUE}){{{}({CAUGHT_VALUE}{SITE_MARK});throw {CAUGHT_VALUE}}}", gas::CAUGHT)
});

/// Where a hand-over to `__v8vm_caught` names the function it is in, once
/// the whole function was visited: in a function that closes iterators
/// (`for...of`, array patterns), V8 may have worded a TypeError and dropped
/// it (an iterator whose `return` is not a function, closed by a throw), so
/// every throw seen there is charged as one, by the function's size, which
/// the library finds from the position `__v8vm_site()` gives; and as many
/// as iterators a throw there may close at once: nested array patterns
/// (`[[[a = f()]]] = x`) each close their own.
const SITE_MARK: char = '\u{1}';

/// Most values a function's frame may hold: its parameters and locals, the
/// arguments of its largest call and its deepest expression. This bounds
/// the native stack a call of it takes, so that the deterministic call-depth
/// limit (256 nested calls) is always reached long before V8's own stack
/// limit, whose depth would depend on frame sizes and on what the JIT did.
pub const MAX_FRAME_SLOTS: u32 = 1024;

/// Most decimal digits of a BigInt literal. The runtime refuses BigInts of
/// more than 8,192 bits (`MAX_BIGINT_BITS` in the runtime's builtins.js),
/// which every operator that could make a larger one checks; a literal is
/// checked here, and 2,466 digits is the longest that is always under
/// 2^8192 (whatever base the literal was written in).
pub const MAX_BIGINT_LITERAL_DIGITS: usize = 2466;

/// What a function's frame holds, counted while it is visited.
#[derive(Debug, Default)]
struct FrameSize {
    /// Where the function starts.
    start: u32,
    /// Parameters and locals (bindings declared in it, not in nested functions).
    bindings: u32,
    /// The most arguments of one call in it, with the callee and `this`.
    call_slots: u32,
    /// Expressions open now, and the most at once.
    depth: u32,
    max_depth: u32,
    /// Iterators it has open now (array patterns being destructured and
    /// `for await` loops, inside one another), and the most at once; 1 at
    /// least if it closes any itself (`for...of`, whose iterator the
    /// library makes).
    open_iterators: u32,
    most_open_iterators: u32,
    /// Its hand-overs to `__v8vm_caught`: reserved edits and their text,
    /// with [`SITE_MARK`] where the site goes.
    observers: Vec<(usize, String)>,
}

/// A straight-line region whose cost is charged at its start.
struct GasBlock {
    edit: usize,
    point: GasPoint,
    cost: u32,
}

struct Transformer<'a, 's, 'r> {
    file: &'s str,
    lines: &'s LineIndex<'s>,
    edits: Edits,
    diagnostics: Vec<Diagnostic>,
    resolve: &'s mut Resolve<'r>,
    semantic: &'s Semantic<'a>,
    blocks: Vec<GasBlock>,
    gas_points: u32,
    function_depth: u32,
    /// The frame size of each function being visited, innermost last (the
    /// module's own function first).
    frames: Vec<FrameSize>,
    /// Imported bindings and the expression that reads each.
    imports: HashMap<SymbolId, String>,
    module_count: u32,
    jsdoc: BTreeMap<String, Vec<ArgType>>,
    comments: &'s [Comment],
    /// Visiting the value of a shorthand property (`{ name }`).
    in_shorthand: bool,
    /// Visiting a function's parameters (not a nested function's body).
    in_parameters: bool,
    /// Whether to inject metering (off only to measure its overhead).
    metered: bool,
    /// Offsets of the constructors of the module's named classes.
    constructors: HashMap<String, u32>,
    /// The class the module exports, by name, where `module.exports = Name`.
    exported_class: Option<String>,
    /// Whether this is the entry module (whose export is the contract class).
    entry: bool,
    /// Where the value of the setter being visited starts (a setter takes
    /// exactly one argument, so its parameter wrapper does too).
    setter: Option<u32>,
    /// Properties written through the library (`__v8vm_put`,
    /// `__v8vm_target`, `__v8vm_update_logical`), whose key it converts.
    stores_routed: HashSet<Span>,
    /// Patterns with a rest element whose value the library reads first
    /// (`__v8vm_spread`, `__v8vm_spread_object`): the whole pattern of a
    /// declaration with a value, or the whole left side of an assignment.
    rest_routed: HashSet<Span>,
}

impl<'a> Transformer<'a, '_, '_> {
    /// Opens a call of `helper` at `at`, after a space when a name or a
    /// keyword ends right there (`return(a)*b`, `case(a)-b:`), which the
    /// helper's name would otherwise run into.
    fn open_call(&mut self, at: u32, helper: &str) {
        let before = self.semantic.source_text()[..at as usize].chars().next_back();
        let joins = before.is_some_and(|c| matches!(c, '_' | '$' | '\u{200c}' | '\u{200d}') || c.is_alphanumeric());
        self.edits.open(at, format!("{}{helper}(", if joins { " " } else { "" }));
    }

    /// Wraps the expression at `span` as `helper(expression<extra>)` (metered
    /// code only).
    fn route_through(&mut self, helper: &str, span: Span, extra: &str) {
        if self.metered {
            self.open_call(span.start, helper);
            self.edits.close(span.end, format!("{extra})"));
        }
    }

    /// The helper a compound assignment goes through (`+=`: the append
    /// helper; `-=`, `*=`, ...: the operator's), if any.
    fn compound_helper(&self, it: &AssignmentExpression<'a>) -> Option<&'static str> {
        if !self.metered {
            return None;
        }
        match it.operator {
            AssignmentOperator::Addition => Some(gas::APPEND),
            // As the operator's: unless the value is surely no BigInt, and
            // neither it nor the target may be a long string to scan.
            operator => operator.to_binary_operator().and_then(gas::numeric_helper).filter(|_| {
                let holds_numbers = matches!(&it.left, AssignmentTarget::AssignmentTargetIdentifier(name)
                    if operands::holds_numbers(self.semantic, name));
                !(never_bigint(&it.right)
                    && holds_numbers
                    && operands::reads_no_long_string(self.semantic, &[&it.right]))
            }),
        }
    }

    /// A computed key of an object literal, a class or a pattern, as for
    /// `o[k]` (V8 turns it into a property key, formatting a BigInt).
    fn route_computed_key(&mut self, computed: bool, key: &PropertyKey<'a>) {
        if let Some(expression) = key.as_expression().filter(|_| computed) {
            if !operands::key_is_plain(self.semantic, expression) {
                self.route_through(gas::KEY, expression.span(), "");
            }
        }
    }

    /// `target op= value` through `helper` (`+=`: the append helper, which
    /// caps the string made and charges for what was added; `-=`, `*=`,
    /// ...: the operator's, which sizes BigInts). A name or a plain property
    /// (of a name, `this` or `super`, by a fixed key) is written out twice;
    /// any other object is evaluated once by `__v8vm_update`, with the value
    /// in an arrow so it still runs after the read.
    ///
    /// A property whose write V8 may read as a number (`store_checked`) is
    /// always evaluated once and written by the library (`+=` may make a
    /// long string); so are `||=`, `&&=` and `??=` there, through
    /// `__v8vm_update_logical` with the operator as `helper`.
    fn route_compound(&mut self, it: &AssignmentExpression<'a>, helper: &str) {
        let source = self.semantic.source_text();
        let (left, right) = (it.left.span(), it.right.span());
        let token = it.operator.as_str();
        let width = token.len() as u32;
        let routed = self.stores_routed.contains(&left);
        if routed {
            self.count_helper();
        }
        let updater = if it.operator.is_logical() { gas::UPDATE_LOGICAL } else { gas::UPDATE };
        // A plain property whose write the library makes: read as written,
        // then `__v8vm_put(o, k, helper(o[k], v))`, or for `||=` (`&&=`,
        // `??=`) `(o[k] || __v8vm_put(o, k, v))`.
        // (`||=` reads the object again after the read, which may have
        // run a getter: only one that cannot change, `this` or a name never
        // written after its declaration.)
        let reread = |target: &&SimpleAssignmentTarget<'a>| {
            !it.operator.is_logical()
                || target.as_member_expression().is_some_and(|member| self.never_rebound(member.object()))
        };
        if let Some((object, key)) = it
            .left
            .as_simple_assignment_target()
            .filter(|_| routed)
            .filter(reread)
            .and_then(|target| self.plain_property(target))
        {
            let Some(operator) = token_offset(source, left.end, right.start, token, true) else {
                return self.error(
                    left.start,
                    format!("`{token}` after something the compiler cannot read past: put it beside its target"),
                );
            };
            let sloppy = self.sloppy_flag(it.node_id.get());
            let put = format!("{}({object}, {key},", gas::PUT);
            match it.operator.to_logical_operator() {
                Some(logical) => {
                    self.edits.open(left.start, "(");
                    self.edits.replace(operator, operator + width, format!("{} {put}", logical.as_str()));
                    self.edits.close(right.end, format!("{sloppy}))"));
                }
                None => {
                    self.edits.open(left.start, format!("{put} {helper}("));
                    self.edits.replace(operator, operator + width, ",");
                    self.edits.close(right.end, format!("){sloppy})"));
                }
            }
            return;
        }
        if let Some(target) =
            it.left.as_simple_assignment_target().filter(|_| !routed).and_then(|target| self.plain_target(target))
        {
            let Some(operator) = token_offset(source, left.end, right.start, token, true) else {
                return self.error(
                    left.start,
                    format!("`{token}` after something the compiler cannot read past: put it beside its target"),
                );
            };
            self.edits.replace(operator, operator + width, format!("= {helper}({target},"));
            self.edits.close(right.end, ")");
            return;
        }
        let Some(operator) = token_offset(source, left.end, right.start, token, false) else {
            self.error(
                left.start,
                format!("`{token}` on a parenthesized property of a computed object: remove the parentheses"),
            );
            return;
        };
        let object = match &it.left {
            AssignmentTarget::StaticMemberExpression(member) => Some(&member.object),
            AssignmentTarget::ComputedMemberExpression(member) => Some(&member.object),
            AssignmentTarget::PrivateFieldExpression(member) => Some(&member.object),
            _ => None,
        };
        if matches!(object, Some(Expression::Super(_))) {
            return self
                .error(left.start, format!("`{token}` on `super[expression]`: put the key in a variable first"));
        }
        if suspends(&it.right) {
            self.error(
                operator,
                format!(
                    "`{token}` with `await` or `yield` on the right of a computed object's property: read the value \
                     into a local first"
                ),
            );
            return;
        }
        match &it.left {
            AssignmentTarget::StaticMemberExpression(member) => {
                let Some(dot) = token_offset(source, member.object.span().end, member.property.span.start, ".", false)
                else {
                    return self.error(left.start, format!("`{token}` on an optional chain is not allowed"));
                };
                self.open_call(left.start, updater);
                self.edits.replace(dot, dot + 1, ", ");
                self.edits.replace(
                    member.property.span.start,
                    member.property.span.end,
                    string_literal(&member.property.name),
                );
            }
            AssignmentTarget::ComputedMemberExpression(member) => {
                let Some(bracket) =
                    token_offset(source, member.object.span().end, member.expression.span().start, "[", false)
                else {
                    return self.error(left.start, format!("`{token}` on an optional chain is not allowed"));
                };
                self.open_call(left.start, updater);
                self.edits.replace(bracket, bracket + 1, ", ");
                self.edits.replace(left.end - 1, left.end, "");
            }
            _ => {
                return self.error(
                    left.start,
                    format!("`{token}` on a private field of a computed object: read the object into a local first"),
                );
            }
        }
        self.edits.replace(operator, operator + width, ", () => (");
        let sloppy = self.sloppy_flag(it.node_id.get());
        self.edits.close(right.end, format!("), {helper}{sloppy})"));
    }

    /// Whether the library checks writing `target`: V8 may read the value
    /// as a number (a property by a key that may name a typed array's
    /// element: `may_name_checked_property`; by name, `NaN` or `Infinity`;
    /// or `length`, an array's), or it may be a function's `prototype`
    /// (whose chain is bounded).
    fn store_checked(&self, target: &SimpleAssignmentTarget<'a>) -> bool {
        self.metered
            && match target {
                SimpleAssignmentTarget::ComputedMemberExpression(member) => {
                    may_name_checked_property(&member.expression)
                }
                // (`NaN` and `Infinity` are numbers' texts too.)
                SimpleAssignmentTarget::StaticMemberExpression(member) => {
                    matches!(member.property.name.as_str(), "length" | "prototype" | "NaN" | "Infinity")
                }
                _ => false,
            }
    }

    /// Whether the library writes this assignment's target, to charge (or
    /// convert once) a value V8 would read as a number: `=`, `||=`, `&&=`
    /// and `??=` of a value that may be a long string or an object, and
    /// `+=`, on such a property (`store_checked`); and any value that may
    /// set an array's `length` (`may_set_length`), whose growth V8
    /// allocates for.
    fn store_routed(&self, it: &AssignmentExpression<'a>) -> bool {
        it.left.as_simple_assignment_target().is_some_and(|target| {
            // (Any operator on a length: `a.length -= -(2 ** 25)` was 168
            // gas for 2^25 slots, red team round 50.)
            self.store_checked(target)
                && (may_set_length(self.semantic, target)
                    || match it.operator {
                        AssignmentOperator::Addition => true,
                        AssignmentOperator::Assign
                        | AssignmentOperator::LogicalOr
                        | AssignmentOperator::LogicalAnd
                        | AssignmentOperator::LogicalNullish => {
                            !operands::reads_no_long_string(self.semantic, &[&it.right])
                        }
                        _ => false,
                    })
        })
    }

    /// Opens `helper(o, k` over the property `o[k]` (or `helper(o, "p"` over
    /// `o.p`); the caller closes the call. False, with an error, where the
    /// object cannot be told from the key.
    fn open_property_call(&mut self, target: &SimpleAssignmentTarget<'a>, helper: &str) -> bool {
        let source = self.semantic.source_text();
        match target {
            SimpleAssignmentTarget::ComputedMemberExpression(member) => {
                let Some(bracket) =
                    token_offset(source, member.object.span().end, member.expression.span().start, "[", false)
                else {
                    self.error(member.span.start, "an assignment to an optional chain is not allowed".to_owned());
                    return false;
                };
                self.open_call(member.span.start, helper);
                self.edits.replace(bracket, bracket + 1, ", ");
                self.edits.replace(member.span.end - 1, member.span.end, "");
            }
            SimpleAssignmentTarget::StaticMemberExpression(member) => {
                let Some(dot) = token_offset(source, member.object.span().end, member.property.span.start, ".", false)
                else {
                    self.error(member.span.start, "an assignment to an optional chain is not allowed".to_owned());
                    return false;
                };
                self.open_call(member.span.start, helper);
                self.edits.replace(dot, dot + 1, ", ");
                self.edits.replace(
                    member.property.span.start,
                    member.property.span.end,
                    string_literal(&member.property.name),
                );
            }
            _ => return false,
        }
        true
    }

    /// `o[k] = v` -> `__v8vm_put(o, k, v)`, `o.length = v` ->
    /// `__v8vm_put(o, "length", v)` (see `store_routed`).
    fn route_put(&mut self, it: &AssignmentExpression<'a>) {
        let (left, right) = (it.left.span(), it.right.span());
        let Some(operator) = token_offset(self.semantic.source_text(), left.end, right.start, "=", false) else {
            return self
                .error(left.start, "`=` on a parenthesized property of an object: remove the parentheses".to_owned());
        };
        let Some(target) = it.left.as_simple_assignment_target() else { return };
        if self.open_property_call(target, gas::PUT) {
            self.count_helper();
            self.edits.replace(operator, operator + 1, ",");
            let sloppy = self.sloppy_flag(it.node_id.get());
            self.edits.close(right.end, format!("{sloppy})"));
        }
    }

    /// Such a property as the target of a pattern or a `for` head, which
    /// may be handed anything: `__v8vm_target(o, k).value`.
    fn route_target(&mut self, target: &SimpleAssignmentTarget<'a>, node_id: oxc_syntax::node::NodeId) {
        if target.as_member_expression().is_some_and(|member| matches!(member.object(), Expression::Super(_))) {
            return self.super_store_error(target.span(), "a pattern or `for` head writing");
        }
        if self.open_property_call(target, gas::TARGET) {
            self.count_helper();
            self.stores_routed.insert(target.span());
            let sloppy = self.sloppy_flag(node_id);
            self.edits.close(target.span().end, format!("{sloppy}).value"));
        }
    }

    /// A `super` property cannot be handed to the library: V8 would write
    /// the value to `this` (a typed array, or an array) unseen.
    fn super_store_error(&mut self, span: Span, what: &str) {
        self.error(
            span.start,
            format!(
                "{what} a `super` property that may be a typed array's element or an array's `length` (V8 would read \
                 the value as a number, or grow the array, uncharged): write it through `this` instead"
            ),
        );
    }

    /// `", true"` where the node at `node_id` is in sloppy code: the
    /// library's helpers that write a property (`__v8vm_update`,
    /// `__v8vm_step_property`) then ignore a failed write, as the
    /// contract's own assignment would.
    fn sloppy_flag(&self, node_id: oxc_syntax::node::NodeId) -> &'static str {
        let scope = self.semantic.nodes().get_node(node_id).scope_id();
        if self.semantic.scoping().scope_flags(scope).is_strict_mode() {
            ""
        } else {
            ", true"
        }
    }

    /// Whether `x++` (or `--o.p`, ...) goes through a helper: unless its
    /// target is a variable that only ever holds numbers, it may hold a
    /// long string, which V8 would scan to read a number.
    fn update_routed(&self, it: &UpdateExpression<'a>) -> bool {
        self.metered
            && !matches!(&it.argument, SimpleAssignmentTarget::AssignmentTargetIdentifier(name)
                if operands::holds_numbers(self.semantic, name))
    }

    /// `x++`: `(x = __v8vm_numeric(x), x++)`, the name read again only
    /// after it was written. `o.p++`, `o[k]++`: `__v8vm_step_property(o,
    /// k, 1, true)`, the object and key evaluated once. A private field or
    /// `super` property: `__v8vm_step(this.#p, (v) => (this.#p = v), 1,
    /// true)` (see `update_routed`).
    fn route_update(&mut self, it: &UpdateExpression<'a>) {
        if !self.update_routed(it) {
            return;
        }
        self.count_helper();
        let source = self.semantic.source_text();
        let target = it.argument.span();
        let operator = it.operator.as_str();
        if let SimpleAssignmentTarget::AssignmentTargetIdentifier(name) = &it.argument {
            let text = self.name_text(name);
            self.edits.open(it.span.start, format!("({text} = {}({text}), ", gas::NUMERIC));
            self.edits.close(it.span.end, ")");
            return;
        }
        let token = if it.prefix { it.span.start } else { it.span.end - 2 };
        let tail = format!(
            "{}, {}{})",
            if it.operator == UpdateOperator::Increment { "1" } else { "-1" },
            if it.prefix { "false" } else { "true" },
            self.sloppy_flag(it.node_id.get())
        );
        let member = match &it.argument {
            SimpleAssignmentTarget::StaticMemberExpression(member)
                if !matches!(member.object, Expression::Super(_)) =>
            {
                token_offset(source, member.object.span().end, member.property.span.start, ".", false)
                    .map(|dot| (dot, None))
            }
            SimpleAssignmentTarget::ComputedMemberExpression(member)
                if !matches!(member.object, Expression::Super(_)) =>
            {
                token_offset(source, member.object.span().end, member.expression.span().start, "[", false)
                    .map(|bracket| (bracket, Some(target.end - 1)))
            }
            // A computed key would be converted twice (`super[k]` read, then written).
            SimpleAssignmentTarget::ComputedMemberExpression(_) => {
                return self.error(
                    target.start,
                    format!("`{operator}` on `super[expression]`: read the property, then assign it"),
                );
            }
            _ => {
                let Some(text) = self.plain_target(&it.argument) else {
                    return self.error(
                        target.start,
                        format!("`{operator}` on a private field or `super` property of a computed object: read the object or key into a local first"),
                    );
                };
                self.edits.replace(token, token + 2, "");
                self.open_call(target.start, gas::STEP);
                self.edits.close(target.end, format!(", ({STEP_VALUE}) => ({text} = {STEP_VALUE}), {tail}"));
                return;
            }
        };
        let Some((separator, bracket)) = member else {
            return self.error(
                target.start,
                format!("`{operator}` on a parenthesized property of a computed object: remove the parentheses"),
            );
        };
        self.edits.replace(token, token + 2, "");
        self.open_call(target.start, gas::STEP_PROPERTY);
        self.edits.replace(separator, separator + 1, ", ");
        match (&it.argument, bracket) {
            (_, Some(bracket)) => self.edits.replace(bracket, bracket + 1, format!(", {tail}")),
            (SimpleAssignmentTarget::StaticMemberExpression(member), None) => {
                self.edits.replace(
                    member.property.span.start,
                    member.property.span.end,
                    string_literal(&member.property.name),
                );
                self.edits.close(target.end, format!(", {tail}"));
            }
            _ => {}
        }
    }

    /// The text of a compound assignment's target that may be written out twice: a name, or
    /// a property of a name, `this` or `super` by a fixed key. Evaluating it
    /// again has no effects.
    fn plain_target(&self, target: &SimpleAssignmentTarget<'a>) -> Option<String> {
        match target {
            SimpleAssignmentTarget::AssignmentTargetIdentifier(ident) => Some(self.name_text(ident)),
            SimpleAssignmentTarget::StaticMemberExpression(member) => {
                Some(format!("{}.{}", self.plain_base(&member.object)?, member.property.name))
            }
            SimpleAssignmentTarget::PrivateFieldExpression(member) => {
                Some(format!("{}.#{}", self.plain_base(&member.object)?, member.field.name))
            }
            _ => self.plain_property(target).map(|(object, key)| format!("{object}[{key}]")),
        }
    }

    /// The object and key texts of a plain property (see `plain_target`).
    fn plain_property(&self, target: &SimpleAssignmentTarget<'a>) -> Option<(String, String)> {
        match target {
            SimpleAssignmentTarget::StaticMemberExpression(member) => {
                Some((self.plain_base(&member.object)?, string_literal(&member.property.name)))
            }
            SimpleAssignmentTarget::ComputedMemberExpression(member) => {
                let key = match &member.expression {
                    // As written (the parsed value loses lone surrogates),
                    // unless a line continuation would add a line.
                    Expression::StringLiteral(key) => {
                        let raw = key.span.source_text(self.semantic.source_text());
                        if raw.contains(['\n', '\r', '\u{2028}', '\u{2029}']) {
                            return None;
                        }
                        raw.to_owned()
                    }
                    // As written: `1e999` is no name (Rust would print `inf`).
                    Expression::NumericLiteral(key) => key.span.source_text(self.semantic.source_text()).to_owned(),
                    // `super` cannot be passed as a value: its key may be a
                    // name, read again.
                    Expression::Identifier(key) if matches!(member.object, Expression::Super(_)) => self.name_text(key),
                    _ => return None,
                };
                Some((self.plain_base(&member.object)?, key))
            }
            _ => None,
        }
    }

    /// Whether `object` is `this` or a name no code writes after its
    /// declaration: reading it again gives the same object.
    fn never_rebound(&self, object: &Expression<'a>) -> bool {
        match object {
            Expression::ThisExpression(_) => true,
            Expression::Identifier(ident) => {
                let scoping = self.semantic.scoping();
                ident.reference_id.get().and_then(|id| scoping.get_reference(id).symbol_id()).is_some_and(|symbol| {
                    scoping.get_resolved_references(symbol).all(|reference| !reference.is_write())
                })
            }
            _ => false,
        }
    }

    /// A name, `this` or `super`, as the object of a plain property.
    fn plain_base(&self, object: &Expression<'a>) -> Option<String> {
        match object {
            Expression::Identifier(ident) => Some(self.name_text(ident)),
            Expression::ThisExpression(_) => Some("this".to_owned()),
            Expression::Super(_) => Some("super".to_owned()),
            _ => None,
        }
    }

    /// How a name reads in the output (an import reads through its module).
    fn name_text(&self, ident: &IdentifierReference<'a>) -> String {
        self.import_read(ident).unwrap_or_else(|| ident.name.to_string())
    }

    /// How a name bound by an import reads: through its module.
    fn import_read(&self, ident: &IdentifierReference<'a>) -> Option<String> {
        let symbol = ident.reference_id.get().and_then(|id| self.semantic.scoping().get_reference(id).symbol_id());
        symbol.and_then(|symbol| self.imports.get(&symbol)).cloned()
    }

    /// `const [a, ...r] = x`, `({ a, ...r } = x)`: a rest element copies
    /// what it destructures (an iterable drained, an object's keys), so the
    /// whole pattern's value goes through `helper`, which reads or counts
    /// it, charged, first.
    fn route_rest(&mut self, helper: &str, pattern: Span, value: Span) {
        let extra = if helper == gas::SPREAD { ", false" } else { "" };
        self.route_through(helper, value, extra);
        self.rest_routed.insert(pattern);
    }

    /// A rest element anywhere else (a parameter, a loop head, a `catch`,
    /// inside another pattern) has no value the compiler can route: V8
    /// would copy what it destructures there with no gas charged (red team:
    /// `function f([...r])` called with a 500,000-item array, 13 ms a call
    /// for ~2,500 gas).
    fn check_rest_routed(&mut self, pattern: Span, rest: Span) {
        if !self.rest_routed.contains(&pattern) {
            self.error(
                rest.start,
                "a rest element may only be in the whole pattern of a declaration or an assignment \
                 (`const [first, ...rest] = value;`, `({ a, ...others } = value);`), where its value is charged as \
                 it is copied: destructure in a statement of its own",
            );
        }
    }

    /// Whether `ident` reads `arguments` (a function's own object, or a
    /// sloppy `var arguments` that may still hold it; not a write, nor
    /// `delete arguments`): routed through [`gas::ARGUMENTS`], which
    /// leaves anything but an `arguments` object as it is.
    fn reads_arguments_object(&self, ident: &IdentifierReference<'a>) -> bool {
        self.metered
            && ident.name == "arguments"
            && ident.reference_id.get().is_some_and(|id| !self.semantic.scoping().get_reference(id).is_write())
            && !matches!(
                self.semantic.nodes().parent_kind(ident.node_id.get()),
                AstKind::UnaryExpression(unary) if unary.operator == UnaryOperator::Delete
            )
    }

    /// `f(...x)`, `new C(...x)`: the spread values are read by the library.
    fn spread_arguments(&mut self, arguments: &[Argument<'a>]) {
        for argument in arguments {
            if let Argument::SpreadElement(spread) = argument {
                self.route_through(gas::SPREAD, spread.argument.span(), ", true");
            }
        }
    }

    /// Rewrites `expression` as `(() => expression)()`, instrumented like an
    /// arrow's body: it then runs in a call of its own, which is charged and
    /// counted in the call depth (a parameter default or a field initializer
    /// runs before its function's body has entered). The arrow keeps `this`,
    /// `super`, `arguments` and `new.target` as they were.
    fn as_call(&mut self, expression: &Expression<'a>) {
        let span = expression.span();
        self.edits.open(span.start, "(() => ");
        self.edits.close(span.end, ")()");
        self.push_gas(GasPoint::ArrowBody, span.start, span.end);
        self.visit_expression(expression);
        self.pop_gas();
    }

    /// A function whose parameters destructure becomes a wrapper with plain
    /// ones that calls the original as an arrow (same `this`, `arguments`,
    /// `super` and `new.target`), inside a `try` that hands the library what
    /// it throws. The destructuring then throws in a frame that sees it: V8
    /// binds parameters before the body's own `try` begins, and the caller
    /// may be a promise job or an iterator's close, which would swallow it.
    /// An async function's body runs in an async arrow within, so that its
    /// parameters are still bound (and fail) at the call.
    fn wrap_parameters(&mut self, params: &FormalParameters<'a>, body: Span, shape: Wrapper) {
        let span = params.span;
        if self.semantic.source_text().as_bytes().get(span.start as usize) != Some(&b'(') {
            return self.error(span.start, "parameters the compiler cannot read: put them in parentheses");
        }
        // As many plain parameters as the original counts in its `length`.
        let args = if shape.setter {
            "__v8vm_arg".to_owned()
        } else {
            let counted = params.items.iter().take_while(|param| param.initializer.is_none()).count();
            (0..counted).map(|i| format!("__v8vm_p{i},")).chain(["...__v8vm_args".to_owned()]).collect::<String>()
        };
        let arrow = if shape.arrow { "=>" } else { "" };
        // The wrapper's own work: the arrow, the call, and the arguments it
        // gathers into an array and spreads again.
        // And the steps of the parameters' array patterns, taken at each call.
        let steps =
            params.items.iter().map(|param| &param.pattern).chain(params.rest.iter().map(|rest| &rest.rest.argument));
        let wrapper =
            gas::PARAMETER_WRAPPER.saturating_add(steps.map(binding_pattern_steps_cost).fold(0, u32::saturating_add));
        let charge = match (self.metered, shape.setter) {
            (false, _) => String::new(),
            (true, true) => format!("{}({wrapper});", gas::METER),
            (true, false) => {
                format!("{}({wrapper}+__v8vm_args.length*{});", gas::METER, gas::PARAMETER_WRAPPER_ARGUMENT)
            }
        };
        self.edits.open(span.start, format!("({args}){arrow}{{{charge}try{{return ("));
        if !shape.arrow {
            self.edits.close(span.end, "=>");
        }
        // Closings at one offset come out last pushed first.
        self.observe_close(body.end, format!(")({args})}}{}}}", OBSERVE_AND_RETHROW.as_str()));
        if shape.is_async {
            self.edits.open(body.start, "(async()=>");
            self.edits.close(body.end, ")()");
        }
    }

    /// A call with `arguments` arguments in the current function.
    fn count_call(&mut self, arguments: usize) {
        if let Some(frame) = self.frames.last_mut() {
            let slots = u32::try_from(arguments).unwrap_or(u32::MAX).saturating_add(2);
            frame.call_slots = frame.call_slots.max(slots);
        }
    }

    /// Inserts a hand-over to `__v8vm_caught` (with [`SITE_MARK`]) before
    /// whatever starts at `at`; its text is set when its function closes.
    fn observe_open(&mut self, at: u32, text: String) {
        let edit = self.edits.reserve_open(at);
        self.defer(edit, text);
    }

    /// The same, after whatever ends at `at`.
    fn observe_close(&mut self, at: u32, text: String) {
        let edit = self.edits.reserve_close(at);
        self.defer(edit, text);
    }

    fn defer(&mut self, edit: usize, text: String) {
        match self.frames.last_mut() {
            Some(frame) => frame.observers.push((edit, text)),
            None => self.edits.set_text(edit, text.replace(SITE_MARK, "")),
        }
    }

    /// The function being visited closes an iterator itself.
    fn closes_iterators(&mut self) {
        if let Some(frame) = self.frames.last_mut() {
            frame.most_open_iterators = frame.most_open_iterators.max(1);
        }
    }

    /// Visits an array pattern (or assignment target, or a `for await`)
    /// with `walk`: its iterator is open, inside any around it.
    fn with_open_iterator(&mut self, walk: impl FnOnce(&mut Self)) {
        if let Some(frame) = self.frames.last_mut() {
            frame.open_iterators += 1;
            frame.most_open_iterators = frame.most_open_iterators.max(frame.open_iterators);
        }
        walk(self);
        if let Some(frame) = self.frames.last_mut() {
            frame.open_iterators -= 1;
        }
    }

    fn open_frame(&mut self, start: u32) {
        self.frames.push(FrameSize { start, ..FrameSize::default() });
    }

    fn close_frame(&mut self) {
        let frame = self.frames.pop().expect("frames are balanced");
        let site = match frame.most_open_iterators {
            0 => String::new(),
            1 => format!(",{}()", gas::SITE),
            most => format!(",{}(),{most}", gas::SITE),
        };
        for (edit, text) in &frame.observers {
            self.edits.set_text(*edit, text.replace(SITE_MARK, &site));
        }
        let slots = frame.bindings + frame.call_slots + frame.max_depth;
        if slots > MAX_FRAME_SLOTS {
            self.error(
                frame.start,
                format!(
                    "this function needs {slots} values on its stack frame ({} parameters and locals, a call with {} \
                     arguments, expressions nested {} deep), over the limit of {MAX_FRAME_SLOTS}: split it",
                    frame.bindings,
                    frame.call_slots.saturating_sub(2),
                    frame.max_depth
                ),
            );
        }
    }

    fn error(&mut self, offset: u32, message: impl Into<String>) {
        let diagnostic = self.lines.at(self.file, offset, message);
        self.diagnostics.push(diagnostic);
    }

    fn resolve_at(&mut self, specifier: &str, span: Span, request: Request) -> Option<String> {
        match (self.resolve)(specifier, request) {
            Ok(id) => Some(id),
            Err(message) => {
                self.error(span.start, message);
                None
            }
        }
    }

    /// Opens a gas block charged at `at`; its closing text (if any) goes at `end`.
    fn push_gas(&mut self, point: GasPoint, at: u32, end: u32) {
        let edit = self.edits.reserve_open(at);
        if let Some(closing) = point.closing(self.metered) {
            self.observe_close(end, closing);
        }
        self.blocks.push(GasBlock { edit, point, cost: 0 });
    }

    /// Counts a node whose visit is overridden without `walk` (which is
    /// what calls `enter_node`).
    fn count_node(&mut self) {
        self.count(1);
    }

    /// An operator routed through a library helper: its call is charged.
    fn count_helper(&mut self) {
        self.count(gas::HELPER_COST);
    }

    /// An array pattern of `elements` (holes too): a step of its iterator
    /// each, and its close.
    fn count_pattern_steps(&mut self, elements: usize) {
        self.count(pattern_steps_cost(elements));
    }

    fn count(&mut self, cost: u32) {
        if let Some(block) = self.blocks.last_mut() {
            block.cost += cost;
        }
    }

    fn pop_gas(&mut self) {
        let block = self.blocks.pop().expect("gas blocks are balanced");
        let cost = block.cost + gas::BLOCK_BASE;
        self.edits.set_text(block.edit, block.point.text(cost, self.metered));
        self.gas_points += 1;
    }

    /// Visits `statement` as its own gas block (a branch or a loop body).
    fn gas_statement(&mut self, statement: &Statement<'a>) {
        self.gas_loop_body(statement, |_| {});
    }

    /// Visits a loop body as its own gas block; `per_iteration` visits the
    /// parts that run on every iteration too (test, update, left side), so
    /// they are charged there.
    fn gas_loop_body(&mut self, body: &Statement<'a>, per_iteration: impl FnOnce(&mut Self)) {
        match body {
            Statement::BlockStatement(block) => self.push_gas(GasPoint::Statement, block.span.start + 1, 0),
            other => self.push_gas(GasPoint::WrapStatement, other.span().start, other.span().end),
        }
        per_iteration(self);
        match body {
            Statement::BlockStatement(block) => self.visit_block_statement(block),
            other => self.visit_statement(other),
        }
        self.pop_gas();
    }

    fn gas_expression(&mut self, expression: &Expression<'a>) {
        let span = expression.span();
        self.push_gas(GasPoint::WrapExpression, span.start, span.end);
        self.visit_expression(expression);
        self.pop_gas();
    }

    /// Where a function body's or program's charge goes: after its directives.
    fn gas_body_start(&mut self, block_start: u32, directives: &[Directive<'a>]) {
        match directives.last() {
            Some(last) => self.push_gas(GasPoint::AfterDirectives, last.span.end, 0),
            None => self.push_gas(GasPoint::Statement, block_start, 0),
        }
    }

    /// Reads the ES module declarations, records imported bindings, removes
    /// the declarations' own syntax and reserves the prefix that replaces them.
    fn esm_prefix(&mut self, program: &Program<'a>) -> Option<EsmPrefix> {
        let is_esm = program.body.iter().any(|s| s.is_module_declaration());
        if !is_esm {
            return None;
        }
        let index = self.edits.reserve_open(0);
        let mut text = format!("\"use strict\";{}(exports);", gas::ESM_MARK);
        let mut exported: Vec<(String, String)> = Vec::new();
        for statement in &program.body {
            let Some(declaration) = statement.as_module_declaration() else { continue };
            match declaration {
                ModuleDeclaration::ImportDeclaration(import) => {
                    self.edits.replace(import.span.start, import.span.end, "");
                    let Some(id) = self.resolve_at(&import.source.value, import.source.span, Request::Import) else {
                        continue;
                    };
                    let module = self.import_module(&mut text, &id);
                    for specifier in import.specifiers.iter().flatten() {
                        let (local, read) = match specifier {
                            ImportDeclarationSpecifier::ImportSpecifier(s) => {
                                (&s.local, format!("{module}{}", member(&s.imported.name())))
                            }
                            ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                                (&s.local, format!("{module}.default"))
                            }
                            ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => (&s.local, module.clone()),
                        };
                        if let Some(symbol) = local.symbol_id.get() {
                            self.imports.insert(symbol, read);
                        }
                    }
                }
                ModuleDeclaration::ExportDeclaration(export) => {
                    self.edits.replace(export.span.start, export.declaration.span().start, "");
                    export.declaration.bound_names(&mut |ident: &BindingIdentifier<'a>| {
                        exported.push((ident.name.to_string(), ident.name.to_string()));
                    });
                }
                ModuleDeclaration::ExportNamedDeclaration(export) => {
                    self.edits.replace(export.span.start, export.span.end, "");
                    for specifier in &export.specifiers {
                        let read = match &specifier.local {
                            ModuleExportName::IdentifierReference(ident) => self.read_local(ident),
                            local => local.name().to_string(),
                        };
                        // `export { C as default }`
                        if specifier.exported.name() == "default" {
                            self.exported_class = Some(specifier.local.name().to_string());
                        }
                        exported.push((specifier.exported.name().to_string(), read));
                    }
                }
                ModuleDeclaration::ExportFromDeclaration(export) => {
                    self.edits.replace(export.span.start, export.span.end, "");
                    let Some(id) = self.resolve_at(&export.source.value, export.source.span, Request::Import) else {
                        continue;
                    };
                    let module = self.import_module(&mut text, &id);
                    for specifier in &export.specifiers {
                        exported.push((
                            specifier.exported.name().to_string(),
                            format!("{module}{}", member(&specifier.local.name())),
                        ));
                    }
                }
                ModuleDeclaration::ExportDefaultDeclaration(export) => {
                    let declaration_start = export.declaration.span().start;
                    let named = match &export.declaration {
                        ExportDefaultDeclarationKind::FunctionDeclaration(f) => f.id.as_ref(),
                        ExportDefaultDeclarationKind::ClassDeclaration(c) => c.id.as_ref(),
                        _ => None,
                    };
                    match &export.declaration {
                        ExportDefaultDeclarationKind::ClassDeclaration(class) => {
                            match (&class.id, constructor_offset(class)) {
                                (Some(id), _) => self.exported_class = Some(id.name.to_string()),
                                (None, Some(offset)) => self.constructor_error(offset),
                                (None, None) => {}
                            }
                        }
                        // `export default C;`
                        ExportDefaultDeclarationKind::Identifier(ident) => {
                            self.exported_class = Some(ident.name.to_string());
                        }
                        _ => {}
                    }
                    match named {
                        Some(id) => {
                            self.edits.replace(export.span.start, declaration_start, "");
                            exported.push(("default".into(), id.name.to_string()));
                        }
                        None => self.edits.replace(export.span.start, declaration_start, "exports.default = "),
                    }
                }
                ModuleDeclaration::ExportAllDeclaration(export) => {
                    self.edits.replace(export.span.start, export.span.end, "");
                    let Some(id) = self.resolve_at(&export.source.value, export.source.span, Request::Import) else {
                        continue;
                    };
                    match &export.exported {
                        Some(name) => {
                            let module = self.import_module(&mut text, &id);
                            exported.push((name.name().to_string(), module));
                        }
                        None => text.push_str(&format!("{}(exports, require({id:?}));", gas::EXPORT_STAR)),
                    }
                }
                _ => {}
            }
        }
        for (name, read) in exported {
            text.push_str(&format!("{}(exports, {name:?}, () => {read});", gas::EXPORT));
        }
        Some(EsmPrefix { index, text })
    }

    /// Adds `const __v8vm_mN = __v8vm_esm(require("id"));` and returns its name.
    fn import_module(&mut self, text: &mut String, id: &str) -> String {
        let name = format!("{RESERVED_PREFIX}_m{}", self.module_count);
        self.module_count += 1;
        text.push_str(&format!("const {name} = {}(require({id:?}));", gas::ESM_INTEROP));
        name
    }

    /// How to read local binding `ident` (an import reads through its module).
    fn read_local(&self, ident: &IdentifierReference<'a>) -> String {
        ident
            .reference_id
            .get()
            .and_then(|id| self.semantic.scoping().get_reference(id).symbol_id())
            .and_then(|symbol| self.imports.get(&symbol).cloned())
            .unwrap_or_else(|| ident.name.to_string())
    }

    /// The exported class of the entry module is instantiated for every
    /// call: it may not have a constructor (deploy-time setup is `init`).
    fn check_exported_class(&mut self) {
        if let Some(offset) = self.exported_class.as_ref().and_then(|name| self.constructors.get(name)).copied() {
            self.constructor_error(offset);
        }
    }

    fn constructor_error(&mut self, offset: u32) {
        self.error(
            offset,
            "the contract class must not have a constructor: it is created for every call; \
             put deploy-time setup in init()",
        );
    }

    fn check_reserved(&mut self, name: &str, span: Span) {
        if name.starts_with(RESERVED_PREFIX) {
            self.error(
                span.start,
                format!("`{name}` is reserved: names starting with {RESERVED_PREFIX} belong to the compiler"),
            );
        }
    }

    fn record_jsdoc(&mut self, method: &MethodDefinition<'a>) {
        if method.r#static || method.kind != MethodDefinitionKind::Method {
            return;
        }
        let Some(name) = method.key.static_name() else { return };
        let Some(comment) = self.comments.iter().rev().find(|c| c.attached_to == method.span.start && c.is_jsdoc())
        else {
            return;
        };
        let text = comment.span.source_text(self.semantic.source_text());
        let mut types = Vec::new();
        for (offset, line) in line_offsets(text) {
            let Some(at) = line.find("@param") else { continue };
            let rest = line[at + 6..].trim_start();
            let Some(ty) = rest.strip_prefix('{').and_then(|r| r.split_once('}')).map(|(ty, _)| ty.trim()) else {
                continue;
            };
            match ArgType::from_jsdoc(ty) {
                Some(arg) => types.push(arg),
                None => self.error(
                    comment.span.start + offset as u32 + at as u32,
                    format!("unknown ABI type `{ty}` in the JSDoc of `{name}`: use string, bool, number or json"),
                ),
            }
        }
        if !types.is_empty() {
            self.jsdoc.insert(name.to_string(), types);
        }
    }
}

/// Where `class`'s constructor starts, if it has one.
fn constructor_offset(class: &Class<'_>) -> Option<u32> {
    class.body.body.iter().find_map(|element| match element {
        ClassElement::MethodDefinition(m) if m.kind == MethodDefinitionKind::Constructor => Some(m.span.start),
        _ => None,
    })
}

/// Where `token` is between `from` and `to`, past whitespace, comments and
/// (with `past_parens`) the parentheses closing a target; `None` when
/// anything else comes first.
fn token_offset(source: &str, from: u32, to: u32, token: &str, past_parens: bool) -> Option<u32> {
    let mut rest = &source[from as usize..to as usize];
    loop {
        let trimmed = rest.trim_start();
        let trimmed =
            if past_parens { trimmed.trim_start_matches(|c: char| c == ')' || c.is_whitespace()) } else { trimmed };
        // `<!--` and `-->` (Annex B HTML-like comments) run to the line's end.
        if let Some(comment) =
            trimmed.strip_prefix("//").or_else(|| trimmed.strip_prefix("<!--")).or_else(|| trimmed.strip_prefix("-->"))
        {
            rest = comment.find('\n').map_or("", |end| &comment[end..]);
        } else if let Some(comment) = trimmed.strip_prefix("/*") {
            rest = comment.find("*/").map_or("", |end| &comment[end + 2..]);
        } else {
            return trimmed.starts_with(token).then(|| to - trimmed.len() as u32);
        }
    }
}

/// Whether `key` may name a typed array's element (a number, or the text
/// of one), `length` or `prototype`: anything but a string literal that
/// starts as no number's text does (a digit, `-`, `Infinity`, `NaN`).
fn may_name_checked_property(key: &Expression<'_>) -> bool {
    match key {
        Expression::StringLiteral(text) => {
            text.value == "length"
                || text.value == "prototype"
                || text.value.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | 'I' | 'N'))
        }
        Expression::ParenthesizedExpression(inner) => may_name_checked_property(&inner.expression),
        _ => true,
    }
}

/// Whether writing `target` may set an array's `length`: `o.length`, or a
/// key that may be `'length'` (not a literal of another name, not a
/// number). (`super.length = v` writes `this`'s: it is refused as other
/// `super` writes the library must see are.)
fn may_set_length(semantic: &Semantic<'_>, target: &SimpleAssignmentTarget<'_>) -> bool {
    match target {
        SimpleAssignmentTarget::StaticMemberExpression(member) => member.property.name == "length",
        SimpleAssignmentTarget::ComputedMemberExpression(member) => match member.expression.without_parentheses() {
            Expression::StringLiteral(key) => key.value == "length",
            // (A number is never the key `'length'`.)
            key => !operands::key_is_plain(semantic, key) && !is_numeric(key),
        },
        _ => false,
    }
}

/// `super[k]` or `super.p`.
fn is_super_property(target: &AssignmentTarget<'_>) -> bool {
    target.as_member_expression().is_some_and(|member| matches!(member.object(), Expression::Super(_)))
}

/// `text` as a JavaScript string literal, on one line.
fn string_literal(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

/// Whether `expression` has an `await` or `yield` of its own function (which
/// an arrow around it would break).
fn suspends(expression: &Expression<'_>) -> bool {
    struct Finder(bool);
    impl<'a> Visit<'a> for Finder {
        fn visit_await_expression(&mut self, _: &AwaitExpression<'a>) {
            self.0 = true;
        }
        fn visit_yield_expression(&mut self, _: &YieldExpression<'a>) {
            self.0 = true;
        }
        fn visit_function(&mut self, _: &Function<'a>, _: ScopeFlags) {}
        fn visit_arrow_function_expression(&mut self, _: &ArrowFunctionExpression<'a>) {}
    }
    let mut finder = Finder(false);
    finder.visit_expression(expression);
    finder.0
}

/// What kind of function [`Transformer::wrap_parameters`] wraps.
#[derive(Debug, Clone, Copy)]
struct Wrapper {
    arrow: bool,
    is_async: bool,
    setter: bool,
}

/// Whether any parameter is a pattern (`{a}`, `[a]`, with or without a
/// default, or after `...`). Defaults alone need nothing: each runs as a
/// call of its own (see `visit_formal_parameter`).
fn destructures(params: &FormalParameters<'_>) -> bool {
    let pattern = |pattern: &BindingPattern<'_>| !matches!(pattern, BindingPattern::BindingIdentifier(_));
    params.items.iter().any(|param| pattern(&param.pattern))
        || params.rest.as_ref().is_some_and(|rest| pattern(&rest.rest.argument))
}

/// The charge for the steps of an array pattern of `elements`.
fn pattern_steps_cost(elements: usize) -> u32 {
    u32::try_from(elements).unwrap_or(u32::MAX).saturating_add(1).saturating_mul(gas::PATTERN_STEP)
}

/// The charge for the steps of every array pattern in `pattern`.
fn binding_pattern_steps_cost(pattern: &BindingPattern<'_>) -> u32 {
    match pattern {
        BindingPattern::BindingIdentifier(_) => 0,
        BindingPattern::AssignmentPattern(assignment) => binding_pattern_steps_cost(&assignment.left),
        BindingPattern::ArrayPattern(array) => array
            .elements
            .iter()
            .flatten()
            .chain(array.rest.iter().map(|rest| &rest.argument))
            .map(binding_pattern_steps_cost)
            .fold(pattern_steps_cost(array.elements.len()), u32::saturating_add),
        BindingPattern::ObjectPattern(object) => object
            .properties
            .iter()
            .map(|property| &property.value)
            .chain(object.rest.iter().map(|rest| &rest.argument))
            .map(binding_pattern_steps_cost)
            .fold(0, u32::saturating_add),
    }
}

/// Whether `target` is `module.exports`.
fn is_module_exports(target: &AssignmentTarget<'_>) -> bool {
    matches!(target, AssignmentTarget::StaticMemberExpression(member)
        if member.property.name == "exports"
            && matches!(&member.object, Expression::Identifier(object) if object.name == "module"))
}

/// Whether `expression` does bounded work without a gas point of its own and
/// cannot throw: a literal, a function or an arrow (keeping it unwrapped also
/// keeps the name a field gives it). Not a class: its `extends`, computed
/// keys and static blocks run and can throw, and an instance field's
/// initializer has no `try` of the compiler's around it.
fn is_bounded_value(expression: &Expression<'_>) -> bool {
    matches!(
        expression,
        Expression::NumericLiteral(_)
            | Expression::StringLiteral(_)
            | Expression::BooleanLiteral(_)
            | Expression::NullLiteral(_)
            | Expression::BigIntLiteral(_)
            | Expression::FunctionExpression(_)
            | Expression::ArrowFunctionExpression(_)
    )
}

/// Whether a template's substitution is surely no number and no BigInt (a
/// string or template literal, a type's name, a boolean): any other may be
/// one made text.
fn is_no_number(expression: &Expression<'_>) -> bool {
    match expression {
        Expression::StringLiteral(_)
        | Expression::TemplateLiteral(_)
        | Expression::BooleanLiteral(_)
        | Expression::NullLiteral(_) => true,
        Expression::ParenthesizedExpression(inner) => is_no_number(&inner.expression),
        Expression::UnaryExpression(unary) => {
            matches!(unary.operator, UnaryOperator::Typeof | UnaryOperator::LogicalNot | UnaryOperator::Void)
        }
        Expression::BinaryExpression(binary) => !binary.operator.is_arithmetic() && !binary.operator.is_bitwise(),
        _ => false,
    }
}

/// `.name` when `name` is an identifier, else `["name"]`.
fn member(name: &str) -> String {
    let identifier = name
        .chars()
        .enumerate()
        .all(|(i, c)| c == '_' || c == '$' || c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit()));
    if identifier && !name.is_empty() {
        format!(".{name}")
    } else {
        format!("[{name:?}]")
    }
}

/// Lines of `text` with their byte offsets.
fn line_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split('\n').map(move |line| {
        let start = offset;
        offset += line.len() + 1;
        (start, line)
    })
}

impl<'a> Visit<'a> for Transformer<'a, '_, '_> {
    fn enter_node(&mut self, kind: AstKind<'a>) {
        if let Some(block) = self.blocks.last_mut() {
            block.cost += gas::node_cost(&kind);
        }
    }

    fn visit_program(&mut self, it: &Program<'a>) {
        let start = it.hashbang.as_ref().map_or(0, |h| h.span.end);
        self.gas_body_start(start, &it.directives);
        let site = self.edits.reserve_open(it.directives.last().map_or(start, |last| last.span.end));
        // The module function: exports, require, module, __filename, __dirname.
        self.open_frame(start);
        self.frames.last_mut().expect("just opened").bindings = 5;
        walk::walk_program(self, it);
        let closes = self.frames.last().map_or(0, |frame| frame.most_open_iterators);
        self.close_frame();
        let site_text = match closes {
            0 => String::new(),
            closes => format!("{}({}(),{closes});", gas::MODULE_SITE, gas::SITE),
        };
        self.edits.set_text(site, site_text);
        self.pop_gas();
    }

    fn visit_module_declaration(&mut self, it: &ModuleDeclaration<'a>) {
        match it {
            // Their syntax was replaced by the prefix; only declarations run.
            ModuleDeclaration::ImportDeclaration(_)
            | ModuleDeclaration::ExportAllDeclaration(_)
            | ModuleDeclaration::ExportNamedDeclaration(_)
            | ModuleDeclaration::ExportFromDeclaration(_) => {}
            ModuleDeclaration::ExportDeclaration(export) => self.visit_declaration(&export.declaration),
            ModuleDeclaration::ExportDefaultDeclaration(export) => match &export.declaration {
                ExportDefaultDeclarationKind::FunctionDeclaration(f) => self.visit_function(f, ScopeFlags::Function),
                ExportDefaultDeclarationKind::ClassDeclaration(c) => self.visit_class(c),
                other => {
                    if let Some(expression) = other.as_expression() {
                        self.visit_expression(expression);
                    }
                }
            },
            _ => walk::walk_module_declaration(self, it),
        }
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        self.function_depth += 1;
        self.open_frame(it.span.start);
        if let Some(body) = &it.body {
            if destructures(&it.params) {
                if it.generator {
                    self.error(
                        it.params.span.start,
                        "a generator function cannot destructure its parameters: take plain parameters and \
                         destructure them in its body",
                    );
                } else {
                    let setter = self.setter == Some(it.span.start);
                    let shape = Wrapper { arrow: false, is_async: it.r#async, setter };
                    self.wrap_parameters(&it.params, body.span, shape);
                }
            }
        }
        walk::walk_function(self, it, flags);
        self.close_frame();
        self.function_depth -= 1;
    }

    fn visit_function_body(&mut self, it: &FunctionBody<'a>) {
        let outer = std::mem::replace(&mut self.in_parameters, false);
        // Charged, and counted in the call depth until it returns or throws.
        let end = it.span.end - 1;
        let start = it.directives.last().map_or(it.span.start + 1, |last| last.span.end);
        if it.statements.is_empty() {
            self.push_gas(GasPoint::EmptyFunctionBody, start, end);
        } else if it.directives.is_empty() {
            self.push_gas(GasPoint::FunctionBody, start, end);
        } else {
            self.push_gas(GasPoint::FunctionAfterDirectives, start, end);
        }
        walk::walk_function_body(self, it);
        self.pop_gas();
        self.in_parameters = outer;
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        self.function_depth += 1;
        self.open_frame(it.span.start);
        if destructures(&it.params) {
            let body = it.body.as_expression().map_or(it.body.span(), |expression| expression.span());
            self.wrap_parameters(&it.params, body, Wrapper { arrow: true, is_async: it.r#async, setter: false });
        }
        match &it.body {
            ArrowFunctionBody::FunctionBody(body) => {
                self.visit_formal_parameters(&it.params);
                self.visit_function_body(body);
            }
            body => {
                self.visit_formal_parameters(&it.params);
                if let Some(expression) = body.as_expression() {
                    let span = expression.span();
                    self.push_gas(GasPoint::ArrowBody, span.start, span.end);
                    self.visit_expression(expression);
                    self.pop_gas();
                }
            }
        }
        self.close_frame();
        self.function_depth -= 1;
    }

    fn visit_static_block(&mut self, it: &StaticBlock<'a>) {
        // The charge goes after the opening brace of `static {`.
        let text = &self.semantic.source_text()[it.span.start as usize..it.span.end as usize];
        let brace = text.find('{').unwrap_or(0) as u32;
        self.push_gas(GasPoint::Statement, it.span.start + brace + 1, 0);
        walk::walk_static_block(self, it);
        self.pop_gas();
    }

    fn visit_if_statement(&mut self, it: &IfStatement<'a>) {
        self.count_node();
        self.visit_expression(&it.test);
        self.gas_statement(&it.consequent);
        if let Some(alternate) = &it.alternate {
            self.gas_statement(alternate);
        }
    }

    fn visit_for_statement(&mut self, it: &ForStatement<'a>) {
        self.count_node();
        if let Some(init) = &it.init {
            self.visit_for_statement_init(init);
        }
        self.gas_loop_body(&it.body, |this| {
            if let Some(test) = &it.test {
                this.visit_expression(test);
            }
            if let Some(update) = &it.update {
                this.visit_expression(update);
            }
        });
    }

    fn visit_while_statement(&mut self, it: &WhileStatement<'a>) {
        self.count_node();
        self.gas_loop_body(&it.body, |this| this.visit_expression(&it.test));
    }

    fn visit_do_while_statement(&mut self, it: &DoWhileStatement<'a>) {
        self.count_node();
        self.gas_loop_body(&it.body, |this| this.visit_expression(&it.test));
    }

    fn visit_for_in_statement(&mut self, it: &ForInStatement<'a>) {
        self.count_node();
        // V8 collects every key before the first iteration: charged first.
        self.route_through(gas::FOR_IN, it.right.span(), "");
        self.visit_expression(&it.right);
        self.gas_loop_body(&it.body, |this| this.visit_for_statement_left(&it.left));
    }

    fn visit_for_of_statement(&mut self, it: &ForOfStatement<'a>) {
        if it.r#await {
            // V8 closes the contract's own async iterator, open for the
            // whole loop.
            self.count_node();
            self.visit_expression(&it.right);
            self.with_open_iterator(|this| {
                this.gas_loop_body(&it.body, |this| this.visit_for_statement_left(&it.left));
            });
            return;
        }
        // The library's iterator, whose `return` is always a function.
        self.closes_iterators();
        self.route_through(gas::ITERATE, it.right.span(), "");
        self.count_node();
        self.visit_expression(&it.right);
        self.gas_loop_body(&it.body, |this| this.visit_for_statement_left(&it.left));
    }

    fn visit_switch_statement(&mut self, it: &SwitchStatement<'a>) {
        // Each case is compared with `===`: where the value and some cases
        // may be long strings, `switch (__v8vm_cases(value, n))` charges
        // for comparing it with the `n` of them first (`equals_in_bounded_time`).
        let semantic = self.semantic;
        let unbounded = it
            .cases
            .iter()
            .filter_map(|case| case.test.as_ref())
            .filter(|test| !operands::equals_in_bounded_time(semantic, &it.discriminant, test))
            .count();
        if unbounded > 0 {
            self.route_through(gas::CASES, it.discriminant.span(), &format!(", {unbounded}"));
        }
        walk::walk_switch_statement(self, it);
    }

    fn visit_switch_case(&mut self, it: &SwitchCase<'a>) {
        if let Some(test) = &it.test {
            self.visit_expression(test);
        }
        if let Some(first) = it.consequent.first() {
            self.push_gas(GasPoint::Statement, first.span().start, 0);
            self.visit_statements(&it.consequent);
            self.pop_gas();
        }
    }

    fn visit_catch_clause(&mut self, it: &CatchClause<'a>) {
        // The library sees what was caught first (a pattern's value is
        // handed over by the `try` block itself: see visit_try_statement).
        let body = it.body.span.start + 1;
        match &it.param {
            None => {
                let keyword = it.span.start + "catch".len() as u32;
                if self.semantic.source_text().get(it.span.start as usize..keyword as usize) == Some("catch") {
                    self.edits.close(keyword, format!("({CAUGHT_VALUE})"));
                    self.observe_open(body, format!("{}({CAUGHT_VALUE}{SITE_MARK});", gas::CAUGHT));
                } else {
                    self.error(it.span.start, "a `catch` the compiler cannot read: write `catch (e)`");
                }
            }
            Some(param) => {
                if let BindingPattern::BindingIdentifier(name) = &param.pattern {
                    self.observe_open(body, format!("{}({}{SITE_MARK});", gas::CAUGHT, name.name));
                }
                self.visit_catch_parameter(param);
            }
        }
        self.push_gas(GasPoint::Statement, it.body.span.start + 1, 0);
        self.visit_block_statement(&it.body);
        self.pop_gas();
    }

    fn visit_try_statement(&mut self, it: &TryStatement<'a>) {
        self.count_node();
        // A `finally` can swallow what the rest threw (`break`, `continue`,
        // `return` or a throw of its own): the library sees it first.
        if it.finalizer.is_some() {
            match &it.handler {
                // `try{A}catch(t){...}finally{B}`
                None => self.observe_close(it.block.span.end, OBSERVE_AND_RETHROW.clone()),
                // `try{try{A}catch(e){C}}catch(t){...}finally{B}`
                Some(handler) => {
                    self.edits.open(it.span.start, "try{");
                    self.observe_close(handler.span.end, format!("}}{}", OBSERVE_AND_RETHROW.as_str()));
                }
            }
        }
        // A catch parameter that destructures leaves no name for what was
        // caught: the `try` block hands it over as it leaves.
        if it.handler.as_ref().is_some_and(|handler| {
            handler.param.as_ref().is_some_and(|param| !matches!(param.pattern, BindingPattern::BindingIdentifier(_)))
        }) {
            self.edits.open(it.block.span.start + 1, "try{");
            self.observe_close(it.block.span.end - 1, format!("}}{}", OBSERVE_AND_RETHROW.as_str()));
        }
        self.visit_block_statement(&it.block);
        if let Some(handler) = &it.handler {
            self.visit_catch_clause(handler);
        }
        if let Some(finalizer) = &it.finalizer {
            self.push_gas(GasPoint::Statement, finalizer.span.start + 1, 0);
            self.visit_block_statement(finalizer);
            self.pop_gas();
        }
    }

    fn visit_conditional_expression(&mut self, it: &ConditionalExpression<'a>) {
        self.count_node();
        self.visit_expression(&it.test);
        self.gas_expression(&it.consequent);
        self.gas_expression(&it.alternate);
    }

    fn visit_logical_expression(&mut self, it: &LogicalExpression<'a>) {
        self.count_node();
        self.visit_expression(&it.left);
        self.gas_expression(&it.right);
    }

    fn visit_binary_expression(&mut self, it: &BinaryExpression<'a>) {
        // In a module `a <!--b` is `a < !--b`, but the bundle runs as a
        // script, where `<!--` starts a comment to the end of the line: V8
        // would run code the compiler read as something else, unmetered
        // (red team round 21). Only an ES module can reach here with it.
        let source = self.semantic.source_text();
        if it.operator == BinaryOperator::LessThan
            && source[..it.right.span().start as usize].ends_with('<')
            && source[it.right.span().start as usize..].starts_with("!--")
        {
            self.error(
                it.right.span().start - 1,
                "`<!--` opens an HTML-like comment where contracts run (as scripts): put a space between `<` and `!`",
            );
        }
        // `a + b` -> `__v8vm_plus(a, b)`: strings are charged by size and
        // BigInts capped; left as is only when it adds numbers for sure.
        // `a * b` -> `__v8vm_times(a, b)` and the like (`numeric_helper`):
        // BigInts are sized; left as is when one side is surely no BigInt.
        // `a < b` -> `__v8vm_less(a, b)` and the like (`comparison_helper`):
        // a string compared with a BigInt is charged for its parse; left as
        // is when no side can be a BigInt meeting a long string.
        // Each of them also when a side may be a long string that V8 would
        // scan, reading it as a number or comparing it with another
        // (`reads_no_long_string` and its kin).
        let (left, right) = (&it.left, &it.right);
        let semantic = self.semantic;
        let helper = match it.operator {
            BinaryOperator::Addition => Some(gas::PLUS)
                .filter(|_| !(is_numeric(left) && is_numeric(right) && (never_bigint(left) || never_bigint(right)))),
            BinaryOperator::StrictEquality | BinaryOperator::StrictInequality => {
                gas::comparison_helper(it.operator).filter(|_| !operands::equals_in_bounded_time(semantic, left, right))
            }
            operator => match gas::comparison_helper(operator) {
                Some(helper) => Some(helper).filter(|_| {
                    let loose = matches!(operator, BinaryOperator::Equality | BinaryOperator::Inequality);
                    !(operands::compares_without_parsing(semantic, left, right)
                        && operands::compares_strings_in_bounded_time(semantic, left, right, loose))
                }),
                None => gas::numeric_helper(operator).filter(|_| {
                    let both_may_be_bigints = !never_bigint(left) && !never_bigint(right);
                    (both_may_be_bigints && operator != BinaryOperator::ShiftRightZeroFill)
                        || !operands::reads_no_long_string(semantic, &[left, right])
                }),
            },
        };
        // `k in o`: the key as for `o[k]`.
        if it.operator == BinaryOperator::In && !operands::key_is_plain(self.semantic, &it.left) {
            self.route_through(gas::KEY, it.left.span(), "");
        }
        if let Some(helper) = helper.filter(|_| self.metered) {
            let (left, right) = (it.left.span(), it.right.span());
            if helper != gas::PLUS {
                self.count_helper();
            }
            self.open_call(left.start, helper);
            self.edits.replace(left.end, right.start, ",");
            self.edits.close(right.end, ")");
        }
        walk::walk_binary_expression(self, it);
    }

    fn visit_assignment_expression(&mut self, it: &AssignmentExpression<'a>) {
        self.count_node();
        let super_store = self.store_routed(it) && is_super_property(&it.left);
        if super_store {
            self.super_store_error(it.left.span(), &format!("`{}` on", it.operator.as_str()));
        } else if self.store_routed(it) {
            self.stores_routed.insert(it.left.span());
            if it.operator == AssignmentOperator::Assign {
                self.route_put(it);
            }
        }
        match &it.left {
            AssignmentTarget::ArrayAssignmentTarget(target) if target.rest.is_some() => {
                self.route_rest(gas::SPREAD, target.span, it.right.span());
            }
            AssignmentTarget::ObjectAssignmentTarget(target) if target.rest.is_some() => {
                self.route_rest(gas::SPREAD_OBJECT, target.span, it.right.span());
            }
            _ => {}
        }
        if is_module_exports(&it.left) {
            match &it.right {
                Expression::Identifier(name) => self.exported_class = Some(name.name.to_string()),
                Expression::ClassExpression(class) => {
                    if let Some(offset) = constructor_offset(class) {
                        self.constructor_error(offset);
                    }
                }
                _ => {}
            }
        }
        self.visit_assignment_target(&it.left);
        match self.compound_helper(it) {
            Some(helper) => {
                if helper != gas::APPEND {
                    self.count_helper();
                }
                if !super_store {
                    self.route_compound(it, helper);
                }
                self.visit_expression(&it.right);
            }
            // The right side of `||=`, `&&=`, `??=` runs only sometimes.
            None if it.operator.is_logical() => {
                if self.stores_routed.contains(&it.left.span()) {
                    self.route_compound(
                        it,
                        &string_literal(it.operator.to_logical_operator().map_or("", |o| o.as_str())),
                    );
                }
                self.gas_expression(&it.right);
            }
            None => self.visit_expression(&it.right),
        }
    }

    fn visit_update_expression(&mut self, it: &UpdateExpression<'a>) {
        self.route_update(it);
        walk::walk_update_expression(self, it);
    }

    fn visit_unary_expression(&mut self, it: &UnaryExpression<'a>) {
        // `+x`, `-x`, `~x` -> `__v8vm_positive(x)` and the like when `x` may
        // be a long string, which V8 would scan to read a number.
        if let Some(helper) = gas::unary_helper(it.operator)
            .filter(|_| self.metered && !operands::reads_no_long_string(self.semantic, &[&it.argument]))
        {
            self.count_helper();
            self.open_call(it.span.start, helper);
            self.edits.replace(it.span.start, it.span.start + 1, "");
            self.edits.close(it.span.end, ")");
        }
        walk::walk_unary_expression(self, it);
    }

    fn visit_reg_exp_literal(&mut self, it: &RegExpLiteral<'a>) {
        // V8 compiles a regex literal at its first exec, where nothing can
        // interrupt it: a pattern it would take long over is refused here.
        if let Err(error) = crate::regex::check_regex(&it.regex.pattern.text, &it.regex.flags.to_string()) {
            self.error(it.span.start, format!("regular expression: {error}"));
        }
    }

    fn visit_big_int_literal(&mut self, it: &BigIntLiteral<'a>) {
        // `value` is the literal in base 10, without separators.
        let digits = it.value.trim_start_matches('0').len();
        if digits > MAX_BIGINT_LITERAL_DIGITS {
            self.error(
                it.span.start,
                format!(
                    "a BigInt literal of {digits} decimal digits, over the limit of {MAX_BIGINT_LITERAL_DIGITS} (a \
                     BigInt holds at most 8,192 bits)"
                ),
            );
        }
        walk::walk_big_int_literal(self, it);
    }

    fn visit_computed_member_expression(&mut self, it: &ComputedMemberExpression<'a>) {
        // A key that may be a BigInt (or an object that becomes one) is
        // formatted in decimal, quadratic in its digits, and a long string
        // hashed and compared: converted and checked by the library
        // (`key_is_plain`). Not the target of a compound assignment, whose
        // key `__v8vm_update` converts, of `++`/`--` (`__v8vm_step_property`),
        // or a property the library writes (`stores_routed`).
        let skipped = self.stores_routed.contains(&it.span)
            || match self.semantic.nodes().parent_kind(it.node_id.get()) {
                AstKind::AssignmentExpression(assignment) => {
                    assignment.left.span() == it.span && self.compound_helper(assignment).is_some()
                }
                AstKind::UpdateExpression(update) => self.update_routed(update),
                _ => false,
            };
        if !skipped && !operands::key_is_plain(self.semantic, &it.expression) {
            self.route_through(gas::KEY, it.expression.span(), "");
        }
        walk::walk_computed_member_expression(self, it);
    }

    fn visit_template_literal(&mut self, it: &TemplateLiteral<'a>) {
        if self.metered && !it.expressions.is_empty() {
            self.open_call(it.span.start, gas::STR);
            self.edits.close(it.span.end, ")");
            // A BigInt substitution is formatted in time quadratic in its
            // digits, a fraction by finding its shortest digits: each that
            // may be either is converted by the library.
            for expression in it.expressions.iter().filter(|expression| !is_no_number(expression)) {
                self.route_through(gas::TEXT, expression.span(), "");
            }
        }
        walk::walk_template_literal(self, it);
    }

    fn visit_tagged_template_expression(&mut self, it: &TaggedTemplateExpression<'a>) {
        self.count_node();
        if let Some(block) = self.blocks.last_mut() {
            block.cost += gas::CALL_COST;
        }
        // The tag receives the strings; only the substitutions are visited.
        self.visit_expression(&it.tag);
        for expression in &it.quasi.expressions {
            self.visit_expression(expression);
        }
    }

    fn visit_expression(&mut self, it: &Expression<'a>) {
        if let Some(frame) = self.frames.last_mut() {
            frame.depth += 1;
            frame.max_depth = frame.max_depth.max(frame.depth);
        }
        walk::walk_expression(self, it);
        if let Some(frame) = self.frames.last_mut() {
            frame.depth -= 1;
        }
    }

    fn visit_new_expression(&mut self, it: &NewExpression<'a>) {
        self.count_call(it.arguments.len());
        self.spread_arguments(&it.arguments);
        walk::walk_new_expression(self, it);
    }

    fn visit_array_expression(&mut self, it: &ArrayExpression<'a>) {
        for element in &it.elements {
            if let ArrayExpressionElement::SpreadElement(spread) = element {
                self.route_through(gas::SPREAD, spread.argument.span(), ", false");
            }
        }
        walk::walk_array_expression(self, it);
    }

    fn visit_object_expression(&mut self, it: &ObjectExpression<'a>) {
        for property in &it.properties {
            match property {
                ObjectPropertyKind::SpreadProperty(spread) => {
                    self.route_through(gas::SPREAD_OBJECT, spread.argument.span(), "");
                }
                // `__proto__: p` (not computed, not shorthand, not a method)
                // sets the literal's prototype.
                ObjectPropertyKind::ObjectProperty(property)
                    if property.kind == PropertyKind::Init
                        && !property.computed
                        && !property.shorthand
                        && !property.method
                        && property.key.static_name().is_some_and(|name| name == "__proto__") =>
                {
                    self.route_through(gas::PROTO, property.value.span(), "");
                }
                ObjectPropertyKind::ObjectProperty(_) => {}
            }
        }
        walk::walk_object_expression(self, it);
    }

    fn visit_formal_parameters(&mut self, it: &FormalParameters<'a>) {
        let outer = std::mem::replace(&mut self.in_parameters, true);
        walk::walk_formal_parameters(self, it);
        self.in_parameters = outer;
    }

    fn visit_formal_parameter(&mut self, it: &FormalParameter<'a>) {
        self.count_node();
        self.visit_binding_pattern(&it.pattern);
        // A default runs at each call that leaves its argument undefined,
        // before the function's body has entered: it runs as a call of its
        // own, charged and counted in the call depth there.
        if let Some(default) = &it.initializer {
            self.as_call(default);
        }
    }

    fn visit_assignment_pattern(&mut self, it: &AssignmentPattern<'a>) {
        self.count_node();
        self.visit_binding_pattern(&it.left);
        if self.in_parameters {
            self.as_call(&it.right);
        } else {
            self.gas_expression(&it.right);
        }
    }

    fn visit_assignment_target_with_default(&mut self, it: &AssignmentTargetWithDefault<'a>) {
        self.count_node();
        self.visit_assignment_target(&it.binding);
        self.gas_expression(&it.init);
    }

    fn visit_property_definition(&mut self, it: &PropertyDefinition<'a>) {
        self.count_node();
        self.route_computed_key(it.computed, &it.key);
        // A field is defined on `this`, which a class that extends another
        // may have made a typed array or an array: one named like an
        // element or `length` would have V8 read its value as a number.
        let names_stored_number = match &it.key {
            PropertyKey::StaticIdentifier(name) => matches!(name.name.as_str(), "length" | "prototype"),
            PropertyKey::PrivateIdentifier(_) => false,
            PropertyKey::NumericLiteral(_) => true,
            key => key.as_expression().is_some_and(may_name_checked_property),
        };
        if self.metered
            && !it.r#static
            && names_stored_number
            && it.value.as_ref().is_some_and(|value| !operands::reads_no_long_string(self.semantic, &[value]))
            && self.semantic.nodes().ancestor_kinds(it.node_id.get()).find_map(|kind| match kind {
                AstKind::Class(class) => Some(class.heritage.is_some()),
                _ => None,
            }) == Some(true)
        {
            self.error(
                it.span.start,
                "a field named like an element, `length` or `prototype`, in a class that extends another, with a \
                 value that may be a long string or an object (if `this` is a typed array or an array, V8 reads it as \
                 a number, uncharged; if a function, it constructs objects below it, unchecked): set it in the \
                 constructor (`this[key] = value`)"
                    .to_owned(),
            );
        }
        if it.computed {
            self.visit_property_key(&it.key);
        }
        match &it.value {
            // An instance field's initializer runs for every instance, outside
            // any function body of the contract's: it runs as a call of its
            // own, charged and counted in the call depth there. (A static one
            // runs once, with the class definition; a function or literal
            // does bounded work.)
            Some(value) if !it.r#static && !is_bounded_value(value) => self.as_call(value),
            Some(value) => self.visit_expression(value),
            None => {}
        }
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        match (&it.id, &it.init) {
            (BindingPattern::ArrayPattern(pattern), Some(init)) if pattern.rest.is_some() => {
                self.route_rest(gas::SPREAD, pattern.span, init.span());
            }
            (BindingPattern::ObjectPattern(pattern), Some(init)) if pattern.rest.is_some() => {
                self.route_rest(gas::SPREAD_OBJECT, pattern.span, init.span());
            }
            _ => {}
        }
        walk::walk_variable_declarator(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        self.count_call(it.arguments.len());
        self.spread_arguments(&it.arguments);
        if let Expression::Identifier(callee) = &it.callee {
            let global = callee
                .reference_id
                .get()
                .is_none_or(|id| self.semantic.scoping().get_reference(id).symbol_id().is_none());
            if callee.name == "require" && global {
                match it.arguments.as_slice() {
                    [Argument::StringLiteral(literal)] => {
                        if let Some(id) = self.resolve_at(&literal.value, literal.span, Request::Require) {
                            self.edits.replace(literal.span.start, literal.span.end, format!("{id:?}"));
                        }
                    }
                    _ => self.error(
                        it.span.start,
                        "require() takes one string literal: contracts are packed at compile time",
                    ),
                }
            }
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_import_expression(&mut self, it: &ImportExpression<'a>) {
        self.error(it.span.start, "dynamic import() is not supported: use a static import or require()");
        walk::walk_import_expression(self, it);
    }

    fn visit_import_meta(&mut self, it: &ImportMeta) {
        self.error(it.span.start, "`import.meta` is not available in contracts");
    }

    fn visit_with_statement(&mut self, it: &WithStatement<'a>) {
        self.error(it.span.start, "`with` is not allowed in contracts");
        walk::walk_with_statement(self, it);
    }

    fn visit_await_expression(&mut self, it: &AwaitExpression<'a>) {
        if self.function_depth == 0 {
            self.error(it.span.start, "top-level await is not supported: contract modules load synchronously");
        }
        walk::walk_await_expression(self, it);
    }

    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        self.check_reserved(&it.name, it.span);
        if self.reads_arguments_object(it) {
            let read = format!("{}(arguments)", gas::ARGUMENTS);
            let text = if self.in_shorthand { format!("arguments: {read}") } else { read };
            self.edits.replace(it.span.start, it.span.end, text);
        } else if let Some(read) = self.import_read(it) {
            let text = if self.in_shorthand { format!("{}: {read}", it.name) } else { read };
            self.edits.replace(it.span.start, it.span.end, text);
        }
    }

    fn visit_array_pattern(&mut self, it: &ArrayPattern<'a>) {
        if let Some(rest) = &it.rest {
            self.check_rest_routed(it.span, rest.span);
        }
        // A parameter's steps are charged by its function's wrapper, at each call.
        if !self.in_parameters {
            self.count_pattern_steps(it.elements.len());
        }
        self.with_open_iterator(|this| walk::walk_array_pattern(this, it));
    }

    fn visit_object_pattern(&mut self, it: &ObjectPattern<'a>) {
        if let Some(rest) = &it.rest {
            self.check_rest_routed(it.span, rest.span);
        }
        walk::walk_object_pattern(self, it);
    }

    fn visit_object_assignment_target(&mut self, it: &ObjectAssignmentTarget<'a>) {
        if let Some(rest) = &it.rest {
            self.check_rest_routed(it.span, rest.span);
        }
        walk::walk_object_assignment_target(self, it);
    }

    fn visit_simple_assignment_target(&mut self, it: &SimpleAssignmentTarget<'a>) {
        // A property in a pattern or a `for` head (an assignment's or
        // update's own target is routed where those are visited).
        let node_id = match it {
            SimpleAssignmentTarget::ComputedMemberExpression(member) => Some(member.node_id.get()),
            SimpleAssignmentTarget::StaticMemberExpression(member) => Some(member.node_id.get()),
            _ => None,
        };
        if let Some(node_id) = node_id.filter(|_| self.store_checked(it)) {
            if !matches!(
                self.semantic.nodes().parent_kind(node_id),
                AstKind::AssignmentExpression(_) | AstKind::UpdateExpression(_)
            ) {
                self.route_target(it, node_id);
            }
        }
        walk::walk_simple_assignment_target(self, it);
    }

    fn visit_array_assignment_target(&mut self, it: &ArrayAssignmentTarget<'a>) {
        if let Some(rest) = &it.rest {
            self.check_rest_routed(it.span, rest.span);
        }
        self.count_pattern_steps(it.elements.len());
        self.with_open_iterator(|this| walk::walk_array_assignment_target(this, it));
    }

    fn visit_object_property(&mut self, it: &ObjectProperty<'a>) {
        self.route_computed_key(it.computed, &it.key);
        // `{ name }` reads an import through `{ name: module.name }`.
        self.in_shorthand = it.shorthand;
        let outer = self.setter.take();
        if it.kind == PropertyKind::Set {
            self.setter = Some(it.value.span().start);
        }
        walk::walk_object_property(self, it);
        self.setter = outer;
        self.in_shorthand = false;
    }

    fn visit_binding_identifier(&mut self, it: &BindingIdentifier<'a>) {
        self.check_reserved(&it.name, it.span);
        if let Some(frame) = self.frames.last_mut() {
            frame.bindings += 1;
        }
    }

    fn visit_class(&mut self, it: &Class<'a>) {
        if let (Some(id), Some(offset)) = (&it.id, constructor_offset(it)) {
            self.constructors.insert(id.name.to_string(), offset);
        }
        if let Some(heritage) = &it.heritage {
            self.route_through(gas::HERITAGE, heritage.expression.span(), "");
        }
        walk::walk_class(self, it);
    }

    fn visit_binding_property(&mut self, it: &BindingProperty<'a>) {
        self.route_computed_key(it.computed, &it.key);
        walk::walk_binding_property(self, it);
    }

    fn visit_assignment_target_property_property(&mut self, it: &AssignmentTargetPropertyProperty<'a>) {
        self.route_computed_key(it.computed, &it.name);
        walk::walk_assignment_target_property_property(self, it);
    }

    fn visit_accessor_property(&mut self, it: &AccessorProperty<'a>) {
        self.route_computed_key(it.computed, &it.key);
        walk::walk_accessor_property(self, it);
    }

    fn visit_method_definition(&mut self, it: &MethodDefinition<'a>) {
        self.route_computed_key(it.computed, &it.key);
        // Only the contract's own file declares its ABI; packages may use
        // JSDoc types of their own.
        if self.entry {
            self.record_jsdoc(it);
        }
        let outer = self.setter.take();
        if it.kind == MethodDefinitionKind::Set {
            self.setter = Some(it.value.span.start);
        }
        walk::walk_method_definition(self, it);
        self.setter = outer;
    }
}
