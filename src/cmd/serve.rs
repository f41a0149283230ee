//! `remedy serve`: build, serve, watch and live-reload.

use crate::cli::ServeArgs;
use crate::error::{Error, Result};

/// Runs `remedy serve`.
pub fn run(args: ServeArgs) -> Result<i32> {
    let _ = args;
    Err(Error::Usage(
        "`remedy serve` is not built yet: use `remedy build` and open public/index.html"
            .to_string(),
    ))
}
