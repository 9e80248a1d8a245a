//! Compile errors, located in the developer's own files.

use std::fmt;

/// One compile error: `file:line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The file, relative to the project root (as module ids are).
    pub file: String,
    /// 1-based line; 0 when the error is about the whole file.
    pub line: u32,
    /// 1-based column, in UTF-16 code units as editors and V8 count them.
    pub column: u32,
    /// One line saying what is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
        }
    }
}

/// Turns byte offsets of one file into lines and columns.
#[derive(Debug)]
pub(crate) struct LineIndex<'s> {
    source: &'s str,
    line_starts: Vec<usize>,
}

impl<'s> LineIndex<'s> {
    pub(crate) fn new(source: &'s str) -> LineIndex<'s> {
        let line_starts = std::iter::once(0).chain(source.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { source, line_starts }
    }

    /// 1-based line and UTF-16 column of byte `offset`.
    pub(crate) fn position(&self, offset: u32) -> (u32, u32) {
        let offset = (offset as usize).min(self.source.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let column = self.source[self.line_starts[line]..offset].encode_utf16().count();
        (line as u32 + 1, column as u32 + 1)
    }

    /// A diagnostic at byte `offset` of `file`.
    pub(crate) fn at(&self, file: &str, offset: u32, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self.position(offset);
        Diagnostic { file: file.to_owned(), line, column, message: message.into() }
    }
}

/// A diagnostic about a whole file (unreadable, too large, ...).
pub(crate) fn file_error(file: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic { file: file.to_owned(), line: 0, column: 0, message: message.into() }
}
