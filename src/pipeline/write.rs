//! Stage 6, write: the only code that writes the build dir. A build writes every file into a
//! fresh staging folder beside the build dir and, only when everything succeeded, swaps it in
//! with one atomic `renameat2(RENAME_EXCHANGE)` (two renames where that is unavailable), then
//! deletes the old site. A build that fails or is killed at any point leaves the previous site
//! complete; leftover staging folders of dead builds are removed by the next build. Files that
//! come out byte-identical to the previous site's are hard-linked from it, not written again
//! (see [`Staging::put`]): a rebuild of a 10,000-article site spends a third as long swapping.
//!
//! A build dir that exists but was not made by Remedy is never replaced: it could be a folder
//! of the writer's own. Remedy marks its build dirs with a `.remedy-build` file. Nothing outside
//! what Remedy made is ever deleted:
//!
//! - A build dir that is a **symlink** (`public -> /srv/www`, a common way to deploy) is built
//!   into: the link is resolved and the link's target is what gets replaced, atomically, by
//!   the same swap as any build dir, beside the target; the link itself is left as it is and
//!   points at the new site. (Replacing the link with a folder would silently stop publishing
//!   to the target; deleting through it once emptied the deployed site.) A link whose target
//!   does not exist is refused. The target must be a Remedy build dir or empty, like any
//!   build dir.
//! - A previous site Remedy could not delete after the swap (someone made it read-only) would
//!   be left behind as a hidden folder for ever: a build checks first that it can delete every
//!   folder of the previous site and refuses, naming the folder, before writing anything.
//! - Deleting a previous site never follows a symlink (see [`remove_tree`]).
//!
//! Other stages hand their files to a [`Sink`]: [`Staging`] for a whole build, or a
//! [`FolderReplacement`] when the dev server refreshes one folder (`search/`) of a live build
//! dir. A library that manages its own files (the tantivy index) is handed a folder inside the
//! staging area by [`Sink::folder`] and writes nowhere else. The dev server's in-place updates of
//! single pages go through [`update_file`] and [`remove_file`].

use std::ffi::OsString;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The file that marks a folder as a Remedy build dir.
pub const MARKER_FILE: &str = ".remedy-build";
const MARKER_TEXT: &str = "This folder is built by Remedy and replaced on every build.\n";
const STAGING_INFIX: &str = ".remedy-staging-";

/// Where a stage puts build output: [`Staging`] (a whole build) or [`FolderReplacement`] (one
/// folder of a live build dir). Paths are `/`-separated and relative to the build dir.
pub trait Sink: Sync {
    /// Writes one file.
    fn put(&self, relative: &str, bytes: &[u8]) -> Result<()>;

    /// Creates the folder `relative` and returns where it is, for a library that writes its
    /// own files (the tantivy index): it must write nowhere else.
    fn folder(&self, relative: &str) -> Result<PathBuf>;
}

/// A staging folder that files are written into before the swap.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    /// The previous site, when there is one: files that come out the same are hard-linked
    /// from it instead of written again.
    previous: Option<PathBuf>,
    /// The folders made so far (relative, `/`-separated): the second file of a folder (an
    /// article's page and Markdown) costs no `mkdir` that fails with "exists".
    made: std::sync::Mutex<rustc_hash::FxHashSet<String>>,
    committed: bool,
}

impl Staging {
    /// Creates a staging folder for `target` (the build dir), after checking that `target` may
    /// be replaced and removing what dead builds left behind.
    pub fn new(target: &Path) -> Result<Staging> {
        let target = through_link(&absolute(target)?)?;
        let has_site = check_replaceable(&target)?;
        if has_site {
            check_deletable(&target)?;
        }
        let parent = target
            .parent()
            .ok_or_else(|| Error::Usage(format!("cannot build into `{}`", target.display())))?
            .to_path_buf();
        fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        remove_dead_staging(&parent, &target);
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let dir = parent.join(format!(".{name}{STAGING_INFIX}{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        fs::write(dir.join(MARKER_FILE), MARKER_TEXT)
            .map_err(|e| Error::io(dir.join(MARKER_FILE), e))?;
        let previous = has_site.then(|| target.clone());
        Ok(Staging {
            dir,
            target,
            previous,
            made: Default::default(),
            committed: false,
        })
    }

    /// Writes one file, `relative` being a `/`-separated path inside the build dir.
    ///
    /// A file whose bytes equal the previous site's file at the same path is hard-linked from
    /// it instead: a rebuild then allocates no inode and writes no data for what did not
    /// change, and deleting the previous site after the swap frees nothing the new one uses.
    /// Linked files are never written to (every file is created new, never truncated), so the
    /// previous site stays intact until the swap whatever happens to this build.
    pub fn put(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir.join(relative);
        if let Some((folder, _)) = relative.rsplit_once('/')
            && let Some(parent) = path.parent()
            && !self.made.lock().is_ok_and(|made| made.contains(folder))
        {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            if let Ok(mut made) = self.made.lock() {
                made.insert(folder.to_string());
            }
        }
        if let Some(previous) = &self.previous {
            let old = previous.join(relative);
            if same_file_contents(&old, bytes) && fs::hard_link(&old, &path).is_ok() {
                return Ok(());
            }
        }
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| match e.kind() {
                // Name the file in the site, not the staging folder's temporary name.
                std::io::ErrorKind::AlreadyExists => {
                    Error::Internal(format!("`{relative}` was written twice in one build"))
                }
                _ => Error::io(&path, e),
            })?;
        file.write_all(bytes).map_err(|e| Error::io(&path, e))
    }

    /// The folder `relative` inside the staging folder, created (see [`Sink::folder`]).
    pub fn folder(&self, relative: &str) -> Result<PathBuf> {
        make_folder(&self.dir, relative)
    }

    /// Links the files of the folder `relative` of the previous site into the staging folder,
    /// unless this build made that folder itself: the dev server's full rebuild makes the
    /// other editions (`fr/`) only after the swap, and until it has, the build dir keeps their
    /// last pages instead of having none. (Linked files are never written to, as in [`Self::put`].)
    pub fn keep(&self, relative: &str) -> Result<()> {
        let Some(previous) = &self.previous else {
            return Ok(());
        };
        let from = previous.join(relative);
        let to = self.dir.join(relative);
        if !from.is_dir() || to.exists() {
            return Ok(());
        }
        for entry in walkdir::WalkDir::new(&from).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(&from).to_path_buf();
                Error::io(&path, e.into())
            })?;
            let path = to.join(entry.path().strip_prefix(&from).unwrap_or(entry.path()));
            if entry.file_type().is_dir() {
                fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
            } else if fs::hard_link(entry.path(), &path).is_err() {
                fs::copy(entry.path(), &path).map_err(|e| Error::io(&path, e))?;
            }
        }
        Ok(())
    }

    /// Swaps the staging folder in as the build dir and deletes the previous site.
    pub fn commit(mut self) -> Result<()> {
        if self.target.exists() {
            exchange(&self.dir, &self.target)?;
            // `self.dir` now holds the previous site.
            remove_tree(&self.dir);
        } else {
            fs::rename(&self.dir, &self.target).map_err(|e| Error::io(&self.target, e))?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        Staging::put(self, relative, bytes)
    }

    fn folder(&self, relative: &str) -> Result<PathBuf> {
        Staging::folder(self, relative)
    }
}

/// A sink that writes under a folder of another: an edition's files under `fr/`.
pub struct Prefixed<'a> {
    /// Where the files go.
    pub inner: &'a dyn Sink,
    /// The folder, ending in `/` (empty: the inner sink itself).
    pub prefix: &'a str,
}

impl Sink for Prefixed<'_> {
    fn put(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        self.inner.put(&format!("{}{relative}", self.prefix), bytes)
    }

    fn folder(&self, relative: &str) -> Result<PathBuf> {
        self.inner.folder(&format!("{}{relative}", self.prefix))
    }
}

fn make_folder(base: &Path, relative: &str) -> Result<PathBuf> {
    let path = base.join(relative);
    fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
    Ok(path)
}

/// A new copy of one folder of a live build dir (the dev server's `search/`), made in a scratch
/// folder beside the build dir and swapped in whole by [`FolderReplacement::commit`], so a
/// reader of the build dir never sees half of it. Dropped uncommitted, it leaves no trace.
#[derive(Debug)]
pub struct FolderReplacement {
    scratch: PathBuf,
    build_dir: PathBuf,
    folder: String,
}

impl FolderReplacement {
    /// Starts a replacement of `build_dir/folder`.
    pub fn new(build_dir: &Path, folder: &str) -> Result<FolderReplacement> {
        let build_dir = &through_link(&absolute(build_dir)?)?;
        let name = build_dir
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let parent = build_dir
            .parent()
            .ok_or_else(|| Error::Internal("the build dir has no parent".into()))?;
        let scratch = parent.join(format!(".{name}.remedy-{folder}-{}", std::process::id()));
        if scratch.exists() {
            fs::remove_dir_all(&scratch).map_err(|e| Error::io(&scratch, e))?;
        }
        fs::create_dir_all(scratch.join(folder)).map_err(|e| Error::io(&scratch, e))?;
        Ok(FolderReplacement {
            scratch,
            build_dir: build_dir.to_path_buf(),
            folder: folder.to_string(),
        })
    }

    /// The place of `relative` in the scratch folder, refusing a path outside the folder
    /// being replaced.
    fn place(&self, relative: &str) -> Result<PathBuf> {
        if !relative.starts_with(&format!("{}/", self.folder)) {
            return Err(Error::Internal(format!(
                "`{relative}` is not in the `{}` folder being replaced",
                self.folder
            )));
        }
        Ok(self.scratch.join(relative))
    }

    /// Copies a file the replacement does not make from the build dir into it, so it is
    /// still there after the swap (`search/index.html` is a page, not part of the index).
    pub fn carry(&self, relative: &str) -> Result<()> {
        let from = self.build_dir.join(relative);
        let to = self.place(relative)?;
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        fs::copy(&from, &to).map_err(|e| Error::io(&from, e))?;
        Ok(())
    }

    /// Swaps the new folder in with one atomic exchange (two renames where the kernel cannot),
    /// then deletes the old one.
    pub fn commit(self) -> Result<()> {
        replace_dir(
            &self.scratch.join(&self.folder),
            &self.build_dir.join(&self.folder),
        )
    }
}

impl Sink for FolderReplacement {
    fn put(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        let path = self.place(relative)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
    }

    fn folder(&self, relative: &str) -> Result<PathBuf> {
        self.place(relative)?;
        make_folder(&self.scratch, relative)
    }
}

impl Drop for FolderReplacement {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.scratch);
    }
}

/// Whether `path` is a regular file (not a link) holding exactly `bytes`.
fn same_file_contents(path: &Path, bytes: &[u8]) -> bool {
    let Ok(metadata) = fs::symlink_metadata(path) else {
        return false;
    };
    metadata.is_file()
        && metadata.len() == bytes.len() as u64
        && fs::read(path).is_ok_and(|old| old == bytes)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Deletes a folder tree, its subfolders in parallel: on file systems mounted with online
/// discard, deleting thousands of small files is bound by the device's latency, not the CPU,
/// and several deletions in flight finish about twice as fast as one after another.
///
/// A link is removed, never followed: `dir` itself, or anything in it, may be a symlink to a
/// folder Remedy did not make.
pub fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    if fs::symlink_metadata(dir).is_ok_and(|m| !m.is_dir()) {
        let _ = fs::remove_file(dir);
        return;
    }
    let mut folders = Vec::new();
    if let Ok(kinds) = fs::read_dir(dir) {
        for kind in kinds.flatten() {
            if kind.file_type().is_ok_and(|t| t.is_dir()) {
                match fs::read_dir(kind.path()) {
                    Ok(pages) => folders.extend(pages.flatten().map(|p| p.path())),
                    Err(_) => folders.push(kind.path()),
                }
            }
        }
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(8).build();
    let remove = || {
        folders.par_iter().for_each(|folder| {
            if fs::symlink_metadata(folder).is_ok_and(|m| m.is_dir()) {
                let _ = fs::remove_dir_all(folder);
            } else {
                let _ = fs::remove_file(folder);
            }
        });
    };
    match pool {
        Ok(pool) => pool.install(remove),
        Err(_) => remove(),
    }
    let _ = fs::remove_dir_all(dir);
}

/// Replaces the folder `target` with the complete folder `replacement` in one atomic exchange
/// (when the kernel allows), then deletes the old contents. `target` may be missing.
fn replace_dir(replacement: &Path, target: &Path) -> Result<()> {
    if target.exists() {
        exchange(replacement, target)?;
        fs::remove_dir_all(replacement).map_err(|e| Error::io(replacement, e))
    } else {
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        fs::rename(replacement, target).map_err(|e| Error::io(target, e))
    }
}

/// Writes one file of an existing build dir in place, atomically (write beside, then rename),
/// and only if its contents changed. Returns whether it wrote. Used by the dev server.
pub fn update_file(build_dir: &Path, relative: &str, bytes: &[u8]) -> Result<bool> {
    let path = build_dir.join(relative);
    if fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let parent = path.parent().unwrap_or(build_dir);
    fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let temporary = parent.join(format!(
        ".{}.remedy-tmp",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    let mut file = fs::File::create(&temporary).map_err(|e| Error::io(&temporary, e))?;
    file.write_all(bytes)
        .map_err(|e| Error::io(&temporary, e))?;
    drop(file);
    fs::rename(&temporary, &path).map_err(|e| Error::io(&path, e))?;
    Ok(true)
}

/// Removes a page's file (and its folder if it becomes empty) from a build dir. Used by the dev
/// server when an article is deleted.
pub fn remove_file(build_dir: &Path, relative: &str) -> Result<()> {
    let path = build_dir.join(relative);
    match fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(&path, e)),
    }
    if let Some(parent) = path.parent()
        && parent != build_dir
    {
        let _ = fs::remove_dir(parent);
    }
    Ok(())
}

fn absolute(path: &Path) -> Result<PathBuf> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
        cwd.join(path)
    };
    // Collecting the components drops `.` ones: `/site/./public` → `/site/public` in messages.
    Ok(joined.components().collect())
}

/// The folder a build into `path` replaces: `path` itself, or, when it is a symlink, the
/// folder it points to (see the module doc). A link to nothing, or to a file, is refused.
fn through_link(path: &Path) -> Result<PathBuf> {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(path.to_path_buf());
    }
    let shown = crate::diagnostic::display_path(path);
    let pointed = fs::read_link(path)
        .map(|p| crate::diagnostic::display_path(&p))
        .unwrap_or_default();
    match fs::canonicalize(path) {
        Ok(target) if target.parent().is_some() => Ok(target),
        Ok(_) => Err(Error::Usage(format!(
            "build dir `{shown}` is a symlink to the filesystem root"
        ))),
        Err(_) => Err(Error::Usage(format!(
            "build dir `{shown}` is a symlink to `{pointed}`, which does not exist: create that \
             folder, or remove the link"
        ))),
    }
}

/// Checks that every folder of the previous site at `target` can be deleted after the swap, so
/// no build reports success while leaving the old site behind in a hidden folder.
fn check_deletable(target: &Path) -> Result<()> {
    for entry in walkdir::WalkDir::new(target).follow_links(false) {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_dir() {
            continue;
        }
        if !writable(entry.path()) {
            let target = crate::diagnostic::display_path(target);
            return Err(Error::Usage(format!(
                "build dir `{target}` cannot be replaced: its folder `{}` is read-only, so the \
                 previous site could not be deleted; make it writable (`chmod -R u+w {target}`) \
                 or choose another `--out`",
                crate::diagnostic::display_path(entry.path())
            )));
        }
    }
    Ok(())
}

/// Whether this process may create and delete entries in the folder `dir`.
fn writable(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt as _;
        let Ok(path) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
            return false;
        };
        // SAFETY: a valid NUL-terminated path; access(2) only reads it.
        unsafe { libc::access(path.as_ptr(), libc::W_OK | libc::X_OK) == 0 }
    }
    #[cfg(not(unix))]
    {
        fs::metadata(dir).is_ok_and(|m| !m.permissions().readonly())
    }
}

/// Checks that `target` may be replaced: missing, empty, or a Remedy build dir. Returns
/// whether it holds a previous site (has the marker file).
fn check_replaceable(target: &Path) -> Result<bool> {
    match fs::read_dir(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => Err(Error::Usage(format!(
            "build dir `{}` is a file",
            target.display()
        ))),
        Err(e) => Err(Error::io(target, e)),
        Ok(mut entries) => {
            if target.join(MARKER_FILE).is_file() {
                Ok(true)
            } else if entries.next().is_none() {
                Ok(false)
            } else {
                Err(Error::Usage(format!(
                    "build dir `{}` exists and was not made by Remedy (it has no `{MARKER_FILE}` \
                     file), so it is not replaced: remove it or choose another `--out`",
                    target.display()
                )))
            }
        }
    }
}

/// Removes staging folders left by builds whose process is gone.
fn remove_dead_staging(parent: &Path, target: &Path) {
    let Some(name) = target.file_name() else {
        return;
    };
    let mut prefix = OsString::from(".");
    prefix.push(name);
    prefix.push(STAGING_INFIX);
    let prefix = prefix.to_string_lossy().to_string();
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        let Some(pid) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let alive = pid
            .parse::<i32>()
            .is_ok_and(|pid| pid != std::process::id() as i32 && process_alive(pid));
        if !alive {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn process_alive(pid: i32) -> bool {
    #[cfg(unix)]
    {
        // SAFETY: kill with signal 0 only checks whether the process exists.
        unsafe { libc::kill(pid, 0) == 0 }
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        false
    }
}

/// Atomically exchanges two directories, or, where the kernel cannot, renames in two steps.
fn exchange(staging: &Path, target: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let from = CString::new(staging.as_os_str().as_bytes())
            .map_err(|_| Error::Usage(format!("bad path `{}`", staging.display())))?;
        let to = CString::new(target.as_os_str().as_bytes())
            .map_err(|_| Error::Usage(format!("bad path `{}`", target.display())))?;
        // SAFETY: both are valid NUL-terminated paths; AT_FDCWD resolves them like open(2).
        let result = unsafe {
            libc::syscall(
                libc::SYS_renameat2,
                libc::AT_FDCWD,
                from.as_ptr(),
                libc::AT_FDCWD,
                to.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if result == 0 {
            return Ok(());
        }
    }
    let old = staging.with_extension("old");
    fs::rename(target, &old).map_err(|e| Error::io(target, e))?;
    fs::rename(staging, target).map_err(|e| Error::io(target, e))?;
    fs::rename(&old, staging).map_err(|e| Error::io(staging, e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_in_a_complete_site() {
        let temp = tempfile::tempdir().unwrap();
        let target = temp.path().join("public");
        let staging = Staging::new(&target).unwrap();
        staging.put("a/index.html", b"one").unwrap();
        staging.commit().unwrap();
        assert_eq!(fs::read(target.join("a/index.html")).unwrap(), b"one");

        let staging = Staging::new(&target).unwrap();
        staging.put("b/index.html", b"two").unwrap();
        drop(staging); // a failed build
        assert_eq!(fs::read(target.join("a/index.html")).unwrap(), b"one");

        let staging = Staging::new(&target).unwrap();
        staging.put("b/index.html", b"two").unwrap();
        staging.commit().unwrap();
        assert!(!target.join("a").exists());
        let leftovers: Vec<_> = fs::read_dir(temp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }

    #[test]
    fn a_rebuild_links_unchanged_files_and_never_writes_into_the_previous_site() {
        use std::os::unix::fs::MetadataExt as _;
        let temp = tempfile::tempdir().unwrap();
        let target = temp.path().join("public");
        let first = Staging::new(&target).unwrap();
        first.put("same/index.html", b"unchanged").unwrap();
        first.put("edited/index.html", b"before").unwrap();
        first.commit().unwrap();
        let inode = |path: &str| fs::metadata(target.join(path)).unwrap().ino();
        let (same, edited) = (inode("same/index.html"), inode("edited/index.html"));

        let second = Staging::new(&target).unwrap();
        second.put("same/index.html", b"unchanged").unwrap();
        second.put("edited/index.html", b"after!").unwrap();
        // Until the swap the previous site is whole, whatever this build wrote.
        assert_eq!(
            fs::read(target.join("edited/index.html")).unwrap(),
            b"before"
        );
        assert_eq!(
            fs::read(target.join("same/index.html")).unwrap(),
            b"unchanged"
        );
        // Writing a path twice is refused rather than truncating a linked file.
        assert!(second.put("same/index.html", b"other").is_err());
        assert_eq!(
            fs::read(target.join("same/index.html")).unwrap(),
            b"unchanged"
        );
        second.commit().unwrap();

        assert_eq!(
            inode("same/index.html"),
            same,
            "an unchanged file is linked"
        );
        assert_ne!(inode("edited/index.html"), edited, "a changed file is new");
        assert_eq!(
            fs::read(target.join("edited/index.html")).unwrap(),
            b"after!"
        );
        let links = fs::metadata(target.join("same/index.html"))
            .unwrap()
            .nlink();
        assert_eq!(links, 1, "the previous site is gone");
    }

    #[test]
    fn refuses_folders_it_did_not_make() {
        let temp = tempfile::tempdir().unwrap();
        fs::write(temp.path().join("precious.txt"), "x").unwrap();
        let error = Staging::new(&temp.path().join(".")).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "build dir `{}` exists and was not made by Remedy (it has no `.remedy-build` \
                 file), so it is not replaced: remove it or choose another `--out`",
                temp.path().display()
            )
        );
    }

    #[test]
    fn a_folder_replacement_swaps_in_whole_and_keeps_what_it_carries() {
        let temp = tempfile::tempdir().unwrap();
        let build_dir = temp.path().join("public");
        fs::create_dir_all(build_dir.join("search/old")).unwrap();
        fs::write(build_dir.join("search/old/x.js"), "old").unwrap();
        fs::write(build_dir.join("search/index.html"), "page").unwrap();
        fs::write(build_dir.join("index.html"), "home").unwrap();

        let replacement = FolderReplacement::new(&build_dir, "search").unwrap();
        replacement.put("search/new/y.js", b"new").unwrap();
        let folder = Sink::folder(&replacement, "search/index").unwrap();
        fs::write(folder.join("segment"), "tantivy").unwrap();
        replacement.carry("search/index.html").unwrap();
        assert!(
            replacement.put("index.html", b"x").is_err(),
            "outside the folder"
        );
        // Nothing shows until the swap.
        assert!(!build_dir.join("search/new").exists());
        replacement.commit().unwrap();
        assert_eq!(fs::read(build_dir.join("search/new/y.js")).unwrap(), b"new");
        assert_eq!(
            fs::read(build_dir.join("search/index/segment")).unwrap(),
            b"tantivy"
        );
        assert_eq!(
            fs::read(build_dir.join("search/index.html")).unwrap(),
            b"page"
        );
        assert!(!build_dir.join("search/old").exists());
        assert_eq!(fs::read(build_dir.join("index.html")).unwrap(), b"home");
        let left: Vec<_> = fs::read_dir(temp.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "the scratch folder is gone");

        // Dropped without a commit, it changes nothing and leaves nothing.
        let replacement = FolderReplacement::new(&build_dir, "search").unwrap();
        replacement.put("search/other.js", b"x").unwrap();
        drop(replacement);
        assert!(!build_dir.join("search/other.js").exists());
        assert_eq!(fs::read_dir(temp.path()).unwrap().count(), 1);
    }

    #[test]
    fn updates_files_only_when_they_change() {
        let temp = tempfile::tempdir().unwrap();
        assert!(update_file(temp.path(), "x/index.html", b"a").unwrap());
        assert!(!update_file(temp.path(), "x/index.html", b"a").unwrap());
        assert!(update_file(temp.path(), "x/index.html", b"b").unwrap());
        remove_file(temp.path(), "x/index.html").unwrap();
        assert!(!temp.path().join("x").exists());
    }
}
