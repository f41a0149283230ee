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
        progress: !args.quiet && std::io::stderr().is_terminal(),
    };
    let report = crate::build(&options)?;
    super::print_diagnostics(&report.warnings);
    if args.timings {
        for (step, took) in &report.timings {
            eprintln!("{step:>18}: {took:.2?}");
        }
    }
    if !args.quiet {
        let kinds: Vec<String> = report
            .articles_per_kind
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(title, n)| format!("{n} {}", title.to_lowercase()))
            .collect();
        eprintln!(
            "built {} pages ({}) into {} in {:.2?}",
            report.pages,
            kinds.join(", "),
            crate::diagnostic::display_path(&report.build_dir),
            started.elapsed()
        );
    }
    Ok(0)
}
