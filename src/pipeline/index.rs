//! Stage 5, index: the site's search indexes, written into the staging folder before it is
//! swapped in. The tantivy index goes to `search/index/` and the browser index, derived from it,
//! to `search/`. This file only sequences the work; [`crate::search`] does it.

use crate::error::Result;
use crate::model::Site;
use crate::pipeline::write::Staging;
use crate::search;

/// Where the tantivy index lives in the build dir.
pub const TANTIVY_DIR: &str = "search/index";

/// Writes both search indexes of `site` into `staging` (the build dir being made).
pub fn index(site: &Site, staging: &Staging) -> Result<()> {
    search::index::write(site, &staging.path().join(TANTIVY_DIR))?;
    Ok(())
}
