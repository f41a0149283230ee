//! `remedy serve`: build, serve on 127.0.0.1, watch, rebuild what changed, live-reload.

use std::io::IsTerminal as _;

use crate::BuildOptions;
use crate::cli::ServeArgs;
use crate::error::Result;
use crate::serve::{ServeOptions, serve};

/// Runs `remedy serve` until interrupted.
pub fn run(args: ServeArgs) -> Result<i32> {
    let quiet = args.quiet;
    serve(ServeOptions {
        build: BuildOptions {
            root: args.root,
            drafts: args.drafts,
            progress: !quiet && std::io::stderr().is_terminal(),
            ..BuildOptions::default()
        },
        bind: args.bind,
        port: args.port,
        open: args.open,
        quiet,
    })?;
    Ok(0)
}
