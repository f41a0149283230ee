//! Benchmark corpus generator: writes a synthetic troubleshooting knowledge base of any size as a
//! Remedy site and, optionally, the same articles as a Hugo site.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --articles N --seed S --out DIR [--hugo DIR2]
//! ```
//!
//! The output is a pure function of `--articles` and `--seed`: the generator draws every choice
//! from its own splitmix64 stream and keeps everything in ordered collections, so two runs with
//! the same arguments write byte-identical files. It only needs `std`.
//!
//! What it writes into `DIR`:
//! - `book.toml` with the standard kinds (none declared, so Remedy's defaults apply);
//! - `content/_index.md` and `content/<kind-dir>/_index.md` (title, description, one intro
//!   paragraph), as in the bundled knowledge base;
//! - `content/<kind-dir>/<slug>.md` for the seven standard kinds, in the mix causes 25%,
//!   fixes 30%, FAQ 15%, errors 10%, guides 10%, practices 8%, restore 2%;
//! - `[search] filters = ["kind", "tags"]` in `book.toml`, so the browser index carries the
//!   filter data a real help centre's would;
//! - TOML front matter with only the fields Remedy knows (`title`, `summary`, `symptoms`,
//!   `error_codes`, `causes`, `fixes`, `related`, `tags` (none to two devices or services, by a
//!   hash of the slug), `weight`, `updated`, `effort`), and every
//!   relation resolving: each cause lists one to four fixes, every fix is listed by a cause, each
//!   error page has a unique code, one or two causes and one to three fixes;
//! - bodies of 400–800 words (about 660 on average, some 4.4 KB per file with front matter, so
//!   44 MB at 10,000 articles) drawn from a Zipf-distributed vocabulary (about two thousand common
//!   English words with the troubleshooting domain words placed among the most frequent ranks, so
//!   that words such as "backup", "icloud" or "settings" occur in most articles and make the hard
//!   case for search), organised with headings, numbered steps, bullet lists and sometimes a
//!   table, a fenced code block, a GitHub alert or an internal `@/kind/slug.md` link (never with
//!   an anchor, so every link resolves).
//!
//! With `--hugo DIR2` it writes the same text as a Hugo site: `hugo.toml`, the articles with
//! Hugo front matter (`date`/`lastmod` from `updated`; the custom fields stay top-level rather
//! than under `[params]`, because Hugo before 0.123, such as Debian's 0.111, leaves a front-matter
//! `[params]` table out of `.Params`, while every version reads top-level custom fields), internal
//! links rewritten to plain URLs (`/causes/slug/`), and minimal layouts that render the title,
//! the content, the section lists and the relation links, with `data-pagefind-body` on `<main>`.
//!
//! The generator refuses to write into a non-empty directory unless an earlier run of this
//! generator made it (its `book.toml` or `hugo.toml` carries the generated title); it then
//! replaces only the `content/` (and, for Hugo, `layouts/`) folders it owns.

mod body;
mod corpus;
mod kind;
mod output;
mod phrases;
mod relations;
mod rng;
mod skeleton;
mod words;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use crate::corpus::Corpus;
use crate::kind::Kind;
use crate::output::{
    HUGO_LAYOUTS, hugo_config, prepare_dir, remedy_book_toml, write_file, write_section_indexes,
};

pub(crate) const USAGE: &str = "\
usage: gen_corpus --articles N --seed S --out DIR [--hugo DIR2]

Writes a synthetic troubleshooting knowledge base of N articles (N >= 10) as a Remedy site in DIR
and, with --hugo, the same articles as a Hugo site in DIR2. Same arguments, same bytes.
Defaults: --articles 1000, --seed 1.";

/// The title both generated sites carry; it also marks a directory as ours to overwrite.
pub(crate) const SITE_TITLE: &str = "Generated help center";
pub(crate) const SITE_DESCRIPTION: &str = "A synthetic troubleshooting knowledge base about backups, storage and connectivity, \
     generated for benchmarks.";
pub(crate) const BASE_URL: &str = "https://help.example.com/";
pub(crate) const MIN_ARTICLES: usize = 10;

fn main() -> ExitCode {
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let started = Instant::now();
    let corpus = Corpus::generate(args.articles, args.seed);

    prepare_dir(&args.out, "book.toml", &["content"])?;
    write_file(&args.out.join("book.toml"), &remedy_book_toml())?;
    write_section_indexes(&args.out)?;
    let mut markdown_bytes = 0usize;
    for article in &corpus.articles {
        let text = corpus.remedy_markdown(article);
        markdown_bytes += text.len();
        write_file(&corpus.article_path(&args.out, article), &text)?;
    }

    if let Some(hugo_dir) = &args.hugo {
        prepare_dir(hugo_dir, "hugo.toml", &["content", "layouts"])?;
        write_file(&hugo_dir.join("hugo.toml"), &hugo_config())?;
        for (path, text) in HUGO_LAYOUTS {
            write_file(&hugo_dir.join(path), text)?;
        }
        write_section_indexes(hugo_dir)?;
        for article in &corpus.articles {
            let text = corpus.hugo_markdown(article);
            write_file(&corpus.article_path(hugo_dir, article), &text)?;
        }
    }

    let per_kind: Vec<String> = Kind::ALL
        .iter()
        .map(|&kind| {
            let count = corpus.articles.iter().filter(|a| a.kind == kind).count();
            format!("{} {count}", kind.dir())
        })
        .collect();
    let words: usize = corpus.articles.iter().map(|a| a.body_words).sum();
    println!(
        "gen_corpus: {} articles ({}), {markdown_bytes} bytes of Markdown ({:.1} MB), {words} words, seed {}, {:.2} s",
        corpus.articles.len(),
        per_kind.join(", "),
        markdown_bytes as f64 / 1e6,
        args.seed,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Command line

struct Args {
    articles: usize,
    seed: u64,
    out: PathBuf,
    hugo: Option<PathBuf>,
}

impl Args {
    /// Parses the arguments; `Ok(None)` means `--help` was asked for.
    fn parse(mut raw: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
        let mut articles = 1000usize;
        let mut seed = 1u64;
        let mut out = None;
        let mut hugo = None;
        while let Some(flag) = raw.next() {
            if flag == "-h" || flag == "--help" {
                return Ok(None);
            }
            let (name, inline_value) = match flag.split_once('=') {
                Some((name, value)) => (name.to_string(), Some(value.to_string())),
                None => (flag.clone(), None),
            };
            let mut value = || {
                inline_value
                    .clone()
                    .or_else(|| raw.next())
                    .ok_or_else(|| format!("`{name}` needs a value"))
            };
            match name.as_str() {
                "--articles" => {
                    let text = value()?;
                    articles = text
                        .parse()
                        .map_err(|_| format!("`--articles` wants a number, not `{text}`"))?;
                }
                "--seed" => {
                    let text = value()?;
                    seed = text
                        .parse()
                        .map_err(|_| format!("`--seed` wants a number, not `{text}`"))?;
                }
                "--out" => out = Some(PathBuf::from(value()?)),
                "--hugo" => hugo = Some(PathBuf::from(value()?)),
                _ => return Err(format!("unknown argument `{flag}`")),
            }
        }
        if articles < MIN_ARTICLES {
            return Err(format!("`--articles` must be at least {MIN_ARTICLES}"));
        }
        let out = out.ok_or("`--out DIR` is required")?;
        Ok(Some(Args {
            articles,
            seed,
            out,
            hugo,
        }))
    }
}
