//! One `run(args)` per command. Each returns the process exit code after printing its output;
//! [`report`] prints an error the same way for all of them.

pub mod build;
pub mod check;
pub mod new;
pub mod search;
pub mod serve;

use crate::cli::Command;
use crate::diagnostic::Diagnostic;
use crate::error::Error;

/// Runs a command and returns its exit code.
pub fn run(command: Command) -> i32 {
    let result = match command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::New(args) => new::run(args),
        Command::Search(args) => search::run(args),
        Command::Serve(args) => serve::run(args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            report(&error);
            error.exit_code()
        }
    }
}

/// Prints an error to stderr: every diagnostic for content problems, one line otherwise.
pub fn report(error: &Error) {
    match error {
        Error::Content(diagnostics) => {
            print_diagnostics(diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "error: {errors} problem{} found; nothing was written",
                if errors == 1 { "" } else { "s" }
            );
        }
        other => eprintln!("error: {other}"),
    }
}

/// Prints diagnostics to stderr, a blank line between them.
pub fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        eprintln!("{diagnostic}\n");
    }
}
