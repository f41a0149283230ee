//! The errors that stop a run. Content problems are not here: they are [`Diagnostic`]s, collected
//! and reported together; an [`Error::Content`] only carries them up to the command that prints
//! them. Every IO variant names the path it failed on.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;

/// Everything that can stop a Remedy command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The content, configuration or templates have problems; nothing was written.
    #[error("{} problem{} found", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    Content(Vec<Diagnostic>),
    /// Reading or writing a file failed.
    #[error("{}: {source}", crate::diagnostic::display_path(path))]
    Io {
        /// The file or directory the operation was on.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The command was used wrongly (a missing site, a bad flag value).
    #[error("{0}")]
    Usage(String),
    /// The search index is missing, damaged or from another version.
    #[error("{0}")]
    Search(String),
    /// Something inside Remedy failed that is not the writer's fault.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// Wraps an IO error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The process exit code for this error: 1 for content problems, 2 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Content(_) => 1,
            _ => 2,
        }
    }
}

/// Remedy's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
