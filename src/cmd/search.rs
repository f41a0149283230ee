//! `remedy search`: query the tantivy index of the last build, without building anything.
//! A missing or incompatible index is an error (exit 2) that says to run `remedy build`.
//! `--lang fr` searches the French edition's index (`fr/search/index/`).

use std::io::Write as _;

use crate::cli::SearchArgs;
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
    let open = index::open(&dir)?;
    let hits = searcher::search(&open, &args.query, args.limit)?;
    if hits.is_empty() && !args.json {
        eprintln!("no results for `{}`", args.query);
        return Ok(0);
    }
    let text = if args.json {
        let mut json =
            serde_json::to_string_pretty(&hits).map_err(|e| Error::Internal(e.to_string()))?;
        json.push('\n');
        json
    } else {
        let mut text = String::new();
        for (rank, hit) in hits.iter().enumerate() {
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
