//! Watching the site's sources: `book.toml`, `content/`, `snippets/`, the theme, and the site's
//! `templates/` and `static/`. Events are debounced into batches (an editor's save is often several events:
//! a temporary file, a rename over the original, a metadata change), and events inside the
//! build dir, `.git/` or `target/` are dropped, so the server's own writes never trigger a
//! rebuild.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::error::{Error, Result};

/// How long the sources must be quiet before a batch is handed over.
pub const QUIET: Duration = Duration::from_millis(15);
/// The longest a batch waits for quiet before it is handed over anyway.
pub const MAX_WAIT: Duration = Duration::from_millis(300);

/// A debounced watcher over a site's sources.
pub struct Watcher {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    build_dir: PathBuf,
    watched: BTreeSet<PathBuf>,
    theme_dir: PathBuf,
    /// When the first event of the last batch arrived.
    first_event: Option<Instant>,
}

impl Watcher {
    /// Starts watching the site at `root` (absolute) whose build dir is `build_dir`.
    pub fn new(root: &Path, build_dir: &Path, theme: &str) -> Result<Watcher> {
        let (sender, events) = channel();
        let watcher = notify::recommended_watcher(sender)
            .map_err(|e| Error::Internal(format!("cannot watch files: {e}")))?;
        let mut watcher = Watcher {
            watcher,
            events,
            root: root.to_path_buf(),
            build_dir: build_dir.to_path_buf(),
            watched: BTreeSet::new(),
            theme_dir: Path::new(crate::theme::THEMES_DIR).join(theme),
            first_event: None,
        };
        watcher
            .watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| Error::Internal(format!("cannot watch `{}`: {e}", root.display())))?;
        watcher.refresh();
        Ok(watcher)
    }

    /// Adds watches for source folders that exist now (a `templates/` created after start).
    pub fn refresh(&mut self) {
        let folders = [
            PathBuf::from(crate::pipeline::load::CONTENT_DIR),
            PathBuf::from(crate::pipeline::load::SNIPPETS_DIR),
            self.theme_dir.clone(),
            PathBuf::from(crate::theme::SITE_TEMPLATES_DIR),
            PathBuf::from(crate::theme::SITE_STATIC_DIR),
            PathBuf::from(crate::i18n::I18N_DIR),
        ];
        for folder in folders {
            let full = self.root.join(&folder);
            if full.is_dir() && !self.watched.contains(&full) {
                if self.watcher.watch(&full, RecursiveMode::Recursive).is_ok() {
                    self.watched.insert(full);
                }
            } else if !full.is_dir() && self.watched.remove(&full) {
                let _ = self.watcher.unwatch(&full);
            }
        }
    }

    /// Blocks until something changes, then returns the changed paths (relative to the root)
    /// once the sources have been quiet for [`QUIET`]. Returns `None` when watching stopped.
    pub fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
        let mut changed = BTreeSet::new();
        loop {
            let event = self.events.recv().ok()?;
            self.collect(event, &mut changed);
            if !changed.is_empty() {
                break;
            }
        }
        let started = Instant::now();
        self.first_event = Some(started);
        loop {
            let left = MAX_WAIT.saturating_sub(started.elapsed());
            if left.is_zero() {
                break;
            }
            match self.events.recv_timeout(QUIET.min(left)) {
                Ok(event) => self.collect(event, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        self.refresh();
        Some(changed.into_iter().collect())
    }

    /// When the first event of the last batch arrived (for the timings trace).
    pub fn first_event(&self) -> Option<Instant> {
        self.first_event
    }

    fn collect(&self, event: notify::Result<notify::Event>, changed: &mut BTreeSet<PathBuf>) {
        let Ok(event) = event else {
            return;
        };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            let relative = path.strip_prefix(&self.root).unwrap_or(&path).to_path_buf();
            if self.is_relevant(&path, &relative) {
                changed.insert(relative);
            }
        }
    }

    fn is_relevant(&self, absolute: &Path, relative: &Path) -> bool {
        if absolute.starts_with(&self.build_dir) || relative.as_os_str().is_empty() {
            return false;
        }
        let first = relative
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .unwrap_or_default();
        if [".git", "target", "node_modules"].contains(&first.as_str()) {
            return false;
        }
        if relative.components().count() == 1 {
            // At the root only book.toml and the source folders themselves matter.
            return [
                crate::config::CONFIG_FILE,
                crate::pipeline::load::CONTENT_DIR,
                crate::pipeline::load::SNIPPETS_DIR,
                crate::theme::THEMES_DIR,
                crate::theme::SITE_TEMPLATES_DIR,
                crate::theme::SITE_STATIC_DIR,
                crate::i18n::I18N_DIR,
            ]
            .contains(&first.as_str());
        }
        true
    }
}
