//! How diagnostics reach the writer: printed to stderr, a blank line after each, followed by
//! the one-line count the commands end with. The commands and the dev server print through
//! here, so `remedy check`, `remedy build` and `remedy serve` report alike.

use super::Diagnostic;
use crate::error::Error;

/// Prints diagnostics to stderr, a blank line after each.
pub fn print(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        eprintln!("{diagnostic}\n");
    }
}

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
