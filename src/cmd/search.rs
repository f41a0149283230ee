//! `remedy search`: query the tantivy index of the last build, without building anything.
//! A missing or incompatible index is an error (exit 2) that says to run `remedy build`.

use crate::cli::SearchArgs;
use crate::error::{Error, Result};
use crate::pipeline::{index::TANTIVY_DIR, load};
use crate::search::{index, searcher};

/// Runs `remedy search`.
pub fn run(args: SearchArgs) -> Result<i32> {
    let config = load::load_config(&args.root)?;
    let dir = args.root.join(&config.build_dir).join(TANTIVY_DIR);
    let open = index::open(&dir)?;
    let hits = searcher::search(&open, &args.query, args.limit)?;
    if args.json {
        let json =
            serde_json::to_string_pretty(&hits).map_err(|e| Error::Internal(e.to_string()))?;
        println!("{json}");
        return Ok(0);
    }
    if hits.is_empty() {
        eprintln!("no results for `{}`", args.query);
        return Ok(0);
    }
    for (rank, hit) in hits.iter().enumerate() {
        println!("{:>2}. {} ({})", rank + 1, hit.title, hit.kind);
        println!("    {}", hit.url);
        if !hit.summary.is_empty() {
            println!("    {}", hit.summary);
        }
    }
    Ok(0)
}
