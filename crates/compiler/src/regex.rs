//! How much work V8's regular-expression compiler may do on a pattern, read
//! from the pattern before V8 sees it. V8 compiles a regex at its first
//! exec, in one step nothing interrupts, and for some shapes in time that
//! grows far faster than the pattern:
//!
//! - exponentially with a sequence of parts that can each match nothing in
//!   more than one way: `(?:a?|b?|c?)` 16 times took 38 s in node 20, and
//!   `(?:a?|b?)` 20 times with the `i` flag 11 s past a 1 s deadline in
//!   v8vm (red team round 18's compile bomb, the Open list of
//!   docs/hostile.md). V8 follows every way to match nothing through such a
//!   run when it works out what a match may start with;
//! - quadratically with a run of parts that can match nothing: `a?` 1,900
//!   times with `i` in a regex literal took 2.5 s past the deadline.
//!
//! [`check_regex`] refuses both, and patterns over [`MAX_PATTERN`]
//! characters: the compiler checks regex literals and the runtime checks
//! `new RegExp` (and so `match`, `search`, `matchAll` with a string) before
//! V8 compiles them. What is left compiles in time about linear in the
//! pattern (docs/benchmarks.md).

use oxc_allocator::Allocator;
use oxc_regular_expression::ast::{
    Alternative, Character, CharacterClass, CharacterClassContents, CharacterClassEscapeKind, Disjunction, Term,
};
use oxc_regular_expression::{LiteralParser, Options};

/// Longest pattern, in UTF-16 code units (as JavaScript counts `length`).
pub const MAX_PATTERN: usize = 2048;
/// Most parts of a pattern that can match nothing (see [`RegexError`]).
pub const MAX_OPTIONAL_PARTS: u32 = 24;
/// Most choices in a pattern: alternations and parts that can match nothing
/// (see [`RegexError`]).
pub const MAX_CHOICES: u32 = 128;
/// Most ways to match nothing through the pattern (see [`RegexError`]).
pub const MAX_EMPTY_ROUTES: f64 = 256.0;
/// Most paths through the pattern's alternations (see [`RegexError`]).
pub const MAX_PATHS: f64 = 4096.0;
/// Most wide classes under both `i` and `u` (see [`RegexError`]).
pub const MAX_CASELESS_WIDE_CLASSES: u32 = 2;
/// Most Unicode property classes (`\p{…}`, `\P{…}`) with any flags: V8
/// builds each from its table (~75 µs for `\p{L}`).
pub const MAX_UNICODE_PROPERTIES: u32 = 64;
/// A class spanning more code points than this is wide.
const WIDE_CLASS_SPAN: u32 = 256;
/// Optional copies of a counted repetition V8 writes out one by one; past
/// this it compiles a loop (`{0,3}` is three choices, `{0,30}` one).
const UNROLLED_OPTIONAL_COPIES: u64 = 3;
/// Deepest nesting of groups read (V8 itself stops far earlier than a
/// pattern of `MAX_PATTERN` characters could go).
const MAX_DEPTH: u32 = 512;

/// Why a pattern is refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RegexError {
    /// Longer than [`MAX_PATTERN`].
    #[error("a pattern of {0} characters, over the limit of {MAX_PATTERN}")]
    TooLong(usize),
    /// More than [`MAX_OPTIONAL_PARTS`] quantifiers that allow no match,
    /// alternations with an empty way, assertions and back-references
    /// (each copy V8 writes out counted): V8's compile time grows with the
    /// square of a run of them.
    #[error(
        "a pattern with {0} parts that can match nothing (`?`, `*`, `{{0,n}}`, empty alternatives, assertions, \
         back-references), over the limit of {MAX_OPTIONAL_PARTS}: V8's compile time grows with their square"
    )]
    TooManyOptionalParts(u32),
    /// More than [`MAX_CHOICES`] alternations and parts that can match
    /// nothing (each copy V8 writes out counted): V8's compile time grows
    /// with them, with the `i` flag ~70 us each.
    #[error(
        "a pattern with {0} choices (alternations and parts that can match nothing), over the limit of \
         {MAX_CHOICES}: V8's compile time grows with them"
    )]
    TooManyChoices(u32),
    /// More than [`MAX_EMPTY_ROUTES`] ways to match nothing through the
    /// pattern (the product over its parts): V8's compile time grows with
    /// them, exponentially in the pattern's length.
    #[error(
        "a pattern that can match nothing in {0} ways, over the limit of {MAX_EMPTY_ROUTES} (`(?:a?|b?)` 8 times \
         can in 2^8): V8's compile time grows with them, exponentially in the pattern"
    )]
    TooManyEmptyRoutes(f64),
    /// More than [`MAX_PATHS`] ways through the pattern's alternations (the
    /// product over a sequence, the sum over an alternation's branches; an
    /// alternation of single characters or classes is one class to V8): V8
    /// compiles nested alternations in time growing with them (red team
    /// round 23: `((((a|b)|c)|d)...)` 8 deep, 8 times: 1.3 s).
    #[error(
        "a pattern with {0} paths through its alternations, over the limit of {MAX_PATHS}: V8's compile time \
         grows with them"
    )]
    TooManyPaths(f64),
    /// With the `i` flag, more than [`MAX_CASELESS_WIDE_CLASSES`] wide
    /// classes (a bracket class of more than 256 code points, and with `u`
    /// or `v` also `.`, `\W`, `\S`, `\D`, `\p{…}`): V8 case-folds each over
    /// its whole size (~2.5 ms a compile, red team rounds 23-24).
    #[error(
        "a pattern with {0} wide classes (a class of more than 256 code points; with `u`, also `.`, `\\W`, \
         `\\S`, `\\D`, `\\p{{…}}`) under the `i` flag, over the limit of {MAX_CASELESS_WIDE_CLASSES}: V8 case-folds \
         each"
    )]
    TooManyCaselessWideClasses(u32),
    /// More than [`MAX_UNICODE_PROPERTIES`] Unicode property classes.
    #[error("a pattern with {0} Unicode property classes, over the limit of {MAX_UNICODE_PROPERTIES}")]
    TooManyUnicodeProperties(u32),
    /// Groups nested deeper than V8 would compile anyway.
    #[error("groups nested more than {MAX_DEPTH} deep")]
    TooDeep,
    /// Not a pattern (the parser's message).
    #[error("an invalid pattern: {0}")]
    Invalid(String),
}

/// Checks `pattern` (without slashes) and `flags` before V8 compiles them.
/// Returns the wide classes V8 case-folds (under `i` with `u` or `v`), which
/// the runtime charges as it charges `\p{…}`.
pub fn check_regex(pattern: &str, flags: &str) -> Result<u32, RegexError> {
    let length = pattern.encode_utf16().count();
    if length > MAX_PATTERN {
        return Err(RegexError::TooLong(length));
    }
    let allocator = Allocator::default();
    let parsed = LiteralParser::new(&allocator, pattern, Some(flags), Options::default())
        .parse()
        .map_err(|error| RegexError::Invalid(error.message.to_string()))?;
    let caseless = flags.contains('i');
    let unicode = flags.contains('u') || flags.contains('v');
    let mut count = Count { caseless, unicode, ..Count::default() };
    let whole = count.disjunction(&parsed.body, 0)?;
    let routes = count.routes.max(whole.routes);
    if routes > MAX_EMPTY_ROUTES {
        return Err(RegexError::TooManyEmptyRoutes(routes));
    }
    if count.tally.optional_parts > MAX_OPTIONAL_PARTS {
        return Err(RegexError::TooManyOptionalParts(count.tally.optional_parts));
    }
    if count.tally.choices > MAX_CHOICES {
        return Err(RegexError::TooManyChoices(count.tally.choices));
    }
    if whole.paths > MAX_PATHS {
        return Err(RegexError::TooManyPaths(whole.paths));
    }
    if count.tally.properties > MAX_UNICODE_PROPERTIES {
        return Err(RegexError::TooManyUnicodeProperties(count.tally.properties));
    }
    if count.tally.wide_classes > MAX_CASELESS_WIDE_CLASSES {
        return Err(RegexError::TooManyCaselessWideClasses(count.tally.wide_classes));
    }
    Ok(count.tally.wide_classes)
}

/// What a part of a pattern is, to V8's compiler: whether it can match
/// nothing, and in how many ways.
#[derive(Debug, Clone, Copy)]
struct Shape {
    nullable: bool,
    /// Ways to match nothing through it (0 if it cannot).
    routes: f64,
    /// Paths through its alternations.
    paths: f64,
}

impl Shape {
    const CONSUMING: Shape = Shape { nullable: false, routes: 0.0, paths: 1.0 };
    const EMPTY: Shape = Shape { nullable: true, routes: 1.0, paths: 1.0 };
}

/// Totals over the whole pattern.
#[derive(Debug, Default)]
struct Count {
    tally: Tally,
    /// The most ways to match nothing through any run of parts: every run's
    /// product is at most the product over all parts that can match nothing,
    /// which is what is kept (a bound that errs on the side of refusing).
    routes: f64,
    /// Product of the ways of every part that can match nothing.
    all_routes: f64,
    /// Whether the flags have `i`: wide classes are counted.
    caseless: bool,
    /// Whether they have `u` or `v`: then `.`, `\W`, `\S`, `\D` (and
    /// `\p{…}`) are case-folded too, which V8 skips for its standard classes
    /// without them.
    unicode: bool,
}

/// What the limits count, each copy V8 writes out counted.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    optional_parts: u32,
    /// Alternations that cannot match nothing, and the optional parts.
    choices: u32,
    wide_classes: u32,
    /// Unicode property classes, whatever the flags.
    properties: u32,
}

impl Tally {
    /// Adds `times` more of what was counted since `before` (a repetition's
    /// body, written out again).
    fn repeat_since(&mut self, before: Tally, times: u64) {
        let more = |now: u32, then: u32| u32::try_from(times.saturating_mul(u64::from(now - then))).unwrap_or(u32::MAX);
        self.optional_parts = self.optional_parts.saturating_add(more(self.optional_parts, before.optional_parts));
        self.choices = self.choices.saturating_add(more(self.choices, before.choices));
        self.wide_classes = self.wide_classes.saturating_add(more(self.wide_classes, before.wide_classes));
        self.properties = self.properties.saturating_add(more(self.properties, before.properties));
    }
}

impl Count {
    fn optional(&mut self, copies: u64) {
        let copies = u32::try_from(copies).unwrap_or(u32::MAX);
        self.tally.optional_parts = self.tally.optional_parts.saturating_add(copies);
        self.tally.choices = self.tally.choices.saturating_add(copies);
    }

    /// Multiplies the running product by `routes` (at least 1).
    fn multiply(&mut self, routes: f64) {
        if self.all_routes == 0.0 {
            self.all_routes = 1.0;
        }
        self.all_routes *= routes.max(1.0);
        self.routes = self.routes.max(self.all_routes);
    }

    /// Counts a wide class, when the flags make V8 case-fold it.
    fn wide(&mut self, wide: bool) {
        if wide && self.caseless {
            self.tally.wide_classes = self.tally.wide_classes.saturating_add(1);
        }
    }

    fn disjunction(&mut self, disjunction: &Disjunction<'_>, depth: u32) -> Result<Shape, RegexError> {
        if depth > MAX_DEPTH {
            return Err(RegexError::TooDeep);
        }
        let mut shape = Shape { paths: 0.0, ..Shape::CONSUMING };
        for alternative in &disjunction.body {
            let inner = self.alternative(alternative, depth)?;
            shape.paths += inner.paths;
            if inner.nullable {
                shape = Shape { nullable: true, routes: shape.routes + inner.routes, paths: shape.paths };
            }
        }
        // Branches of one character each (one UTF-16 unit) are one class
        // to V8; anything else, `[a]|[b]` or `\d|\w` too, stays a choice
        // (red team round 24).
        if disjunction.body.iter().all(|alternative| {
            matches!(alternative.body.as_slice(), [Term::Character(character)] if character.value <= 0xFFFF)
        }) {
            shape.paths = 1.0;
        }
        if disjunction.body.len() > 1 {
            if shape.nullable {
                self.optional(1);
            } else {
                self.tally.choices = self.tally.choices.saturating_add(1);
            }
        }
        Ok(shape)
    }

    fn alternative(&mut self, alternative: &Alternative<'_>, depth: u32) -> Result<Shape, RegexError> {
        let mut shape = Shape::EMPTY;
        for term in &alternative.body {
            let inner = self.term(term, depth)?;
            let paths = shape.paths * inner.paths;
            shape = if shape.nullable && inner.nullable {
                Shape { nullable: true, routes: shape.routes * inner.routes, paths }
            } else {
                Shape { paths, ..Shape::CONSUMING }
            };
        }
        Ok(shape)
    }

    fn term(&mut self, term: &Term<'_>, depth: u32) -> Result<Shape, RegexError> {
        // A group's or a repetition's ways replace those of its parts, which
        // the product took in as they were read.
        let before = self.all_routes;
        let shape = match term {
            Term::Character(_) => Shape::CONSUMING,
            Term::Dot(_) => {
                self.wide(self.unicode);
                Shape::CONSUMING
            }
            Term::UnicodePropertyEscape(_) => {
                self.tally.properties = self.tally.properties.saturating_add(1);
                self.wide(true);
                Shape::CONSUMING
            }
            Term::CharacterClassEscape(escape) => {
                self.wide(self.unicode && is_negated_escape(escape.kind));
                Shape::CONSUMING
            }
            // A class of strings (`v` flag) may hold the empty one.
            Term::CharacterClass(class) => {
                self.tally.properties = self.tally.properties.saturating_add(properties_in(class));
                self.wide(is_wide(class));
                if class.strings {
                    self.optional(1);
                    Shape::EMPTY
                } else {
                    Shape::CONSUMING
                }
            }
            Term::BoundaryAssertion(_) | Term::IndexedReference(_) | Term::NamedReference(_) => {
                self.optional(1);
                Shape::EMPTY
            }
            Term::LookAroundAssertion(lookaround) => {
                self.disjunction(&lookaround.body, depth + 1)?;
                self.optional(1);
                Shape::EMPTY
            }
            Term::CapturingGroup(group) => self.disjunction(&group.body, depth + 1)?,
            Term::IgnoreGroup(group) => self.disjunction(&group.body, depth + 1)?,
            Term::Quantifier(quantifier) => {
                let before = self.tally;
                let body = self.term(&quantifier.body, depth + 1)?;
                // V8 writes out the copies a match needs and a few optional
                // ones (past those, a loop: one choice).
                let optional = match quantifier.max {
                    Some(max) if max - quantifier.min <= UNROLLED_OPTIONAL_COPIES => max - quantifier.min,
                    _ => 1,
                };
                let copies = quantifier.min.saturating_add(optional).max(1);
                self.tally.repeat_since(before, copies - 1);
                self.optional(optional);
                let body_routes = if body.nullable { body.routes } else { 0.0 };
                let min = i32::try_from(quantifier.min).unwrap_or(i32::MAX);
                let routes = body_routes.max(1.0).powi(min) * (1.0 + body_routes).powi(optional as i32);
                // Skipping a copy is no path of an alternation's: only the
                // copies' own branches multiply.
                let paths = body.paths.powi(min.saturating_add(optional as i32));
                if quantifier.min == 0 || body.nullable {
                    Shape { nullable: true, routes, paths }
                } else {
                    Shape { paths, ..Shape::CONSUMING }
                }
            }
        };
        self.all_routes = before;
        if shape.nullable {
            self.multiply(shape.routes);
        }
        Ok(shape)
    }
}

fn is_negated_escape(kind: CharacterClassEscapeKind) -> bool {
    matches!(
        kind,
        CharacterClassEscapeKind::NegativeD | CharacterClassEscapeKind::NegativeS | CharacterClassEscapeKind::NegativeW
    )
}

/// Whether V8 case-folds a class over many code points: one with a property
/// or a negated escape, or whose ranges span more than `WIDE_CLASS_SPAN`. (A
/// negated class of a few, `[^a]`, is folded as those few.)
fn is_wide(class: &CharacterClass<'_>) -> bool {
    let mut span: u32 = 0;
    for content in &class.body {
        match content {
            CharacterClassContents::CharacterClassRange(range) => {
                span = span.saturating_add(range.max.value.saturating_sub(range.min.value) + 1);
            }
            CharacterClassContents::CharacterClassEscape(escape) if is_negated_escape(escape.kind) => return true,
            CharacterClassContents::UnicodePropertyEscape(_) => return true,
            CharacterClassContents::NestedCharacterClass(nested) if is_wide(nested) => return true,
            _ => span = span.saturating_add(1),
        }
    }
    span > WIDE_CLASS_SPAN
}

/// The Unicode property classes inside a class.
fn properties_in(class: &CharacterClass<'_>) -> u32 {
    class
        .body
        .iter()
        .map(|content| match content {
            CharacterClassContents::UnicodePropertyEscape(_) => 1,
            CharacterClassContents::NestedCharacterClass(nested) => properties_in(nested),
            _ => 0,
        })
        .sum()
}

/// `pattern` with every repetition's body made a choice V8 cannot turn into
/// a greedy loop: `a+` as `(?:a|(?!))+`, `(?:ab)*` as `(?:ab|(?!))*` (`(?!)`
/// matches nothing, so matches and captures are the same; V8 drops an empty
/// class such as `[^\s\S]` from a choice, but not a lookahead). V8
/// runs a repetition of fixed-length text (a character, a class, `.`, a
/// string in a group) as a loop that steps back one copy at a time without
/// counting a backtrack: a search with a backtrack limit then does work
/// that grows with the text for each one it counts (`/a+z/i` on 100,000
/// `a`s: 12.9 s under a limit of 2^20; red team round 26). A choice in the
/// body makes each copy a backtrack point V8 counts. The runtime searches
/// with such patterns (its "twins"). Errors as [`check_regex`]'s parse.
pub fn counted_repetitions(pattern: &str, flags: &str) -> Result<String, RegexError> {
    let allocator = Allocator::default();
    let parsed = LiteralParser::new(&allocator, pattern, Some(flags), Options::default())
        .parse()
        .map_err(|error| RegexError::Invalid(error.message.to_string()))?;
    let mut edits = Vec::new();
    guard_disjunction(pattern, &parsed.body, &mut edits);
    // Each edit replaces `start..end` (empty for an insertion); they never
    // overlap, and at one offset they stay in the order they were made.
    edits.sort_by_key(|edit: &(usize, usize, String)| edit.0);
    let mut out = String::with_capacity(pattern.len() + edits.len() * 8);
    let mut at = 0;
    for (start, end, text) in edits {
        out.push_str(&pattern[at..start]);
        out.push_str(&text);
        at = end;
    }
    out.push_str(&pattern[at..]);
    Ok(out)
}

/// A legacy octal or digit escape (`\1` with no group 1, `\40`, `\8`), as
/// the character V8 reads written as `\uXXXX`, and what its span holds past
/// the digits V8 reads (the parser's span takes `\400` whole; V8 reads
/// `\40`, a space, then a `0`: red team round 28). None for anything else.
fn digit_escape<'p>(pattern: &'p str, character: &Character) -> Option<(String, &'p str)> {
    let text = &pattern[character.span.start as usize..character.span.end as usize];
    let bytes = text.as_bytes();
    if bytes.len() < 2 || bytes[0] != b'\\' || !(b'1'..=b'9').contains(&bytes[1]) {
        return None;
    }
    // `\8` and `\9` are the digit itself; an octal escape is up to three
    // digits from 0-3, up to two from 4-7.
    let read = if bytes[1] >= b'8' {
        1
    } else {
        bytes[1..].iter().take(if bytes[1] <= b'3' { 3 } else { 2 }).take_while(|b| (b'0'..=b'7').contains(b)).count()
    };
    Some((format!("\\u{:04X}", character.value), &text[1 + read..]))
}

/// What never matches: the alternative added to a repetition's body.
const NO_MATCH: &str = "|(?!)";

fn guard_disjunction(pattern: &str, disjunction: &Disjunction<'_>, edits: &mut Vec<(usize, usize, String)>) {
    for alternative in &disjunction.body {
        for term in &alternative.body {
            guard_term(pattern, term, edits);
        }
    }
}

fn guard_term(pattern: &str, term: &Term<'_>, edits: &mut Vec<(usize, usize, String)>) {
    match term {
        // A legacy octal or digit escape (`\1` with no group 1) would become
        // a back-reference to a group the runtime adds after the pattern
        // (its probe): written as the character it is.
        Term::Character(character) => {
            if let Some((escape, rest)) = digit_escape(pattern, character) {
                let span = character.span;
                edits.push((span.start as usize, span.end as usize, format!("{escape}{rest}")));
            }
        }
        Term::LookAroundAssertion(lookaround) => guard_disjunction(pattern, &lookaround.body, edits),
        Term::CapturingGroup(group) => guard_disjunction(pattern, &group.body, edits),
        Term::IgnoreGroup(group) => guard_disjunction(pattern, &group.body, edits),
        Term::Quantifier(quantifier) => {
            let body = &quantifier.body;
            let span = oxc_span::GetSpan::span(body);
            let (start, end) = (span.start as usize, span.end as usize);
            // A digit escape whose span holds more than V8 reads (`\567+`
            // is `\56` and `7+`): the repetition is the last character's.
            if let Term::Character(character) = body {
                if let Some((escape, rest)) = digit_escape(pattern, character) {
                    let text = match rest.char_indices().last() {
                        Some((at, _)) => format!("{escape}{}(?:{}{NO_MATCH})", &rest[..at], &rest[at..]),
                        None => format!("(?:{escape}{NO_MATCH})"),
                    };
                    return edits.push((start, end, text));
                }
            }
            match body {
                // A group: the choice goes in before its `)`.
                Term::CapturingGroup(_) | Term::IgnoreGroup(_) | Term::LookAroundAssertion(_) => {
                    edits.push((end - 1, end - 1, NO_MATCH.to_owned()));
                }
                // The trail surrogate of a character written as itself, in
                // a pattern without `u` (it repeats alone; the parser gives
                // it an empty span at the character's end): the character
                // written as two escapes, the second wrapped.
                Term::Character(character) if start == end => {
                    let first = (0..start).rev().find(|&i| pattern.is_char_boundary(i)).unwrap_or(0);
                    let last = start;
                    let lead = pattern[first..last].encode_utf16().next().unwrap_or(0);
                    edits.push((first, last, format!("\\u{lead:04X}(?:\\u{:04X}{NO_MATCH})", character.value)));
                }
                _ => {
                    // A backslash the parser read as itself (Annex B: `\c`
                    // before no letter) would escape the `(` put after it:
                    // it is written escaped (red team round 27).
                    let slashes = pattern[..start].bytes().rev().take_while(|&b| b == b'\\').count();
                    if slashes % 2 == 1 {
                        edits.push((start - 1, start, r"\\".to_owned()));
                    }
                    edits.push((start, start, "(?:".to_owned()));
                    edits.push((end, end, format!("{NO_MATCH})")));
                }
            }
            guard_term(pattern, body, edits);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::counted_repetitions;

    #[test]
    fn every_repetition_becomes_a_counted_choice() {
        for (pattern, flags, twin) in [
            ("a+z", "", "(?:a|(?!))+z"),
            ("(?:ab)*c", "", "(?:ab|(?!))*c"),
            ("(a)+|b{2,3}?", "i", "(a|(?!))+|(?:b|(?!)){2,3}?"),
            ("[a-c]+\\d*.?", "", "(?:[a-c]|(?!))+(?:\\d|(?!))*(?:.|(?!))?"),
            ("\u{1F600}+", "u", "(?:\u{1F600}|(?!))+"),
            // Without `u`, an astral character's second half repeats alone.
            ("\u{1F600}+", "", "\\uD83D(?:\\uDE00|(?!))+"),
            // Annex B: `\c` before no letter is a backslash and a `c`.
            ("\\c+", "", "\\\\(?:c|(?!))+"),
            ("\\1+(a)", "", "(?:\\1|(?!))+(a)"),
            // A legacy octal escape (no group 2) stays a character; V8 reads
            // `\\400` as `\\40` and `0`, and `\\567+` as `\\56` and `7+`.
            ("(a)\\2+", "", "(a)(?:\\u0002|(?!))+"),
            ("\\400", "", "\\u00200"),
            ("\\567+", "", "\\u002E(?:7|(?!))+"),
            ("\\8+", "", "(?:\\u0038|(?!))+"),
        ] {
            assert_eq!(counted_repetitions(pattern, flags).unwrap(), twin, "{pattern} /{flags}/");
        }
    }

    use super::*;

    #[test]
    fn patterns_people_write_pass() {
        for (pattern, flags) in [
            (r"^[0-9]{1,30}$", ""),
            (r"^[a-z1-5.]{1,12}$", ""),
            (r"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$", "i"),
            (r"^\s*(\+|-)?(\d*)?(\.\d*)?(e(\+|-)?\d+)?\s*$", "i"),
            (r"^(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2}):?(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$", ""),
            (r"(?<year>\d{4})-(?<month>\d{2})\k<year>", "u"),
            (r"\b(?:apple|banana|cherry)\b", "gi"),
            (r"(?=.*[A-Z])(?=.*\d).{8,}", ""),
        ] {
            assert!(check_regex(pattern, flags).is_ok(), "{pattern}: {:?}", check_regex(pattern, flags));
        }
    }

    #[test]
    fn patterns_that_v8_compiles_slowly_are_refused() {
        let repeated = |part: &str, times: usize| part.repeat(times) + "x";
        assert!(matches!(check_regex(&repeated("(?:a?|b?)", 9), "i"), Err(RegexError::TooManyEmptyRoutes(_))));
        assert!(matches!(check_regex(&repeated("(?:a?|b?|c?)", 6), ""), Err(RegexError::TooManyEmptyRoutes(_))));
        assert!(matches!(check_regex("(?:a?|b?){16}x", ""), Err(RegexError::TooManyEmptyRoutes(_))));
        // Repetitions nested five deep: each `+` writes its body out twice.
        assert_eq!(check_regex("^((((a+)+)+)+)+$", ""), Err(RegexError::TooManyOptionalParts(33)));
        assert!(matches!(check_regex("(?:(?:a?|b?){4}){4}x", ""), Err(RegexError::TooManyEmptyRoutes(_))));
        assert!(matches!(check_regex(&repeated(r"(?:\b|^)", 9), ""), Err(RegexError::TooManyEmptyRoutes(_))));
        assert_eq!(check_regex(&repeated("a?", 25), "i"), Err(RegexError::TooManyOptionalParts(25)));
        // `b?` and the alternation that can take it: two parts each.
        assert_eq!(check_regex(&repeated("(?:a|b?)", 13), "i"), Err(RegexError::TooManyOptionalParts(26)));
        assert!(check_regex(&repeated("a?", 24), "i").is_ok());
        assert_eq!(check_regex(&"a".repeat(2049), ""), Err(RegexError::TooLong(2049)));
        // Alternations that always take a character are choices too.
        assert_eq!(check_regex(&repeated("(?:a|b)", 129), "i"), Err(RegexError::TooManyChoices(129)));
        assert_eq!(check_regex("(?:(?:a|b){10}){13}", ""), Err(RegexError::TooManyChoices(130)));
        assert!(check_regex(&repeated("(?:a|b)", 128), "i").is_ok());
        // Nested alternations: their paths multiply (red team round 23).
        let nest =
            |depth: u8| (0..depth).fold("a".to_owned(), |inner, i| format!("(?:{inner}|{})", (b'b' + i) as char));
        assert!(matches!(check_regex(&repeated(&nest(8), 8), ""), Err(RegexError::TooManyPaths(_))));
        assert!(check_regex(&repeated(&nest(3), 4), "").is_ok());
        // (3 deep, 8 in a row: 3^8 paths, 19 ms; red team round 24.)
        assert!(matches!(check_regex(&repeated(&nest(3), 8), ""), Err(RegexError::TooManyPaths(_))));
        // Under `i` and `u`, wide classes are case-folded whole.
        assert_eq!(check_regex("..", "iu"), Ok(2));
        assert_eq!(check_regex(r"\W.[\u0080-\u{10ffff}]", "iu"), Err(RegexError::TooManyCaselessWideClasses(3)));
        assert_eq!(check_regex(r"\W.[\u0080-\u{10ffff}]", "u"), Ok(0));
        // Without `u`, V8 folds bracket classes only (red team round 24).
        assert_eq!(check_regex(r"..\W\S[\u0100-\uffff][\s\S]", "i"), Ok(2));
        assert_eq!(check_regex(&r"[\u0100-\uffff]".repeat(3), "i"), Err(RegexError::TooManyCaselessWideClasses(3)));
        // Only branches of single characters merge into one class.
        let classes = |branches: usize| {
            format!(
                "(?:{})",
                (0..branches).map(|i| format!("[{}]", (b'a' + i as u8) as char)).collect::<Vec<_>>().join("|")
            )
        };
        assert!(matches!(check_regex(&repeated(&classes(9), 8), ""), Err(RegexError::TooManyPaths(_))));
        assert!(check_regex(&repeated("(?:a|b|c|d|e|f|g|h|i)", 8), "").is_ok());
        assert_eq!(check_regex(r"[^a]{5}[a-z]{3}", "iu"), Ok(0));
        assert_eq!(check_regex(r"(?:.){3}", "iu"), Err(RegexError::TooManyCaselessWideClasses(3)));
        assert_eq!(check_regex(&r"[\p{L}\p{N}]".repeat(33), "u"), Err(RegexError::TooManyUnicodeProperties(66)));
        assert!(matches!(check_regex("(", ""), Err(RegexError::Invalid(_))));
    }
}
