//! `remedy build`: build the site, print warnings and a summary.

use std::io::IsTerminal as _;
use std::time::Instant;

use crate::BuildOptions;
use crate::cli::BuildArgs;
use crate::error::Result;

/// Runs `remedy build`.
pub fn run(args: BuildArgs) -> Result<i32> {
    let started = Instant::now();
    let options = BuildOptions {
        root: args.root,
        out: args.out,
        base_url: args.base_url,
        drafts: args.drafts,
        portable: args.portable,
        progress: !args.quiet && std::io::stderr().is_terminal(),
    };
    let report = crate::build(&options)?;
    crate::diagnostic::report::print(&report.warnings);
    if args.timings {
        for (step, took) in &report.timings {
            eprintln!("{step:>18}: {took:.2?}");
        }
    }
    if !args.quiet {
        eprintln!(
            "built {} pages ({}) into {} in {:.2?}",
            report.pages,
            crate::model::kinds_summary(&report.articles_per_kind),
            crate::diagnostic::display_path(&report.build_dir),
            started.elapsed()
        );
    }
    Ok(0)
}
