//! The command line, as clap derive structs: one `Args` struct per command. The help text is
//! these doc comments.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Remedy builds troubleshooting help sites from Markdown, with a symptom search that works
/// offline.
#[derive(Debug, Parser)]
#[command(name = "remedy", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render the site and both search indexes into the build dir
    Build(BuildArgs),
    /// Build, serve on 127.0.0.1, watch, rebuild what changed and live-reload the browser
    Serve(ServeArgs),
    /// Check everything `build` validates, without writing; exit 1 on any problem
    Check(CheckArgs),
    /// Query the search index of the last build
    Search(SearchArgs),
    /// Create an article with valid front matter in its kind's folder
    New(NewArgs),
}

/// `remedy build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The site root, holding book.toml
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Write the site here instead of [build] build-dir
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Publish at this URL instead of [build] base-url
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include articles marked draft = true
    #[arg(long)]
    pub drafts: bool,
    /// Link pages by their index.html, so the site works opened from a disk with no server
    /// and no JavaScript ([build] portable = true)
    #[arg(long)]
    pub portable: bool,
    /// Print nothing but problems
    #[arg(long, short)]
    pub quiet: bool,
    /// Print how long each step of the build took
    #[arg(long)]
    pub timings: bool,
}

/// `remedy serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The site root, holding book.toml
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
    /// The address to listen on (127.0.0.1 unless you want others on the network to see it)
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Open the site in the default browser
    #[arg(long)]
    pub open: bool,
    /// Include articles marked draft = true
    #[arg(long)]
    pub drafts: bool,
    /// Print nothing but problems
    #[arg(long, short)]
    pub quiet: bool,
}

/// `remedy check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The site root, holding book.toml
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Treat warnings as errors
    #[arg(long)]
    pub strict: bool,
    /// Include articles marked draft = true
    #[arg(long)]
    pub drafts: bool,
}

/// `remedy search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// What to search for, such as "backup stops halfway" or "error 9006"
    pub query: String,
    /// The site root, holding book.toml
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// How many results to show (at least 1)
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..))]
    pub limit: u16,
    /// Print one JSON object {query, results, unmatched, total} instead of text
    #[arg(long)]
    pub json: bool,
    /// Search this edition (a `[languages.<code>]` of book.toml, such as `fr`) instead of the
    /// default one
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// Only articles of this kind, by name or folder (`fix` or `fixes`); repeat for several
    #[arg(long = "kind", value_name = "KIND")]
    pub kinds: Vec<String>,
    /// Only articles with this tag (any case); repeat for several
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
}

/// `remedy new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The kind of article: cause, fix, guide, ... (or its folder name)
    pub kind: String,
    /// The article's title; the file name is made from it
    pub title: String,
    /// The site root, holding book.toml
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
