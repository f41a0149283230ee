//! What the search benchmarks share: the sites they run on (the bundled knowledge base and
//! sites of 1,000 and 10,000 articles from `examples/gen_corpus/`, generated once and kept
//! under the target dir), a static HTTP server that logs every request, and gzip sizes.

#![allow(dead_code)]

#[path = "../../tests/integration/support/webdriver.rs"]
pub mod webdriver;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where the benchmarks keep their sites: `<target>/bench-search/`.
pub fn bench_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"));
    let dir = target.join("bench-search");
    std::fs::create_dir_all(&dir).expect("create the bench dir");
    dir
}

/// A generated site of `articles` articles (seed 1): `(remedy root, hugo root)`, generated
/// with `examples/gen_corpus/` unless already there from the generator as it is now.
pub fn generated_site(articles: usize) -> (PathBuf, PathBuf) {
    let dir = bench_dir();
    let remedy = dir.join(format!("site-{articles}"));
    let hugo = dir.join(format!("hugo-{articles}"));
    let generator = generator();
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let older_than_generator = modified(&remedy.join("book.toml")) < modified(&generator);
    if older_than_generator || !hugo.join("hugo.toml").is_file() {
        eprintln!("generating a site of {articles} articles ...");
        let status = Command::new(&generator)
            .arg("--articles")
            .arg(articles.to_string())
            .args(["--seed", "1", "--out"])
            .arg(&remedy)
            .arg("--hugo")
            .arg(&hugo)
            .status()
            .expect("run gen_corpus");
        assert!(status.success(), "gen_corpus failed");
    }
    (remedy, hugo)
}

/// The corpus generator, compiled on its own with `rustc`: it uses only the standard library,
/// so this takes seconds, where `cargo run --example` from inside a benchmark would need a
/// second target dir and a second build of every dependency.
pub fn generator() -> PathBuf {
    let binary = bench_dir().join("gen_corpus");
    let sources = repo().join("examples/gen_corpus");
    let source = sources.join("main.rs");
    // The newest of its files: the generator is a folder of modules.
    let written = std::fs::read_dir(&sources)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.metadata().ok()?.modified().ok())
        .max();
    let stale = match std::fs::metadata(&binary) {
        Ok(built) => built.modified().ok() < written,
        Err(_) => true,
    };
    if stale {
        let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
        let status = Command::new(rustc)
            .args(["--edition", "2024", "-O", "--crate-name", "gen_corpus"])
            .arg(&source)
            .arg("-o")
            .arg(&binary)
            .status()
            .expect("run rustc");
        assert!(status.success(), "compiling examples/gen_corpus/ failed");
    }
    binary
}

/// The bundled knowledge base, copied so its build does not touch the repository's `public/`.
pub fn bundled_site() -> PathBuf {
    let root = bench_dir().join("site-bundled");
    if root.exists() {
        std::fs::remove_dir_all(&root).expect("clear the bundled copy");
    }
    std::fs::create_dir_all(&root).expect("create");
    std::fs::copy(repo().join("book.toml"), root.join("book.toml")).expect("copy book.toml");
    copy_sources(&repo(), &root);
    root
}

/// Copies a site's sources besides `book.toml`: `content/` and, when there, `snippets/` and
/// `static/`.
fn copy_sources(from: &Path, to: &Path) {
    copy_dir(&from.join("content"), &to.join("content"));
    for optional in ["snippets", "static"] {
        if from.join(optional).is_dir() {
            copy_dir(&from.join(optional), &to.join(optional));
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Builds a Remedy site into its `public/` with the `remedy` binary `REMEDY` names, if set (to
/// measure another build; a copy of the site is built, its `book.toml` without the tables an
/// older version may not know, `[search*]` and `[kinds*]`), otherwise with this crate. Returns
/// the build dir.
pub fn build_with_env(root: &Path) -> PathBuf {
    let Some(remedy) = std::env::var_os("REMEDY") else {
        return build(root);
    };
    let name = root.file_name().expect("a site folder").to_string_lossy();
    let copy = bench_dir().join(format!("{name}-other"));
    if copy.exists() {
        std::fs::remove_dir_all(&copy).expect("clear the copy");
    }
    copy_sources(root, &copy);
    let book = std::fs::read_to_string(root.join("book.toml")).expect("read book.toml");
    std::fs::write(copy.join("book.toml"), older_book_toml(&book)).expect("write book.toml");
    let started = std::time::Instant::now();
    let status = Command::new(&remedy)
        .args(["build", "--quiet", "--root"])
        .arg(&copy)
        .status()
        .expect("run REMEDY");
    assert!(
        status.success(),
        "{} build failed",
        remedy.to_string_lossy()
    );
    eprintln!(
        "built {} with {} in {:.1?}",
        copy.display(),
        remedy.to_string_lossy(),
        started.elapsed()
    );
    copy.join("public")
}

/// `book.toml` without its `[search...]` and `[kinds...]` tables.
pub fn older_book_toml(text: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        // A table header, not a line of an array (`["a", "b"],`).
        if trimmed.starts_with('[') && trimmed[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            skipping = trimmed.starts_with("[search") || trimmed.starts_with("[kinds");
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Builds a Remedy site into its `public/` and returns the build dir.
pub fn build(root: &Path) -> PathBuf {
    let started = std::time::Instant::now();
    let options = remedy::BuildOptions {
        root: root.to_path_buf(),
        ..remedy::BuildOptions::default()
    };
    let report = remedy::build(&options).expect("the site builds");
    eprintln!(
        "built {} ({} pages) in {:.1?}",
        root.display(),
        report.pages,
        started.elapsed()
    );
    report.build_dir
}

/// One request the server answered.
#[derive(Debug, Clone)]
pub struct Request {
    /// The path, without the query string.
    pub path: String,
    /// Bytes sent.
    pub bytes: usize,
    /// Bytes as gzip -9 would send them (or as they are, if that is smaller: files that are
    /// compressed already).
    pub gzip: usize,
}

/// A static file server on a free port that logs what it serves.
pub struct Server {
    /// Its port.
    pub port: u16,
    log: Arc<Mutex<Vec<Request>>>,
}

impl Server {
    /// Serves `root`.
    pub fn start(root: PathBuf) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let gzip_sizes: Arc<Mutex<HashMap<PathBuf, usize>>> = Arc::default();
        let server_log = Arc::clone(&log);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let root = root.clone();
                let log = Arc::clone(&server_log);
                let gzip_sizes = Arc::clone(&gzip_sizes);
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
                    let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                    let path = target.split('?').next().unwrap_or("/").to_string();
                    let mut file = root.join(path.trim_start_matches('/'));
                    if file.is_dir() {
                        file = file.join("index.html");
                    }
                    let mut stream = &stream;
                    let Ok(bytes) = std::fs::read(&file) else {
                        let _ = write!(
                            stream,
                            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        );
                        return;
                    };
                    let kind = match file.extension().and_then(|e| e.to_str()) {
                        Some("html") => "text/html; charset=utf-8",
                        Some("js") => "text/javascript; charset=utf-8",
                        Some("css") => "text/css; charset=utf-8",
                        Some("json") => "application/json",
                        Some("wasm") => "application/wasm",
                        _ => "application/octet-stream",
                    };
                    let gzip = *gzip_sizes
                        .lock()
                        .expect("lock")
                        .entry(file.clone())
                        .or_insert_with(|| gzip_size(&bytes).min(bytes.len()));
                    log.lock().expect("lock").push(Request {
                        path,
                        bytes: bytes.len(),
                        gzip,
                    });
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
                         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
                        bytes.len()
                    );
                    let _ = stream.write_all(&bytes);
                });
            }
        });
        Server { port, log }
    }

    /// Everything served so far, and clears the log.
    pub fn take(&self) -> Vec<Request> {
        std::mem::take(&mut *self.log.lock().expect("lock"))
    }
}

/// The size of `bytes` after `gzip -9`.
pub fn gzip_size(bytes: &[u8]) -> usize {
    let mut child = Command::new("gzip")
        .args(["-9", "-c", "-n"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run gzip");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().expect("gzip output");
    let _ = writer.join();
    output.stdout.len()
}

/// Queries sampled from a site's titles, symptoms and summaries, the same every run:
/// one to four words, some cut short as while typing, some with a typo.
pub fn sampled_queries(root: &Path, count: usize) -> Vec<String> {
    let options = remedy::BuildOptions {
        root: root.to_path_buf(),
        ..remedy::BuildOptions::default()
    };
    let loaded = remedy::load_site(&options).expect("load the site");
    let mut sources = Vec::new();
    for article in &loaded.site.articles {
        sources.push(article.front.title.clone());
        sources.push(article.front.summary.clone());
        sources.extend(article.front.symptoms.iter().cloned());
    }
    let mut state: u64 = 0xbe7c4;
    let mut next = move |below: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % below.max(1)
    };
    let mut out = Vec::new();
    while out.len() < count {
        let source = &sources[next(sources.len())];
        let words: Vec<&str> = source
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '?' | ':'))
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            continue;
        }
        let length = 1 + next(4.min(words.len()));
        let start = next(words.len() - length + 1);
        let mut picked: Vec<String> = words[start..start + length]
            .iter()
            .map(|w| w.to_string())
            .collect();
        let last = picked.last_mut().expect("a word");
        let chars: Vec<char> = last.chars().collect();
        match next(4) {
            0 if chars.len() > 4 => *last = chars[..chars.len() * 2 / 3].iter().collect(),
            1 if chars.len() >= 5 => {
                let mut typo = chars;
                let at = 1 + next(typo.len() - 2);
                typo.swap(at, at + 1);
                *last = typo.into_iter().collect();
            }
            _ => {}
        }
        out.push(picked.join(" "));
    }
    out
}
