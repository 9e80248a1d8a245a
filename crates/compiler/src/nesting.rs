//! How deeply a source nests, found before it is parsed: the parser and
//! every pass over the tree recurse once per level, so an untrusted contract
//! nesting `[[[[…` thirty thousand deep, or chaining `!!!!…`, `1+1+…`,
//! `x=>x=>…`, `else if`s or labels as far, would otherwise overflow the
//! compiling thread's stack and abort the whole process.

/// Deepest bracket nesting (`(`, `[`, `{`, template substitutions) a
/// source may have.
pub const MAX_SOURCE_NESTING: usize = 1000;
/// Most operators one expression may chain between brackets, commas and
/// semicolons (each of `+-*/%<>=!&|^~?:` counts, and `typeof`, `void`,
/// `delete`, `await`, `new`, `yield`), and most `else`s and labels one
/// bracket level may hold: each can add a level to the tree.
pub const MAX_OPERATOR_CHAIN: usize = 2000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Bracket,
    /// `${` in a template literal: its `}` goes back into the template.
    Substitution,
}

/// Where a source nests too deep, and how.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum TooDeep {
    /// Brackets nest deeper than the limit at this byte offset.
    Brackets(usize),
    /// An expression chains more operators than the limit (or a level
    /// holds more `else`s and labels) by this byte offset.
    Chain(usize),
}

/// Where the source first nests deeper than `limit` brackets or chains
/// more than `chain` operators, if it does. Strings, template text and
/// comments are skipped; a backslash outside them (only a regular
/// expression can hold one) escapes the next character. Brackets and
/// operators inside a regular expression count, so this may overcount
/// (never undercount) a little.
pub(crate) fn too_deep(source: &str, limit: usize, chain: usize) -> Option<TooDeep> {
    let bytes = source.as_bytes();
    let mut open: Vec<Open> = Vec::new();
    // Per open level: operators since the last `,` or `;`, and the level's
    // `else`s and labels.
    let mut operators: Vec<(usize, usize)> = vec![(0, 0)];
    let mut in_template = false;
    let mut i = 0;
    let word = |at: usize, w: &[u8]| {
        bytes[at..].starts_with(w)
            && (at == 0 || !is_word(bytes[at - 1]))
            && bytes.get(at + w.len()).is_none_or(|&next| !is_word(next))
    };
    while i < bytes.len() {
        let c = bytes[i];
        if in_template {
            match c {
                b'\\' => i += 1,
                b'`' => in_template = false,
                b'$' if bytes.get(i + 1) == Some(&b'{') => {
                    open.push(Open::Substitution);
                    operators.push((0, 0));
                    if open.len() > limit {
                        return Some(TooDeep::Brackets(i));
                    }
                    in_template = false;
                    i += 1;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        match c {
            b'(' | b'[' | b'{' => {
                open.push(Open::Bracket);
                operators.push((0, 0));
                if open.len() > limit {
                    return Some(TooDeep::Brackets(i));
                }
            }
            b')' | b']' => {
                open.pop();
                if operators.len() > 1 {
                    operators.pop();
                }
            }
            b'}' => {
                if open.pop() == Some(Open::Substitution) {
                    in_template = true;
                }
                if operators.len() > 1 {
                    operators.pop();
                }
            }
            b',' | b';' => operators.last_mut().expect("a level").0 = 0,
            b'+' | b'-' | b'*' | b'%' | b'<' | b'>' | b'=' | b'!' | b'&' | b'|' | b'^' | b'~' | b'?' | b':' => {
                let level = operators.last_mut().expect("a level");
                level.0 += 1;
                if c == b':' {
                    level.1 += 1;
                }
                if level.0 > chain || level.1 > chain {
                    return Some(TooDeep::Chain(i));
                }
            }
            _ if is_word(c) && (i == 0 || !is_word(bytes[i - 1])) => {
                let level = operators.last_mut().expect("a level");
                if word(i, b"else") {
                    level.1 += 1;
                } else if [&b"typeof"[..], b"void", b"delete", b"await", b"new", b"yield"].iter().any(|w| word(i, w)) {
                    level.0 += 1;
                }
                if level.0 > chain || level.1 > chain {
                    return Some(TooDeep::Chain(i));
                }
            }
            b'`' => in_template = true,
            b'\'' | b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != c && bytes[i] != b'\n' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            b'\\' => i += 1,
            _ => {}
        }
        i += 1;
    }
    None
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$'
}

#[cfg(test)]
mod tests {
    use super::{too_deep, TooDeep};

    #[test]
    fn counts_brackets_but_not_in_strings_comments_or_template_text() {
        assert_eq!(too_deep("f([{}])", 3, 10), None);
        assert_eq!(too_deep("f([{[]}])", 3, 10), Some(TooDeep::Brackets(4)));
        assert_eq!(too_deep("'((((' + \"[[[[\" // ((((\n /* {{{{ */ `((((${a}` + /\\(\\(/", 1, 10), None);
        assert_eq!(too_deep("`${`${`${x}`}`}`", 2, 10), Some(TooDeep::Brackets(7)));
        assert_eq!(too_deep(&"[".repeat(30_000), 1000, 10), Some(TooDeep::Brackets(1000)));
    }

    #[test]
    fn counts_operator_chains_elses_and_labels() {
        assert_eq!(too_deep("a = 1 + 2; b = !c; d = typeof e, f = g ? h : i;", 10, 4), None);
        assert_eq!(too_deep(&"!".repeat(5), 10, 4), Some(TooDeep::Chain(4)));
        assert_eq!(too_deep("x => y => z", 10, 3), Some(TooDeep::Chain(8)));
        assert_eq!(too_deep("if (a) b; else if (c) d; else if (e) f; else g;", 10, 2), Some(TooDeep::Chain(40)));
        assert_eq!(too_deep("a: b: c: d;", 10, 2), Some(TooDeep::Chain(7)));
        assert_eq!(too_deep("new new new X", 10, 2), Some(TooDeep::Chain(8)));
        // A nested function's braces start a level of their own.
        assert_eq!(too_deep("f(() => { a; }, () => { b; })", 10, 2), None);
    }
}
