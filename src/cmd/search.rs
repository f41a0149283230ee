//! `remedy search`: query the tantivy index of the last build.

use crate::cli::SearchArgs;
use crate::error::{Error, Result};

/// Runs `remedy search`.
pub fn run(args: SearchArgs) -> Result<i32> {
    let _ = args;
    Err(Error::Usage("`remedy search` is not built yet".to_string()))
}
