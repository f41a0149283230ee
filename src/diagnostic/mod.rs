//! Content problems as data: a [`Diagnostic`] names the file, line and column of a mistake, the
//! source line to put a caret under, other places the mistake involves ([`Secondary`], such as
//! the first of two duplicates), and a `help:` hint where one helps.
//!
//! Every stage collects diagnostics instead of stopping at the first; the command prints them all
//! together, sorted by file and position, so a writer fixes a whole batch per run. This module
//! holds the data; [`report`] prints it (through `annotate-snippets`, as rustc and cargo do), and
//! [`toml`] and [`tera`] word the errors of those libraries. None of them reads files or decides
//! what is a problem.

pub mod report;
pub mod tera;
pub mod toml;

use std::ops::Range;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is: errors stop `build` and make `check` exit 1; warnings only do so
/// under `check --strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The site cannot be built as written.
    Error,
    /// The site builds, but something will hurt readers or writers.
    Warning,
}

/// One problem in the content, the configuration or a template.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root where possible (`content/causes/x.md`).
    pub path: PathBuf,
    /// 1-based line, 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters, 0 when the problem concerns the whole file.
    pub col: usize,
    /// Lowercase phrase without a trailing period; user values in backticks.
    pub message: String,
    /// An optional hint on how to fix it.
    pub help: Option<String>,
    /// The source line the problem is on, without its line ending; for a line longer than
    /// [`MAX_SOURCE_LINE`] bytes, only the part around the problem (see `source_cut`), so a
    /// thousand problems on one huge line do not keep a thousand copies of it.
    pub source_line: Option<String>,
    /// How many characters of the line come before `source_line` (0 when it is whole).
    pub source_cut: usize,
    /// How many characters the caret underlines (at least 1 when there is a source line).
    pub width: usize,
    /// Other places the problem involves (the first of two duplicates), each shown under its
    /// own source line after the main one.
    pub secondary: Vec<Secondary>,
}

/// Another place a [`Diagnostic`] points at, in the same file or another, with a label saying
/// what is there. Printed as rustc prints a secondary span: its own `::: path:line:col`, source
/// line and underline (`-`, where the main place gets `^`) with the label after it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Secondary {
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
    /// The source line, without its line ending; for a long line, the part around the place
    /// (as [`Diagnostic::source_line`]).
    pub source_line: String,
    /// How many characters of the line come before `source_line` (0 when it is whole).
    pub source_cut: usize,
    /// How many characters are underlined (at least 1).
    pub width: usize,
    /// What is there: `first written here`.
    pub label: String,
}

impl Diagnostic {
    /// A diagnostic about a whole file, with no position.
    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: 0,
            col: 0,
            message: message.into(),
            help: None,
            source_line: None,
            source_cut: 0,
            width: 0,
            secondary: Vec::new(),
        }
    }

    /// A diagnostic pointing at `span`, a byte range into `source`, the whole text of the file.
    pub fn at(
        path: impl Into<PathBuf>,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line_text = source[line_start..line_end].trim_end_matches('\r');
        let line = source[..start].matches('\n').count() + 1;
        // A position on a CRLF line's `\r` is shown just past the line's last character.
        let col = source[line_start..start.min(line_start + line_text.len())]
            .chars()
            .count()
            + 1;
        let on_line_end = end.min(line_start + line_text.len()).max(start);
        let within = start - line_start..on_line_end - line_start;
        Diagnostic::on_line(path, line, line_text, within, col, message)
    }

    /// A diagnostic on line `line` (1-based), whose text is `line_text`, under the bytes
    /// `within` of it, which start at character column `col`. Keeps only an excerpt of a line
    /// longer than [`MAX_SOURCE_LINE`], so making one costs the same on a huge line.
    fn on_line(
        path: impl Into<PathBuf>,
        line: usize,
        line_text: &str,
        within: Range<usize>,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        let length = line_text.len();
        let within = within.start.min(length)..within.end.clamp(within.start.min(length), length);
        let (source_line, source_cut, shown) = if line_text.len() <= MAX_SOURCE_LINE {
            (line_text, 0, within)
        } else {
            let from = floor_char_boundary(line_text, within.start.saturating_sub(EXCERPT_CONTEXT));
            let to = floor_char_boundary(
                line_text,
                (within.end.max(within.start) + EXCERPT_CONTEXT).min(line_text.len()),
            );
            let before = line_text[from..within.start].chars().count();
            (
                &line_text[from..to],
                col.saturating_sub(1 + before),
                within.start - from..within.end.min(to) - from,
            )
        };
        let width = source_line[shown].chars().count().max(1);
        // A cut at the end shows as `...`, as annotate-snippets marks the lines it cuts.
        let source_line = if source_cut > 0 && !line_text.ends_with(source_line) {
            format!("{source_line}...")
        } else {
            source_line.to_string()
        };
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line,
            col,
            message: message.into(),
            help: None,
            source_line: Some(source_line),
            source_cut,
            width,
            secondary: Vec::new(),
        }
    }

    /// A diagnostic at a known line and column (1-based), with the source line taken from `source`.
    pub fn at_line_col(
        path: impl Into<PathBuf>,
        source: &str,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        let Some(line_text) = source
            .split('\n')
            .nth(line.saturating_sub(1))
            .map(|l| l.trim_end_matches('\r'))
        else {
            return Diagnostic {
                line,
                col,
                ..Diagnostic::file(path, message)
            };
        };
        let at = line_text
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line_text.len(), |(at, _)| at);
        Diagnostic {
            width: 1,
            ..Diagnostic::on_line(path, line, line_text, at..at, col, message)
        }
    }

    /// A TOML error as a diagnostic in the file `path` whose whole text is `text`, the TOML
    /// starting at byte `offset` of it (front matter starts after its `+++` line, `book.toml`
    /// after its byte-order mark), worded by [`toml::describe`].
    pub fn toml(
        path: impl Into<PathBuf>,
        text: &str,
        offset: usize,
        error: &::toml::de::Error,
    ) -> Self {
        let span = error.span().unwrap_or(0..0);
        let (message, help) = toml::describe(error, &text[offset.min(text.len())..]);
        let diagnostic =
            Diagnostic::at(path, text, span.start + offset..span.end + offset, message);
        match help {
            Some(help) => diagnostic.with_help(help),
            None => diagnostic,
        }
    }

    /// Adds a `help:` line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds another place the problem involves: `span`, a byte range into `source`, the whole
    /// text of the file `path`, shown with `label` (see [`Secondary`]).
    pub fn with_secondary(
        mut self,
        path: impl Into<PathBuf>,
        source: &str,
        span: Range<usize>,
        label: impl Into<String>,
    ) -> Self {
        let place = Diagnostic::at(path, source, span, "");
        self.secondary.push(Secondary {
            path: place.path,
            line: place.line,
            col: place.col,
            source_line: place.source_line.unwrap_or_default(),
            source_cut: place.source_cut,
            width: place.width,
            label: label.into(),
        });
        self
    }

    /// Turns this diagnostic into a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Sets how many characters the caret underlines.
    pub fn with_width(mut self, width: usize) -> Self {
        self.width = width.max(1);
        self
    }

    /// Whether this is an error (as opposed to a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The `path:line:col` prefix, or just the path when there is no position.
    pub fn location(&self) -> String {
        let path = display_path(&self.path);
        if self.line == 0 {
            path
        } else {
            format!("{path}:{}:{}", self.line, self.col)
        }
    }
}

/// Source lines longer than this many bytes are kept as an excerpt around the problem.
pub const MAX_SOURCE_LINE: usize = 512;
/// How many bytes of a long line an excerpt keeps on each side of the problem.
const EXCERPT_CONTEXT: usize = 160;

/// Places many diagnostics in one text, in time linear in the text and the number of
/// diagnostics when they come in order of position (a file with 20,000 problems on one line
/// would otherwise be scanned 20,000 times): the line starts are found once, and each
/// column is counted on from the previous diagnostic's when both are on the same line.
pub struct Locator<'a> {
    source: &'a str,
    /// The byte where each line starts.
    line_starts: Vec<usize>,
    /// The last position placed: byte, line index, 1-based column.
    last: (usize, usize, usize),
}

impl<'a> Locator<'a> {
    /// A locator over the whole text of a file.
    pub fn new(source: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Locator {
            source,
            line_starts,
            last: (0, 0, 1),
        }
    }

    /// The same diagnostic as [`Diagnostic::at`] gives.
    pub fn at(
        &mut self,
        path: impl Into<PathBuf>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let source = self.source;
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        let index = self.line_starts.partition_point(|&at| at <= start) - 1;
        let line_start = self.line_starts[index];
        let line_end = self
            .line_starts
            .get(index + 1)
            .map_or(source.len(), |next| next - 1);
        let line_text = source[line_start..line_end].trim_end_matches('\r');
        let counted_to = start.min(line_start + line_text.len());
        let (last_byte, last_index, last_col) = self.last;
        let col = if last_index == index && last_byte <= counted_to {
            last_col + source[last_byte..counted_to].chars().count()
        } else {
            source[line_start..counted_to].chars().count() + 1
        };
        self.last = (counted_to, index, col);
        let on_line_end = end.min(line_start + line_text.len()).max(start);
        let within = start - line_start..on_line_end - line_start;
        Diagnostic::on_line(path, index + 1, line_text, within, col, message)
    }
}

/// Sorts diagnostics by file, then position, then message, so output is stable across runs
/// however many threads produced them.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
    });
}

/// Shows a path with forward slashes, so messages read the same on every platform.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_at_the_span() {
        let source = "+++\ntitle = \"x\"\nfixs = [\"a\"]\n+++\n";
        let start = source.find("fixs").unwrap();
        let d = Diagnostic::at(
            "content/causes/x.md",
            source,
            start..start + 4,
            "unknown field `fixs`",
        );
        assert_eq!((d.line, d.col, d.width), (3, 1, 4));
        assert_eq!(d.source_line.as_deref(), Some("fixs = [\"a\"]"));
        assert_eq!(d.location(), "content/causes/x.md:3:1");
    }

    #[test]
    fn counts_columns_in_characters() {
        let source = "é = 1\r\nbad";
        let start = source.find("bad").unwrap();
        let d = Diagnostic::at("a.md", source, start..start + 3, "oops");
        assert_eq!((d.line, d.col, d.width), (2, 1, 3));
        let d = Diagnostic::at("a.md", source, 4..5, "eq");
        assert_eq!((d.line, d.col), (1, 4));
        assert_eq!(d.source_line.as_deref(), Some("é = 1"));
    }

    /// Regression (found by a property test): an error at the end of a CRLF line put the caret
    /// two columns past the line's last character instead of one.
    #[test]
    fn the_end_of_a_crlf_line_is_one_past_its_last_character() {
        let crlf = Diagnostic::at("a.toml", "x = \"a\r\ny = 1\r\n", 7..8, "not closed");
        let lf = Diagnostic::at("a.toml", "x = \"a\ny = 1\n", 6..7, "not closed");
        assert_eq!((crlf.line, crlf.col), (1, 7));
        assert_eq!(crlf, lf);
    }

    #[test]
    fn whole_file_diagnostics_have_no_position() {
        let d = Diagnostic::file("content/x.md", "file is empty").warning();
        assert_eq!(d.location(), "content/x.md");
        assert!(!d.is_error());
    }
}
