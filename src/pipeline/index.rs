//! Stage 5, index: the site's search indexes, written into the staging folder before it is
//! swapped in. The tantivy index goes to `search/index/` and the browser index, derived from it,
//! to `search/`. This file only sequences the work; [`crate::search`] does it.

use std::path::Path;

use crate::error::Result;
use crate::model::Site;
use crate::search;

/// Where the tantivy index lives in the build dir.
pub const TANTIVY_DIR: &str = "search/index";

/// Writes both search indexes of `site` under `root`: the build dir being made (the staging
/// folder), or the dev server's scratch folder when it refreshes the search of a running site.
pub fn index(site: &Site, root: &Path) -> Result<()> {
    search::index::write(site, &root.join(TANTIVY_DIR))?;
    Ok(())
}
