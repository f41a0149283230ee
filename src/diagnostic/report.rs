//! How diagnostics reach the writer. Each is rendered by `annotate-snippets`, the renderer
//! rustc and cargo use: an `error:` or `warning:` label with the message, the location as
//! `--> path:line:col`, the source line with a caret under the problem, any secondary places
//! (each as `::: path:line:col`, its line underlined with `-` and labelled), and `= help:` lines.
//! Printed to stderr it is coloured when stderr is a terminal and `NO_COLOR` is not set, plain
//! otherwise; `Display` (tests, the dev server's overlay) is always plain. The commands and
//! the dev server print through here, so `remedy check`, `remedy build` and `remedy serve`
//! report alike.
//!
//! ```text
//! error: unknown field `wieght`
//!  --> content/fixes/free-up-storage.md:4:1
//!   |
//! 4 | wieght = 10
//!   | ^^^^^^
//!   |
//!   = help: did you mean `weight`?
//! ```

use std::fmt;
use std::io::{IsTerminal as _, Write as _};
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};
use rayon::prelude::*;

use super::{Diagnostic, Severity, display_path};
use crate::error::Error;

/// How wide a rendered source line may be: longer lines are shown cut around the caret, so
/// a minified file or a 10,000-bracket line cannot flood the terminal.
const MAX_WIDTH: usize = 400;

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render(self, &Renderer::plain().term_width(MAX_WIDTH)))
    }
}

/// One diagnostic as `renderer` draws it, without a trailing newline.
fn render(diagnostic: &Diagnostic, renderer: &Renderer) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let path = display_path(&diagnostic.path);
    let title = level.primary_title(diagnostic.message.as_str());
    let (shown_line, shown_col) = match &diagnostic.source_line {
        Some(line) => {
            let (line, col) = excerpt(line, diagnostic.source_cut, diagnostic.col);
            (Some(line), col)
        }
        None => (None, diagnostic.col),
    };
    let mut group = match (&shown_line, diagnostic.line) {
        (_, 0) => title.element(Origin::path(path.as_str())),
        (Some(source_line), line) => title.element(
            Snippet::source(source_line.as_str())
                .line_start(line)
                .path(path.as_str())
                .annotation(AnnotationKind::Primary.span(caret_span(
                    source_line,
                    shown_col,
                    diagnostic.width,
                ))),
        ),
        (None, line) => title.element(
            Origin::path(path.as_str())
                .line(line)
                .char_column(diagnostic.col),
        ),
    };
    let secondary: Vec<(String, String, usize)> = diagnostic
        .secondary
        .iter()
        .map(|place| {
            let (line, col) = excerpt(&place.source_line, place.source_cut, place.col);
            (display_path(&place.path), line, col)
        })
        .collect();
    for (place, (path, line, col)) in diagnostic.secondary.iter().zip(&secondary) {
        group = group.element(
            Snippet::source(line.as_str())
                .line_start(place.line)
                .path(path.as_str())
                .annotation(
                    AnnotationKind::Context
                        .span(caret_span(line, *col, place.width))
                        .label(place.label.as_str()),
                ),
        );
    }
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let mut text = renderer.render(&[group]);
    // annotate-snippets names the column within an excerpt: name the file's column.
    if shown_col != diagnostic.col {
        let line = diagnostic.line;
        text = text.replacen(
            &format!("{path}:{line}:{shown_col}"),
            &format!("{path}:{line}:{}", diagnostic.col),
            1,
        );
    }
    for (place, (path, _, col)) in diagnostic.secondary.iter().zip(&secondary) {
        if *col != place.col {
            let line = place.line;
            text = text.replacen(
                &format!("::: {path}:{line}:{col}"),
                &format!("::: {path}:{line}:{}", place.col),
                1,
            );
        }
    }
    text
}

/// A source line as shown, and the caret's column in it: an excerpt of a long line (`cut`
/// characters of it left out before) is shown after `...`, the caret placed within it.
fn excerpt(line: &str, cut: usize, col: usize) -> (String, usize) {
    if cut > 0 {
        (format!("...{line}"), col + 3 - cut.min(col))
    } else {
        (line.to_string(), col)
    }
}

/// The bytes of `line` under a caret at 1-based character column `col`, `width` characters
/// wide; past the end of the line, the empty span there (drawn as one caret after it).
fn caret_span(line: &str, col: usize, width: usize) -> Range<usize> {
    let byte_at = |chars: usize| {
        line.char_indices()
            .nth(chars)
            .map_or(line.len(), |(at, _)| at)
    };
    let start = byte_at(col.saturating_sub(1));
    let end = byte_at(col.saturating_sub(1) + width.max(1));
    start..end
}

/// Whether diagnostics printed to stderr get colour: only on a terminal, and never when
/// `NO_COLOR` is set to anything (<https://no-color.org>).
fn colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints diagnostics to stderr, a blank line after each.
pub fn print(diagnostics: &[Diagnostic]) {
    let renderer = if colour() {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .term_width(MAX_WIDTH);
    // A large site can have hundreds of thousands of warnings (441,478 on the 100,000 generated
    // articles): they are rendered on every core, a chunk at a time, and written in order
    // through one buffer rather than a write to the terminal per line.
    let mut out = std::io::BufWriter::new(std::io::stderr().lock());
    for chunk in diagnostics.chunks(PRINTED_AT_ONCE) {
        let texts: Vec<String> = chunk
            .par_iter()
            .map(|diagnostic| format!("{}\n\n", render(diagnostic, &renderer)))
            .collect();
        for text in texts {
            // Like `eprintln!`, but a closed stderr is no reason to stop.
            if out.write_all(text.as_bytes()).is_err() {
                return;
            }
        }
    }
    let _ = out.flush();
}

/// How many diagnostics [`print`] renders before writing them.
const PRINTED_AT_ONCE: usize = 4096;

/// "3 problems found": the number of errors among `diagnostics`.
pub fn problems_found(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    format!(
        "{errors} problem{} found",
        if errors == 1 { "" } else { "s" }
    )
}

/// Prints an error that stopped a command: every diagnostic for content problems and the
/// count, one line otherwise.
pub fn print_error(error: &Error) {
    match error {
        Error::Content(diagnostics) => {
            print(diagnostics);
            eprintln!(
                "error: {}; nothing was written",
                problems_found(diagnostics)
            );
        }
        other => eprintln!("error: {other}"),
    }
}

/// The text the dev server's overlay shows: every diagnostic as `remedy check` prints it.
pub fn overlay_text(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_shows_its_label_location_line_caret_and_help() {
        let source = "+++\ntitle = \"x\"\nfixs = [\"a\"]\n+++\n";
        let start = source.find("fixs").unwrap();
        let d = Diagnostic::at(
            "content/causes/x.md",
            source,
            start..start + 4,
            "unknown field `fixs`",
        )
        .with_help("did you mean `fixes`?");
        assert_eq!(
            d.to_string(),
            "error: unknown field `fixs`
 --> content/causes/x.md:3:1
  |
3 | fixs = [\"a\"]
  | ^^^^
  |
  = help: did you mean `fixes`?"
        );
    }

    #[test]
    fn warnings_and_whole_file_problems_say_so() {
        let d = Diagnostic::file("content/x.md", "file is empty").warning();
        assert_eq!(d.to_string(), "warning: file is empty\n--> content/x.md");
        let d =
            Diagnostic::file("content/howtos", "unknown kind folder `howtos`").with_help("move it");
        assert_eq!(
            d.to_string(),
            "error: unknown kind folder `howtos`\n--> content/howtos\n = help: move it"
        );
    }

    /// The caret of a problem at the end of a line (a string left open) stands just past it.
    #[test]
    fn a_caret_past_the_end_of_the_line_stands_after_it() {
        let d = Diagnostic::at(
            "a.toml",
            "x = \"abc\ny = 1\n",
            8..9,
            "the string is not closed",
        );
        assert_eq!(
            d.to_string(),
            "error: the string is not closed
 --> a.toml:1:9
  |
1 | x = \"abc
  |         ^"
        );
        assert_eq!(caret_span("abc", 4, 1), 3..3);
        assert_eq!(caret_span("é = 1", 2, 3), 2..5);
    }

    /// Regression: a 10,000-bracket line of TOML was printed whole, 20,000 characters.
    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let source = format!("a = {}x{}\n", "[".repeat(5000), "]".repeat(5000));
        let start = source.find('x').unwrap();
        let d = Diagnostic::at("book.toml", &source, start..start + 1, "here");
        let text = d.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "error: here");
        assert_eq!(lines[1], " --> book.toml:1:5005");
        assert!(lines[3].starts_with("1 | ...[[[") && lines[3].ends_with("]]]..."));
        assert!(lines[3].contains("[x]"), "{}", lines[3]);
        assert!(lines[3].chars().count() <= MAX_WIDTH, "{}", lines[3].len());
        let caret = lines[4].find('^').unwrap();
        assert_eq!(&lines[3][caret..caret + 1], "x");
    }

    #[test]
    fn tabs_keep_the_caret_under_the_problem() {
        let d = Diagnostic::at("a.md", "\tkey\t= bad\n", 7..10, "oops");
        let text = d.to_string();
        let lines: Vec<&str> = text.lines().collect();
        let caret = lines[4].find('^').unwrap();
        assert_eq!(&lines[3][caret..caret + 3], "bad", "{text}");
    }

    /// A duplicate names both places: the second under `:::`, underlined with `-` and labelled.
    #[test]
    fn a_secondary_place_is_shown_after_the_main_one() {
        let first = "+++\nsymptoms = [\"iCloud storage full\"]\n+++\n";
        let second = "+++\ntitle = \"x\"\nsymptoms = [\"icloud storage full\"]\n+++\n";
        let at = |text: &str| {
            let start = text.find("\"i").unwrap();
            start..start + "\"iCloud storage full\"".len()
        };
        let d = Diagnostic::at(
            "content/errors/9006.md",
            second,
            at(second),
            "near-duplicate",
        )
        .with_secondary(
            "content/causes/full.md",
            first,
            at(first),
            "first written here",
        )
        .with_help("write it the same way")
        .warning();
        assert_eq!(
            d.to_string(),
            "warning: near-duplicate
 --> content/errors/9006.md:3:13
  |
3 | symptoms = [\"icloud storage full\"]
  |             ^^^^^^^^^^^^^^^^^^^^^
  |
 ::: content/causes/full.md:2:13
  |
2 | symptoms = [\"iCloud storage full\"]
  |             --------------------- first written here
  |
  = help: write it the same way"
        );
    }

    #[test]
    fn counts_problems() {
        let error = Diagnostic::file("a", "x");
        let warning = Diagnostic::file("a", "y").warning();
        assert_eq!(
            problems_found(std::slice::from_ref(&error)),
            "1 problem found"
        );
        assert_eq!(
            problems_found(&[error.clone(), warning, error]),
            "2 problems found"
        );
    }
}
