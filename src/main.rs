//! The `remedy` binary: parse the command line, run the command, print diagnostics, exit with
//! 0 (ok), 1 (content problems) or 2 (usage or internal error).

use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = remedy::cli::Cli::parse();
    let code = remedy::cmd::run(cli.command);
    std::process::exit(code);
}
