//! Shared fixtures: the bundled knowledge base built once into a temporary site root, the
//! labelled queries, and a runner for the `remedy` binary that shows everything on failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The repository root.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the bundled site (book.toml and content/) under cargo's temporary folder for
/// integration tests, built into its `public/`. Made afresh once per test run.
pub fn bundled_site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let temp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("search-bundled-site");
        if temp.exists() {
            std::fs::remove_dir_all(&temp).expect("remove the previous fixture");
        }
        std::fs::create_dir_all(&temp).expect("create the fixture folder");
        std::fs::copy(repo().join("book.toml"), temp.join("book.toml")).expect("copy book.toml");
        copy_dir(&repo().join("content"), &temp.join("content"));
        let options = remedy::BuildOptions {
            root: temp.clone(),
            ..remedy::BuildOptions::default()
        };
        remedy::build(&options).expect("the bundled site builds");
        temp
    })
}

/// The build dir of [`bundled_site`].
pub fn bundled_build() -> PathBuf {
    bundled_site().join("public")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// One labelled query.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Labelled {
    /// The query.
    pub q: String,
    /// The slugs that answer it.
    pub answers: Vec<String>,
}

#[derive(serde::Deserialize)]
struct QueryFile {
    query: Vec<Labelled>,
}

/// The labelled queries: `../shared/search/queries.toml` when it is there (the shared, possibly
/// newer set), otherwise the copy in `tests/search/queries.toml`.
pub fn labelled_queries() -> Vec<Labelled> {
    let shared = repo().join("../shared/search/queries.toml");
    let path = if shared.is_file() {
        shared
    } else {
        repo().join("tests/search/queries.toml")
    };
    let text = std::fs::read_to_string(&path).expect("read queries.toml");
    let file: QueryFile = toml::from_str(&text).expect("parse queries.toml");
    file.query
}

/// Mean reciprocal rank (first answer within the top 10) and hit@3 of ranked slug lists.
pub fn mrr_and_hit3(queries: &[Labelled], results: &[Vec<String>]) -> (f64, f64) {
    let mut reciprocal = 0.0;
    let mut hits = 0;
    for (query, slugs) in queries.iter().zip(results) {
        if let Some(rank) = slugs
            .iter()
            .take(10)
            .position(|s| query.answers.contains(s))
        {
            reciprocal += 1.0 / (rank + 1) as f64;
            if rank < 3 {
                hits += 1;
            }
        }
    }
    let n = queries.len() as f64;
    (reciprocal / n, hits as f64 / n)
}

/// Prints a table of queries and their first results, marking those whose top result is not
/// an answer.
pub fn print_results(label: &str, queries: &[Labelled], results: &[Vec<String>]) {
    println!("{label}:");
    for (query, slugs) in queries.iter().zip(results) {
        let rank = slugs.iter().position(|s| query.answers.contains(s));
        let mark = match rank {
            Some(0) => "  ",
            Some(r) if r < 3 => " ~",
            _ => " !",
        };
        let top: Vec<&str> = slugs.iter().take(3).map(String::as_str).collect();
        println!("{mark} {:<40} {}", query.q, top.join(", "));
    }
}

/// Runs the `remedy` binary.
pub fn remedy(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_remedy"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run remedy")
}

/// Describes a finished command for an assertion message.
pub fn describe(args: &[&str], cwd: &Path, output: &Output) -> String {
    format!(
        "remedy {}\n  in {}\n  exit: {:?}\n  stdout:\n{}\n  stderr:\n{}",
        args.join(" "),
        cwd.display(),
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
