//! Text edits at AST spans, and the map from edited positions back to the
//! original ones.
//!
//! The compiler rewrites a module by inserting and replacing text at spans
//! the parser reported, never adding a line break. So every line of the
//! output is the same line of the input, and a column maps back by undoing
//! the edits made earlier on that line.

/// Where an edit sits relative to others at the same offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// Closes a construct that ends here (innermost first).
    Close,
    /// Opens a construct that starts here (outermost first).
    Open,
    /// Replaces `start..end` (the token inside whatever opens here).
    Replace,
}

#[derive(Debug, Clone)]
struct Edit {
    start: u32,
    end: u32,
    kind: Kind,
    /// Visit order; outer constructs are visited before inner ones.
    seq: u32,
    text: String,
}

/// Edits to one source text, collected in visit order.
#[derive(Debug, Default)]
pub(crate) struct Edits {
    edits: Vec<Edit>,
}

impl Edits {
    /// Inserts `text` before whatever starts at `at`.
    pub(crate) fn open(&mut self, at: u32, text: impl Into<String>) {
        self.push(at, at, Kind::Open, text.into());
    }

    /// Reserves an [`Edits::open`] whose text is known later (after its
    /// construct's children were visited), keeping its place in the order.
    pub(crate) fn reserve_open(&mut self, at: u32) -> usize {
        self.push(at, at, Kind::Open, String::new());
        self.edits.len() - 1
    }

    /// Reserves an [`Edits::close`] whose text is known later.
    pub(crate) fn reserve_close(&mut self, at: u32) -> usize {
        self.push(at, at, Kind::Close, String::new());
        self.edits.len() - 1
    }

    /// Sets the text of a reserved edit.
    pub(crate) fn set_text(&mut self, index: usize, text: String) {
        self.edits[index].text = text;
    }

    /// Inserts `text` after whatever ends at `at`.
    pub(crate) fn close(&mut self, at: u32, text: impl Into<String>) {
        self.push(at, at, Kind::Close, text.into());
    }

    /// Replaces `start..end` with `text`.
    pub(crate) fn replace(&mut self, start: u32, end: u32, text: impl Into<String>) {
        self.push(start, end, Kind::Replace, text.into());
    }

    fn push(&mut self, start: u32, end: u32, kind: Kind, text: String) {
        let seq = self.edits.len() as u32;
        self.edits.push(Edit { start, end, kind, seq, text });
    }

    /// Applies the edits to `source`. Returns the new text and, per line,
    /// the column shifts to undo. Replacements must not overlap.
    pub(crate) fn apply(mut self, source: &str) -> (String, LineShifts) {
        self.edits.sort_by(|a, b| {
            a.start.cmp(&b.start).then(a.kind.cmp(&b.kind)).then(match a.kind {
                Kind::Close => b.seq.cmp(&a.seq),
                Kind::Replace | Kind::Open => a.seq.cmp(&b.seq),
            })
        });
        let mut w = Writer {
            source,
            out: String::with_capacity(source.len() + self.edits.len() * 16),
            shifts: LineShifts::default(),
            copied: 0,
            line_start_in: 0,
            line_start_out: 0,
            column_in: (0, 0),
            column_out: (0, 0),
        };
        for edit in self.edits {
            let start = edit.start as usize;
            let end = edit.end as usize;
            if start == end && edit.text.is_empty() {
                // A reserved edit that turned out to need no text.
                continue;
            }
            w.copy_to(start.max(w.copied));
            debug_assert!(!edit.text.contains('\n'), "edits never add lines");
            let column_in = w.column_in(start);
            let column_out = w.column_out();
            w.out.push_str(&edit.text);
            w.copied = w.copied.max(end);
            let removed = utf16_len(&source[start..end.max(start)]);
            w.shifts.current().push(Shift {
                start_out: column_out,
                end_out: column_out + utf16_len(&edit.text),
                start_in: column_in,
                end_in: column_in + removed,
            });
        }
        w.copy_to(source.len());
        (w.out, w.shifts)
    }
}

/// The output being written, and where its current line starts.
struct Writer<'s> {
    source: &'s str,
    out: String,
    shifts: LineShifts,
    /// Source bytes copied (or replaced) so far.
    copied: usize,
    line_start_in: usize,
    line_start_out: usize,
    /// The last column measured on the current line, (byte, UTF-16 column),
    /// in the input and in the output: edits come in order, so each column
    /// is measured from the one before (a minified line with many edits
    /// would otherwise be measured from its start each time: quadratic).
    column_in: (usize, u32),
    column_out: (usize, u32),
}

impl Writer<'_> {
    /// Copies the source up to byte `to`, opening a shift list per new line.
    fn copy_to(&mut self, to: usize) {
        let mut from = self.copied;
        while let Some(newline) = self.source[from..to].find('\n') {
            let next = from + newline + 1;
            self.out.push_str(&self.source[from..next]);
            self.shifts.lines.push(Vec::new());
            self.line_start_in = next;
            self.line_start_out = self.out.len();
            from = next;
        }
        self.out.push_str(&self.source[from..to]);
        self.copied = to;
    }

    /// The UTF-16 column of input byte `at` on the current line.
    fn column_in(&mut self, at: usize) -> u32 {
        let (from, column) = if self.column_in.0 >= self.line_start_in && self.column_in.0 <= at {
            self.column_in
        } else {
            (self.line_start_in, 0)
        };
        self.column_in = (at, column + utf16_len(&self.source[from..at]));
        self.column_in.1
    }

    /// The UTF-16 column of the end of the output, on its current line.
    fn column_out(&mut self) -> u32 {
        let at = self.out.len();
        let (from, column) =
            if self.column_out.0 >= self.line_start_out { self.column_out } else { (self.line_start_out, 0) };
        self.column_out = (at, column + utf16_len(&self.out[from..at]));
        self.column_out.1
    }
}

/// The input column (0-based, UTF-16) of output column `column` on a line
/// whose shifts are `compact` (four numbers each, in output order, as
/// [`LineShifts::to_compact`] writes them). Columns inside inserted text map
/// to where the insertion was made. A binary search: a stack trace maps a
/// column per frame, and a minified line may hold thousands of edits.
pub(crate) fn original_column(compact: &[u32], column: u32) -> u32 {
    let shift = |k: usize| &compact[k * 4..k * 4 + 4];
    // The shifts that start at or before the column, in output order.
    let before = {
        let (mut low, mut high) = (0, compact.len() / 4);
        while low < high {
            let middle = (low + high) / 2;
            if shift(middle)[0] <= column {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        low
    };
    let Some(last) = before.checked_sub(1).map(shift) else { return column };
    let (end_out, start_in, end_in) = (last[1], last[2], last[3]);
    if column >= end_out {
        end_in + (column - end_out)
    } else {
        start_in
    }
}

fn utf16_len(text: &str) -> u32 {
    text.encode_utf16().count() as u32
}

/// One edit on a line: output columns `start_out..end_out` hold its text,
/// which stands for input columns `start_in..end_in`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shift {
    start_out: u32,
    end_out: u32,
    start_in: u32,
    end_in: u32,
}

/// Per line (0-based), the shifts of that line in output order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LineShifts {
    lines: Vec<Vec<Shift>>,
}

impl Default for LineShifts {
    fn default() -> Self {
        LineShifts { lines: vec![Vec::new()] }
    }
}

impl LineShifts {
    fn current(&mut self) -> &mut Vec<Shift> {
        self.lines.last_mut().expect("there is always a current line")
    }

    /// The input column (0-based, UTF-16) of output column `column` on
    /// `line` (0-based). Columns inside inserted text map to where the
    /// insertion was made.
    #[cfg(test)]
    pub(crate) fn original_column(&self, line: usize, column: u32) -> u32 {
        self.to_compact().get(line).map_or(column, |compact| original_column(compact, column))
    }

    /// Compact form for artifacts: per line, four numbers per edit.
    pub(crate) fn to_compact(&self) -> Vec<Vec<u32>> {
        self.lines
            .iter()
            .map(|shifts| shifts.iter().flat_map(|s| [s.start_out, s.end_out, s.start_in, s.end_in]).collect())
            .collect()
    }

    /// Reads [`LineShifts::to_compact`]'s output.
    #[cfg(test)]
    pub(crate) fn from_compact(compact: &[Vec<u32>]) -> LineShifts {
        let lines = compact
            .iter()
            .map(|numbers| {
                numbers
                    .chunks_exact(4)
                    .map(|n| Shift { start_out: n[0], end_out: n[1], start_in: n[2], end_in: n[3] })
                    .collect()
            })
            .collect::<Vec<Vec<Shift>>>();
        LineShifts { lines: if lines.is_empty() { vec![Vec::new()] } else { lines } }
    }

    /// Number of lines.
    pub(crate) fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// Mapping points for a source map: `(line, output column, input column)`
    /// at the start of each line and at both ends of each edit.
    pub(crate) fn anchors(&self) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
        self.lines.iter().enumerate().flat_map(|(line, shifts)| {
            let line = line as u32;
            std::iter::once((line, 0, 0))
                .chain(shifts.iter().flat_map(move |s| [(line, s.start_out, s.start_in), (line, s.end_out, s.end_in)]))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertions_nest_and_positions_map_back() {
        let source = "let s = a + b;\nif (x) y();\n";
        let mut edits = Edits::default();
        // Outer construct first: `a + b` inside a branch wrapper.
        edits.open(8, "(g(1), ");
        edits.open(8, "plus(");
        edits.replace(9, 12, ", ");
        edits.close(13, ")");
        edits.close(13, ")");
        edits.open(22, "{g(2);");
        edits.close(26, "}");
        let (out, shifts) = edits.apply(source);
        assert_eq!(out, "let s = (g(1), plus(a, b));\nif (x) {g(2);y();}\n");
        // `b` was at column 12 of line 0; it is now at 23.
        assert_eq!(&out[23..24], "b");
        assert_eq!(shifts.original_column(0, 23), 12);
        assert_eq!(shifts.original_column(0, 4), 4);
        // `y` moved from column 7 to 13 on line 1.
        assert_eq!(shifts.original_column(1, 13), 7);
        // Inside inserted text, the position is where the insertion was made.
        assert_eq!(shifts.original_column(1, 9), 7);
        assert_eq!(LineShifts::from_compact(&shifts.to_compact()), shifts);
    }
}
