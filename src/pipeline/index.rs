//! Stage 5, index: the site's search indexes, handed to the write stage's [`Sink`] (the
//! staging folder of a build, or the dev server's replacement of `search/`). The tantivy index
//! goes to `search/index/`, a folder the sink hands out because tantivy writes its own files,
//! and the browser index, derived from it, to `search/`. This file only sequences the work;
//! [`crate::search`] does it, and it writes no file itself.

use crate::error::Result;
use crate::model::Site;
use crate::pipeline::write::Sink;
use crate::search;

/// Where the tantivy index lives in the build dir.
pub const TANTIVY_DIR: &str = "search/index";
/// Where the browser index lives in the build dir.
pub const BROWSER_DIR: &str = "search";

/// Makes both search indexes of `site` and hands them to `output`.
pub fn index(site: &Site, output: &dyn Sink) -> Result<()> {
    let tantivy_dir = output.folder(TANTIVY_DIR)?;
    let meta = search::index::write(site, &tantivy_dir)?;
    output.put(
        &format!("{TANTIVY_DIR}/{}", search::index::META_FILE),
        meta.to_json()?.as_bytes(),
    )?;
    let open = search::index::open(&tantivy_dir)?;
    let impacts = search::impacts::read(&open)?;
    let files = search::export::files(&impacts, &open.meta, &search::export::SiteInfo::of(site))?;
    for file in files {
        output.put(
            &format!("{BROWSER_DIR}/{}", file.path),
            file.text.as_bytes(),
        )?;
    }
    Ok(())
}
