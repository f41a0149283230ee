//! Search while serving: the dev server answers `GET /_remedy/search?q=...&limit=N` (and
//! `&kind=NAME`, `&tag=TAG`, each repeatable) from the tantivy index in the build dir (the same
//! JSON as `remedy search --json`; `&lang=fr` asks the French edition's index), and keeps both search indexes up to date after each
//! incremental rebuild.
//!
//! Re-indexing runs on its own thread, at a lower priority than the page updates, so a page
//! reload never waits for it: the thread always
//! indexes the newest site it was given (older pending ones are skipped), hands the indexes to
//! a [`write::FolderReplacement`] of `search/` and swaps it in atomically. Every
//! site version has a generation number; an index is only swapped in if it is newer than the
//! one in place, so a slow re-index can never replace the index of a later full rebuild.
//!
//! A damaged index (its files changed on disk while serving) never takes the server down: a
//! search that fails inside tantivy, by an error the index's checksums confirm or by a panic,
//! answers 503, and the index is rebuilt from the last site built ([`SearchSlot::remember`]).

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, RwLock};

use crate::error::Result;
use crate::model::{Article, Site};
use crate::pipeline::index::{self, BROWSER_DIR, TANTIVY_DIR};
use crate::pipeline::write;
use crate::search::{index as search_index, searcher};

/// The search index being served and the generation of the site it was made from.
#[derive(Default)]
pub struct SearchSlot {
    generation: Mutex<u64>,
    open: RwLock<Option<search_index::OpenIndex>>,
    repair: Mutex<Repair>,
}

/// What rebuilding a damaged index needs: the last site built, and the re-indexer to send it to.
#[derive(Default)]
struct Repair {
    latest: Option<Job>,
    reindexer: Option<Sender<Job>>,
}

impl SearchSlot {
    /// A new, empty slot.
    pub fn new() -> Arc<SearchSlot> {
        Arc::new(SearchSlot::default())
    }

    /// Runs `swap` (which puts the indexes of site generation `generation` into `build_dir`)
    /// unless a newer generation is already in place, then reopens the index. Returns whether
    /// it swapped.
    pub fn install(
        &self,
        generation: u64,
        build_dir: &Path,
        swap: impl FnOnce() -> Result<()>,
    ) -> Result<bool> {
        let mut current = self.generation.lock().expect("search lock");
        if *current > generation {
            return Ok(false);
        }
        swap()?;
        *current = generation;
        let opened = search_index::open(&build_dir.join(TANTIVY_DIR)).ok();
        *self.open.write().expect("search lock") = opened;
        Ok(true)
    }

    /// The generation of the index in place.
    pub fn generation(&self) -> u64 {
        *self.generation.lock().expect("search lock")
    }

    /// Holds off index swaps while the caller writes files into the build dir.
    pub fn hold(&self) -> std::sync::MutexGuard<'_, u64> {
        self.generation.lock().expect("search lock")
    }

    /// Records that the build dir's indexes (written by a full build) are of `generation`,
    /// with the lock already held through `guard`, and reopens the index.
    pub fn installed(
        &self,
        guard: &mut std::sync::MutexGuard<'_, u64>,
        generation: u64,
        build_dir: &Path,
    ) {
        **guard = generation;
        let opened = search_index::open(&build_dir.join(TANTIVY_DIR)).ok();
        *self.open.write().expect("search lock") = opened;
    }

    /// Keeps `job` (the last site built) to rebuild the index from should it be damaged.
    pub fn remember(&self, job: Job) {
        self.repair.lock().expect("search lock").latest = Some(job);
    }

    /// Drops the damaged index and asks for it to be rebuilt from the last site built.
    fn rebuild_damaged(&self, problem: &str) {
        eprintln!("error: the search index is damaged ({problem}); rebuilding it");
        *self.open.write().expect("search lock") = None;
        let repair = self.repair.lock().expect("search lock");
        if let (Some(job), Some(reindexer)) = (&repair.latest, &repair.reindexer) {
            let _ = reindexer.send(Job {
                repair: true,
                ..job.clone()
            });
        }
    }

    /// Answers a query string such as `q=backup&limit=5` as JSON.
    pub fn answer(&self, query_string: &str) -> (u16, String) {
        let (query, limit, filters) = parse_query(query_string);
        let open = self.open.read().expect("search lock");
        let Some(index) = open.as_ref() else {
            return (
                503,
                serde_json::json!({"error": "the search index is not built yet"}).to_string(),
            );
        };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            searcher::query(index, &query, limit, &filters)
        }));
        let problem = match outcome {
            Ok(Ok(answer)) => {
                return (
                    200,
                    serde_json::to_string(&answer).unwrap_or_else(|_| "{}".into()),
                );
            }
            Ok(Err(error)) => match search_index::verify(&index.index) {
                Ok(()) => {
                    return (
                        500,
                        serde_json::json!({"error": error.to_string()}).to_string(),
                    );
                }
                Err(problem) => problem,
            },
            Err(_) => "a search failed inside it".to_string(),
        };
        drop(open);
        self.rebuild_damaged(&problem);
        (
            503,
            serde_json::json!({
                "error": format!("the search index is damaged ({problem}); it is being rebuilt")
            })
            .to_string(),
        )
    }
}

/// The query, limit and filters of a query string such as `q=backup&limit=5&kind=fix` (other
/// keys, such as `lang`, are left to the caller).
fn parse_query(query_string: &str) -> (String, usize, searcher::Filters) {
    let mut query = String::new();
    let mut limit = 10usize;
    let mut filters = searcher::Filters::default();
    for pair in query_string.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = super::http::percent_decode(&value.replace('+', " ")).unwrap_or_default();
        match key {
            "q" => query = value,
            "limit" => limit = value.parse().unwrap_or(10).clamp(1, 100),
            "kind" => filters.kinds.push(value),
            "tag" => filters.tags.push(value),
            _ => {}
        }
    }
    (query, limit, filters)
}

/// The `lang` of a query string (`lang=fr`), if it has one.
pub fn language_of(query_string: &str) -> Option<&str> {
    query_string
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
}

/// Answers a query string from the index of another edition than the default one, opened
/// for this request from `dir` (`<build>/fr/search/index/`: the edition's `search/` folder is
/// replaced whole when the edition changes, so there is no index to keep open). A missing or
/// damaged index answers 503; it is made again on the next change.
pub fn answer_edition(dir: &Path, query_string: &str) -> (u16, String) {
    let Ok(open) = search_index::open(dir) else {
        return (
            503,
            serde_json::json!({"error": "the edition's search index is not built yet"}).to_string(),
        );
    };
    let (query, limit, filters) = parse_query(query_string);
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        searcher::query(&open, &query, limit, &filters)
    }));
    match outcome {
        Ok(Ok(answer)) => (
            200,
            serde_json::to_string(&answer).unwrap_or_else(|_| "{}".into()),
        ),
        Ok(Err(error)) => (
            500,
            serde_json::json!({"error": error.to_string()}).to_string(),
        ),
        Err(_) => (
            503,
            serde_json::json!({"error": "the edition's search index is damaged"}).to_string(),
        ),
    }
}

/// What the re-indexer needs: the site of one generation, and the build-dir files under
/// `search/` that are pages or assets rather than index files (they are carried over). The
/// site is shared, not copied: a site as it was last linked, and the articles whose bodies were
/// edited since (copying a site of 100,000 articles after each edit took longer than the edit).
#[derive(Clone)]
pub struct Job {
    /// The site version's generation.
    pub generation: u64,
    /// The site as it was last linked.
    pub site: Arc<Site>,
    /// The articles replaced since, by index into `site.articles` (edits of bodies only).
    pub edited: Vec<(usize, Arc<Article>)>,
    /// Build-dir paths under `search/` that the indexer does not write (`search/index.html`).
    pub carry: Vec<String>,
    /// Rebuilds a damaged index of the generation in place (not only a newer one).
    pub repair: bool,
}

impl Job {
    /// The site of the job's generation: `site` with the `edited` articles put in.
    pub fn site(&self) -> Cow<'_, Site> {
        if self.edited.is_empty() {
            return Cow::Borrowed(&self.site);
        }
        let mut site = Site::clone(&self.site);
        for (index, article) in &self.edited {
            site.articles[*index] = Arc::clone(article);
        }
        Cow::Owned(site)
    }
}

/// A background re-indexer.
pub struct Reindexer {
    sender: Sender<Job>,
}

impl Reindexer {
    /// Starts the thread. `done(generation)` is called after each index swapped in.
    pub fn start(
        slot: Arc<SearchSlot>,
        build_dir: Arc<RwLock<PathBuf>>,
        done: impl Fn(u64) + Send + 'static,
    ) -> Reindexer {
        let (sender, receiver) = channel();
        slot.repair.lock().expect("search lock").reindexer = Some(sender.clone());
        std::thread::spawn(move || run(&receiver, &slot, &build_dir, &done));
        Reindexer { sender }
    }

    /// Asks for the indexes of a site version.
    pub fn request(&self, job: Job) {
        let _ = self.sender.send(job);
    }
}

fn run(
    receiver: &Receiver<Job>,
    slot: &SearchSlot,
    build_dir: &RwLock<PathBuf>,
    done: &dyn Fn(u64),
) {
    lower_priority();
    while let Ok(mut job) = receiver.recv() {
        while let Ok(newer) = receiver.try_recv() {
            job = newer;
        }
        if job.generation <= slot.generation() && !job.repair {
            continue;
        }
        let generation = job.generation;
        let target = build_dir.read().expect("build dir lock").clone();
        match reindex(slot, &job, &target) {
            Ok(true) => done(generation),
            Ok(false) => {}
            Err(error) => eprintln!("error: updating the search index failed: {error}"),
        }
    }
}

/// Puts the calling thread, and the threads it starts from then on (the index's analysis pool,
/// tantivy's writer), below the pages in the scheduler's eyes: on a large site a re-index takes
/// every core for many seconds (some 30 s of CPU at 100,000 articles), and a page saved meanwhile
/// must not wait for it. (On Linux the nice value belongs to the thread, and new threads inherit
/// it.)
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: `setpriority` only reads its arguments; the id is the calling thread's own.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 10);
    }
}

fn reindex(slot: &SearchSlot, job: &Job, build_dir: &Path) -> Result<bool> {
    let replacement = write::FolderReplacement::new(build_dir, BROWSER_DIR)?;
    index::index(&job.site(), &replacement)?;
    slot.install(job.generation, build_dir, move || {
        for path in &job.carry {
            replacement.carry(path)?;
        }
        replacement.commit()
    })
}
