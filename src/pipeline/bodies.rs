//! Bodies let go after parsing and made again when needed. An article's file text, HTML and
//! plain text are most of what a site holds in memory (at 100,000 articles, 1.3 GB of its
//! 2 GB after the link stage), yet each is read by two readers only: the article's own page (with
//! its Markdown copy) and the search index. Everything else (relations, links, listings,
//! the troubleshooter, print views) needs the front matter, headings, links and steps.
//!
//! So a build of a large site holds the bodies of its first [`HELD_BYTES`] of Markdown and
//! parses every later article first for everything but its body ([`Article::released`]: no HTML, no plain text) and lets go of
//! its file's text once the link stage has reported any problem in it. The search index,
//! which goes through the articles in order, asks [`Reparse::body`] for each: the file is read
//! and its body parsed again (not its front matter, which the article holds; the file must not
//! have changed since it was loaded), the article's page and Markdown copy are made from the
//! body, and its text is indexed; then the body is dropped. The price is a second parse of each
//! body let go of; smaller sites keep every body. `remedy check` does the same but keeps every
//! file's text, which its warnings are located in; the dev server always keeps the bodies.

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::model::Article;
use crate::pipeline::load::{self, Source};
use crate::pipeline::parse::{self, Parsed};

/// A build holds the bodies of the articles in its first this many bytes of Markdown (64 MiB:
/// about 15,000 articles of 4 KB, whose bodies take about 250 MB) and lets go of the others':
/// a site that small is not parsed twice, and a larger one is parsed twice only past it.
pub const HELD_BYTES: u64 = 64 << 20;

/// Whether a build keeps the articles' bodies in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bodies {
    /// Keep them (the dev server).
    #[default]
    Held,
    /// Hold those of the articles in the first [`HELD_BYTES`] of Markdown, let go of the
    /// others' (`remedy build`, `remedy check`).
    BySize,
    /// Let go of them whatever the site's size (tests of the released path).
    Released,
}

impl Bodies {
    /// Whether the body of an article is let go of, when the files before it hold `before`
    /// bytes of Markdown.
    pub fn release(self, before: u64) -> bool {
        match self {
            Bodies::Held => false,
            Bodies::BySize => before >= HELD_BYTES,
            Bodies::Released => true,
        }
    }
}

/// Marks a parsed article as one whose body is let go of (its HTML and text, if it was parsed
/// with them; the file's text stays until [`release_source`]).
pub fn release_body(article: &mut Article) {
    article.html = String::new();
    article.text = String::new();
    article.released = true;
}

/// Lets go of a released article's file text, once nothing more will be reported in it.
pub fn release_source(article: &mut Article) {
    if article.released {
        article.source = String::new();
    }
}

/// What parsing an article again needs: the site root and the context it was parsed in.
pub struct Reparse<'a> {
    /// The site root, which article paths are relative to.
    pub root: &'a std::path::Path,
    /// The context the articles were parsed in.
    pub context: parse::Context<'a>,
}

impl Reparse<'_> {
    /// The article with its body: `article` itself when it holds it, else its file read and
    /// parsed again. A file that changed since it was loaded is an error (the rest of the
    /// site was made from what it said before).
    pub fn body<'b>(&self, article: &'b Article) -> Result<std::borrow::Cow<'b, Article>> {
        if !article.released {
            return Ok(std::borrow::Cow::Borrowed(article));
        }
        let changed = || {
            Error::Content(vec![
                Diagnostic::file(
                    &article.path,
                    "the file changed while the site was being built",
                )
                .with_help("build again"),
            ])
        };
        let text = load::read_source(self.root, &article.path, None)
            .map_err(|problem| Error::Content(vec![*problem]))?;
        let mut source = Source {
            path: article.path.clone(),
            slug: article.slug.clone(),
            kind: Some(article.kind.clone()),
            text,
            files: article.files.clone(),
            language: None,
        };
        match parse::parse_taking(&mut source, &self.context, parse::Parts::BodyAgain) {
            Ok(Parsed::Article(again)) if again.fingerprint == article.fingerprint => {
                let again = std::sync::Arc::unwrap_or_clone(again);
                // The same file: the article as the rest of the site knows it, with its body.
                Ok(std::borrow::Cow::Owned(Article {
                    source: again.source,
                    html: again.html,
                    text: again.text,
                    released: false,
                    ..article.clone()
                }))
            }
            _ => Err(changed()),
        }
    }
}
