//! Stage 5, index: the site's search indexes, written into the staging folder before it is
//! swapped in. The tantivy index goes to `search/index/` and the browser index, derived from it,
//! to `search/`. This file only sequences the work; [`crate::search`] does it.

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::Site;
use crate::search;

/// Where the tantivy index lives in the build dir.
pub const TANTIVY_DIR: &str = "search/index";
/// Where the browser index lives in the build dir.
pub const BROWSER_DIR: &str = "search";

/// Writes both search indexes of `site` under `root`: the build dir being made (the staging
/// folder), or the dev server's scratch folder when it refreshes the search of a running site.
pub fn index(site: &Site, root: &Path) -> Result<()> {
    let tantivy_dir = root.join(TANTIVY_DIR);
    search::index::write(site, &tantivy_dir)?;
    let open = search::index::open(&tantivy_dir)?;
    let impacts = search::impacts::read(&open)?;
    let files = search::export::files(&impacts, &open.meta, &search::export::SiteInfo::of(site))?;
    for file in files {
        let path = root.join(BROWSER_DIR).join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, file.text).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}
