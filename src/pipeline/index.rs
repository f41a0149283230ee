//! Stage 5, index: the site's search indexes, handed to the write stage's [`Sink`] (the
//! staging folder of a build, or the dev server's replacement of `search/`). The tantivy index
//! goes to `search/index/`, a folder the sink hands out because tantivy writes its own files,
//! and the browser index, derived from it, to `search/`. This file only sequences the work;
//! [`crate::search`] does it, and it writes no file itself.

use std::time::{Duration, Instant};

use crate::error::Result;
use crate::model::Site;
use crate::pipeline::write::Sink;
use crate::search;

/// Where the tantivy index lives in the build dir.
pub const TANTIVY_DIR: &str = "search/index";
/// Where the browser index lives in the build dir.
pub const BROWSER_DIR: &str = "search";

/// The folders of the browser index inside [`BROWSER_DIR`] (words, terms, postings, documents,
/// filters; see [`search::export`]), and its manifest.
const BROWSER_FOLDERS: [&str; 5] = ["w/", "t/", "r/", "d/", "f/"];
const BROWSER_MANIFEST: &str = "manifest.js";

/// Whether this stage writes the build-dir file `path`: anything in the tantivy index's folder,
/// the browser index's manifest and the files in its folders. (`search/index.html` is a page.)
pub fn writes(path: &str) -> bool {
    path.starts_with(&format!("{TANTIVY_DIR}/"))
        || path
            .strip_prefix(&format!("{BROWSER_DIR}/"))
            .is_some_and(|inside| {
                inside == BROWSER_MANIFEST || BROWSER_FOLDERS.iter().any(|f| inside.starts_with(f))
            })
}

/// How long each step of [`index()`] took, for `remedy build --timings`.
pub type Steps = Vec<(&'static str, Duration)>;

/// Makes both search indexes of `site` and hands them to `output`. Returns how long each step
/// took.
pub fn index(site: &Site, output: &dyn Sink) -> Result<Steps> {
    index_with(site, output, None)
}

/// [`index()`], getting the bodies that `site` let go of from `bodies` (see
/// [`crate::pipeline::bodies`]).
pub fn index_with(
    site: &Site,
    output: &dyn Sink,
    bodies: Option<&search::index::BodyText<'_>>,
) -> Result<Steps> {
    let mut steps = Steps::new();
    let started = Instant::now();
    let tantivy_dir = output.folder(TANTIVY_DIR)?;
    let meta = search::index::write_with(site, &tantivy_dir, bodies)?;
    output.put(
        &format!("{TANTIVY_DIR}/{}", search::index::META_FILE),
        meta.to_json()?.as_bytes(),
    )?;
    steps.push(("  tantivy index", started.elapsed()));
    let started = Instant::now();
    // The read-back and the browser index run on the index's own threads, as its writing does
    // (which the dev server starts at a lower priority than its page updates).
    let pool = search::index::own_threads()?;
    let open = search::index::open(&tantivy_dir)?;
    let impacts = pool.install(|| search::impacts::read(&open))?;
    steps.push(("  read back", started.elapsed()));
    let started = Instant::now();
    let site_info = search::export::SiteInfo::of(site);
    // Each file is written as soon as it is made, on every core (4,600 files and 73 MB at
    // 100,000 articles).
    pool.install(|| {
        search::export::write(&impacts, &open.meta, &site_info, &|file| {
            output.put(
                &format!("{BROWSER_DIR}/{}", file.path),
                file.text.as_bytes(),
            )
        })
    })?;
    steps.push(("  browser index", started.elapsed()));
    Ok(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file the index stage makes is one [`writes`] owns, so a static file can never
    /// collide with one unnoticed.
    #[test]
    fn writes_owns_every_file_of_the_indexes() {
        let site = crate::fixture::site();
        let temp = tempfile::tempdir().unwrap();
        let staging = crate::pipeline::write::Staging::new(&temp.path().join("public")).unwrap();
        index(&site, &staging).unwrap();
        staging.commit().unwrap();
        let root = temp.path().join("public");
        let mut count = 0;
        for entry in walkdir::WalkDir::new(&root) {
            let entry = entry.unwrap();
            let path = entry
                .path()
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .to_string();
            if entry.file_type().is_file() && path != crate::pipeline::write::MARKER_FILE {
                assert!(writes(&path), "{path}");
                count += 1;
            }
        }
        assert!(count > 5, "{count}");
        assert!(!writes("search/index.html"));
        assert!(!writes("search/other.js"));
    }
}
