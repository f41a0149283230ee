//! `remedy check`: everything `build` validates, without writing. Prints every problem; exits 1
//! if there are errors, or warnings under `--strict`.

use crate::BuildOptions;
use crate::cli::CheckArgs;
use crate::error::Result;

/// Runs `remedy check`.
pub fn run(args: CheckArgs) -> Result<i32> {
    let options = BuildOptions {
        root: args.root,
        drafts: args.drafts,
        ..BuildOptions::default()
    };
    let (warnings, summary) = crate::check_summarized(&options, crate::model::Date::today())?;
    crate::diagnostic::report::print(&warnings);
    for line in &summary {
        eprintln!("{line}");
    }
    if warnings.is_empty() {
        eprintln!("no problems found");
        Ok(0)
    } else if args.strict {
        eprintln!(
            "error: {} warning{} (--strict treats warnings as errors)",
            warnings.len(),
            if warnings.len() == 1 { "" } else { "s" }
        );
        Ok(1)
    } else {
        eprintln!(
            "{} warning{}, no errors",
            warnings.len(),
            if warnings.len() == 1 { "" } else { "s" }
        );
        Ok(0)
    }
}
