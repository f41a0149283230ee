//! One `run(args)` per command. Each returns the process exit code after printing its output;
//! an error is printed the same way for all of them, by [`crate::diagnostic::report`].

pub mod build;
pub mod check;
pub mod new;
pub mod search;
pub mod serve;

use crate::cli::Command;

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
            crate::diagnostic::report::print_error(&error);
            error.exit_code()
        }
    }
}
