//! `remedy search`: query the tantivy index of the last build, without building anything.
//! A missing, incompatible or damaged index is an error (exit 2) that says to run `remedy build`
//! (the index is verified when it is opened ([`index::open`]), and should a damaged file get past
//! that, a panic inside tantivy is caught here and reported the same way), and so is a `--kind`
//! that is no kind of the site.
//!
//! `--json` prints one object, `{"query", "results": [{slug, kind, title, url, score}],
//! "unmatched": [words], "total": N}` ([`searcher::Answer`]); the text output lists the results
//! and says on stderr which words no article mentions.
//!
//! `--lang fr` searches the French edition's index (`fr/search/index/`); `--kind` takes the
//! site's kind names whatever the edition.

use std::io::Write as _;

use crate::cli::SearchArgs;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::pipeline::{index::TANTIVY_DIR, load};
use crate::search::{index, searcher};

/// Runs `remedy search`.
pub fn run(args: SearchArgs) -> Result<i32> {
    let config = load::load_config(&args.root)?;
    let edition = match args.lang.as_deref() {
        None => String::new(),
        Some(code) if code == config.language => String::new(),
        Some(code) if config.editions.iter().any(|e| e.code == code) => format!("{code}/"),
        Some(code) => {
            let known: Vec<String> = std::iter::once(&config.language)
                .chain(config.editions.iter().map(|e| &e.code))
                .map(|c| format!("`{c}`"))
                .collect();
            return Err(Error::Usage(format!(
                "--lang: the site has no edition `{code}` (it has {})",
                known.join(", ")
            )));
        }
    };
    let dir = args
        .root
        .join(&config.build_dir)
        .join(format!("{edition}{TANTIVY_DIR}"));
    let filters = searcher::Filters {
        kinds: args
            .kinds
            .iter()
            .map(|kind| kind_name(&config, kind))
            .collect::<Result<_>>()?,
        tags: args.tags.clone(),
    };
    let open = index::open(&dir)?;
    let answer = search_guarded(&dir, &open, &args.query, usize::from(args.limit), &filters)?;
    if !args.json {
        let words: Vec<String> = answer.unmatched.iter().map(|w| format!("`{w}`")).collect();
        if !words.is_empty() {
            eprintln!("note: no article mentions {}", words.join(", "));
        }
    }
    if answer.results.is_empty() && !args.json {
        eprintln!("no results for `{}`", args.query);
        return Ok(0);
    }
    let text = if args.json {
        let mut json =
            serde_json::to_string_pretty(&answer).map_err(|e| Error::Internal(e.to_string()))?;
        json.push('\n');
        json
    } else {
        let mut text = String::new();
        for (rank, hit) in answer.results.iter().enumerate() {
            text.push_str(&format!("{:>2}. {} ({})\n", rank + 1, hit.title, hit.kind));
            text.push_str(&format!("    {}\n", hit.url));
            if !hit.summary.is_empty() {
                text.push_str(&format!("    {}\n", hit.summary));
            }
        }
        text
    };
    // A reader piping into `head` closes the pipe early: that is not an error.
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("<stdout>", e)),
        _ => Ok(0),
    }
}

/// The name of the kind `written` names by name or folder.
fn kind_name(config: &Config, written: &str) -> Result<String> {
    let found = config.kind(written).or_else(|| config.kind_by_dir(written));
    if let Some(kind) = found {
        return Ok(kind.name.clone());
    }
    let names = config
        .kinds
        .iter()
        .flat_map(|k| [k.name.as_str(), k.dir.as_str()]);
    let hint = match crate::suggest::closest(written, names) {
        Some(close) => format!(": did you mean `{close}`?"),
        None => format!(
            ": the kinds are {}",
            config
                .kinds
                .iter()
                .map(|k| format!("`{}`", k.name))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Err(Error::Usage(format!(
        "--kind: unknown kind `{written}`{hint}"
    )))
}

/// [`searcher::query`], with a panic inside tantivy (a damaged file its checksums missed)
/// turned into the damaged-index error. The panic's own message is not printed.
fn search_guarded(
    dir: &std::path::Path,
    open: &index::OpenIndex,
    query: &str,
    limit: usize,
    filters: &searcher::Filters,
) -> Result<searcher::Answer> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        searcher::query(open, query, limit, filters)
    }));
    std::panic::set_hook(hook);
    outcome.unwrap_or_else(|_| Err(index::damaged(dir, "a search failed inside it")))
}
