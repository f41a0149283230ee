//! The walk of a folder of the site, shared by the loader (`content/`) and the theme
//! (`themes/<name>/`, `templates/`, `static/`): entries in name order, symlinks followed only
//! while they stay inside the site root. A link that leaves the root (a `static/` linked to
//! `/etc` would publish it), a link that loops and an entry that cannot be read are
//! diagnostics, and what they point to is not visited. The walk reads no file: the caller
//! decides what to do with each entry it is shown.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, display_path};
use crate::error::{Error, Result};

/// One file or folder the walk found.
#[derive(Debug)]
pub struct Entry<'a> {
    /// The path to read it from (the site root joined with `relative`).
    pub path: &'a Path,
    /// The path relative to the site root, for diagnostics: `content/causes/x.md`.
    pub relative: PathBuf,
    /// The file name.
    pub name: String,
    /// 0 for the walked folder itself, 1 for what it holds, and so on.
    pub depth: usize,
    /// Whether it is a folder (a link to a folder counts as one).
    pub is_dir: bool,
    /// Whether it is a regular file (a link to one counts as one).
    pub is_file: bool,
    /// Its size in bytes, when known.
    pub len: Option<u64>,
}

/// What to do after an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Go on (into the folder, if the entry is one).
    Continue,
    /// Do not go into this folder.
    SkipDir,
}

/// Walks `root/dir`, calling `visit` for every entry (the folder itself first, at depth 0)
/// that `skip(name, is_dir)` does not leave out; `skip` is asked before anything else about
/// an entry below the folder, so a skipped link is not even checked. Problems go to
/// `diagnostics`. A missing folder has no entries. Fails only when the site root itself
/// cannot be resolved.
pub fn walk(
    root: &Path,
    dir: &Path,
    skip: &dyn Fn(&str, bool) -> bool,
    diagnostics: &mut Vec<Diagnostic>,
    visit: &mut dyn FnMut(&Entry<'_>) -> Next,
) -> Result<()> {
    let full = root.join(dir);
    if !full.is_dir() {
        return Ok(());
    }
    let canonical_root = root
        .canonicalize()
        .map_err(|error| Error::io(root, error))?;
    let relative_to_root = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let mut walker = walkdir::WalkDir::new(&full)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = relative_to_root(error.path().unwrap_or(&full));
                let message = if error.loop_ancestor().is_some() {
                    "symlink loop: this link points back to a folder that contains it".to_string()
                } else {
                    format!(
                        "cannot read: {}",
                        error
                            .io_error()
                            .map_or_else(|| error.to_string(), |e| e.to_string())
                    )
                };
                diagnostics.push(Diagnostic::file(path, message));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy().to_string();
        let is_dir = entry.file_type().is_dir();
        if entry.depth() > 0 && skip(&name, is_dir) {
            if is_dir {
                walker.skip_current_dir();
            }
            continue;
        }
        let relative = relative_to_root(entry.path());
        // The folder itself may be a link, or sit in a linked folder (`themes/x -> ...`).
        if entry.depth() == 0 || entry.path_is_symlink() {
            match entry.path().canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) => {}
                Ok(target) => {
                    diagnostics.push(
                        Diagnostic::file(
                            &relative,
                            format!(
                                "symlink points outside the site: `{}`",
                                display_path(&target)
                            ),
                        )
                        .with_help("copy the file into the site instead of linking to it"),
                    );
                    if is_dir {
                        walker.skip_current_dir();
                    }
                    continue;
                }
                Err(error) => {
                    diagnostics.push(Diagnostic::file(
                        &relative,
                        format!("broken symlink: {error}"),
                    ));
                    continue;
                }
            }
        }
        let found = Entry {
            path: entry.path(),
            relative,
            name,
            depth: entry.depth(),
            is_dir,
            is_file: entry.file_type().is_file(),
            len: entry.metadata().ok().map(|m| m.len()),
        };
        if visit(&found) == Next::SkipDir && is_dir {
            walker.skip_current_dir();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk_all(root: &Path, dir: &str) -> (Vec<String>, Vec<String>) {
        let mut seen = Vec::new();
        let mut diagnostics = Vec::new();
        walk(
            root,
            Path::new(dir),
            &|name, _| name.starts_with('.'),
            &mut diagnostics,
            &mut |entry| {
                seen.push(format!("{} {}", entry.depth, display_path(&entry.relative)));
                Next::Continue
            },
        )
        .unwrap();
        let problems = diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.location(), d.message))
            .collect();
        (seen, problems)
    }

    #[test]
    fn entries_come_in_name_order_without_the_skipped_ones() {
        let site = tempfile::tempdir().unwrap();
        for path in ["d/b/x.md", "d/a.md", "d/.hidden/y.md", "d/.z.md"] {
            let path = site.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let (seen, problems) = walk_all(site.path(), "d");
        assert_eq!(seen, ["0 d", "1 d/a.md", "1 d/b", "2 d/b/x.md"]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(walk_all(site.path(), "missing").0, Vec::<String>::new());
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_site_and_loops_are_diagnostics() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        let site = tempfile::tempdir().unwrap();
        let dir = site.path().join("d");
        std::fs::create_dir(&dir).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.join("out")).unwrap();
        std::os::unix::fs::symlink(&dir, dir.join("loop")).unwrap();
        std::fs::write(site.path().join("inside.md"), "x").unwrap();
        std::os::unix::fs::symlink(site.path().join("inside.md"), dir.join("in.md")).unwrap();
        let (seen, problems) = walk_all(site.path(), "d");
        assert_eq!(seen, ["0 d", "1 d/in.md"]);
        let target = outside.path().canonicalize().unwrap();
        assert_eq!(
            problems,
            [
                "d/loop: symlink loop: this link points back to a folder that contains it"
                    .to_string(),
                format!(
                    "d/out: symlink points outside the site: `{}`",
                    target.display()
                ),
            ]
        );
    }
}
