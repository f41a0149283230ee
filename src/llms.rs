//! What assistants and other tools read: `llms.txt` at the root of the build dir (the
//! llmstxt.org format) and every article's Markdown at `<url>index.md`.
//!
//! `llms.txt` is a `# title`, a `> description` quote, then a `## <kind title>` section per
//! kind, in kind order, listing each article as `- [Title](URL): summary`. The URL is the
//! absolute URL of the article's Markdown (`…/causes/x/index.md`; its HTML page is the same URL
//! without `index.md`), or a root-relative one when `base-url` has no host.
//!
//! An article's Markdown is what a reader of the page sees, as Markdown: `# Title`, the summary
//! as a quote, then the body as written, with `@/kind/slug.md#anchor` links turned into the
//! absolute URLs of the pages they lead to and each `{{#snippet <name>}}` replaced by the
//! snippet's Markdown (its lines after the first indented like the include, so a snippet in a
//! list item or a tab stays there). The front matter is left out: its fields show on the
//! page as relations, not as text. Both files depend only on the content, so two builds give
//! the same bytes. This module makes text; it writes nothing.

use std::fmt::Write as _;

use std::ops::Range;
use std::sync::Arc;

use crate::model::{Article, InternalLink, Site, SnippetFile};

/// The name of the file at the root of the build dir.
pub const LLMS_TXT: &str = "llms.txt";

/// The Markdown file beside each article's `index.html`.
pub const MARKDOWN_FILE: &str = "index.md";

/// `llms.txt`: the site's title and description, then every article by kind.
pub fn llms_txt(site: &Site) -> String {
    let config = &site.config;
    let mut text = String::with_capacity(200 + site.articles.len() * 160);
    let _ = writeln!(text, "# {}", one_line(&config.title));
    let description = site
        .home
        .description
        .as_deref()
        .unwrap_or(&config.description);
    if !description.is_empty() {
        let _ = writeln!(text, "\n> {}", one_line(description));
    }
    let _ = writeln!(
        text,
        "\nEvery article below is Markdown; its web page is the same address without `{MARKDOWN_FILE}`."
    );
    for kind in &config.kinds {
        // An edition's fallbacks are the default edition's articles, listed in its own file.
        let mut articles = site
            .articles_of_kind(&kind.name)
            .filter(|&i| site.articles[i].fallback.is_none())
            .peekable();
        if articles.peek().is_none() {
            continue;
        }
        let _ = writeln!(text, "\n## {}\n", one_line(&kind.title));
        for index in articles {
            let article = &site.articles[index];
            let url = config.permalink(&format!("{}{MARKDOWN_FILE}", article.url_path()));
            let _ = write!(text, "- [{}]({url})", link_text(&article.front.title));
            if !article.front.summary.is_empty() {
                let _ = write!(text, ": {}", one_line(&article.front.summary));
            }
            text.push('\n');
        }
    }
    text
}

/// The Markdown of one article: title, summary, and the body with `@/` links made absolute and
/// snippets included.
pub fn article_markdown(site: &Site, article: &Article) -> String {
    let body_start = body_offset(&article.source);
    let body = written(
        site,
        article,
        None,
        &article.source,
        body_start..article.source.len(),
    );
    let mut text = format!("# {}\n", one_line(&article.front.title));
    if !article.front.summary.is_empty() {
        let _ = write!(text, "\n> {}\n", one_line(&article.front.summary));
    }
    let body = body.trim();
    if !body.is_empty() {
        text.push('\n');
        text.push_str(body);
        text.push('\n');
    }
    text
}

/// What was written in `range` of `text` (the article's file, or the snippet `file`), with its
/// `@/` links made absolute and its snippets included.
fn written(
    site: &Site,
    article: &Article,
    file: Option<&Arc<SnippetFile>>,
    text: &str,
    range: Range<usize>,
) -> String {
    let in_file = |other: &Option<Arc<SnippetFile>>| match (other, file) {
        (None, None) => true,
        (Some(a), Some(b)) => a.path == b.path,
        _ => false,
    };
    let inside = |span: &Range<usize>| span.start >= range.start && span.end <= range.end;
    // (span, replacement): links to rewrite and snippets to include, each place once.
    let mut edits: Vec<(Range<usize>, Replacement<'_>)> = article
        .links
        .iter()
        .filter(|link| in_file(&link.file) && inside(&link.span))
        .filter(|link| text[link.span.clone()].starts_with("@/"))
        .map(|link| (link.span.clone(), Replacement::Link(link)))
        .chain(
            article
                .includes
                .iter()
                .filter(|include| in_file(&include.file) && inside(&include.span))
                .map(|include| (include.span.clone(), Replacement::Snippet(&include.snippet))),
        )
        .collect();
    edits.sort_by_key(|(span, _)| span.start);
    edits.dedup_by_key(|(span, _)| span.start);
    let mut out = String::with_capacity(range.len());
    let mut at = range.start;
    for (span, replacement) in edits {
        if span.start < at {
            continue;
        }
        out.push_str(&text[at..span.start]);
        match replacement {
            Replacement::Link(link) => out.push_str(&link_url(site, link)),
            Replacement::Snippet(snippet) => {
                let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
                let indent = " ".repeat(text[line_start..span.start].chars().count());
                let included = written(
                    site,
                    article,
                    Some(snippet),
                    &snippet.text,
                    0..snippet.text.len(),
                );
                for (n, line) in included.trim_end().split('\n').enumerate() {
                    if n > 0 {
                        out.push('\n');
                        if !line.trim().is_empty() {
                            out.push_str(&indent);
                        }
                    }
                    out.push_str(line);
                }
            }
        }
        at = span.end;
    }
    out.push_str(&text[at..range.end]);
    out
}

/// What replaces a place of the Markdown.
enum Replacement<'a> {
    /// An `@/` link: its absolute URL.
    Link(&'a InternalLink),
    /// A `{{#snippet}}` paragraph: the snippet.
    Snippet(&'a Arc<SnippetFile>),
}

/// The absolute URL an `@/` link leads to.
fn link_url(site: &Site, link: &InternalLink) -> String {
    let config = &site.config;
    let mut url = if link.target == "_index" {
        config.permalink("")
    } else if let Some(dir) = link.target.strip_suffix("/_index") {
        config.permalink(&format!("{dir}/"))
    } else {
        config.permalink(&format!("{}/", link.target))
    };
    if let Some(anchor) = &link.anchor {
        url.push('#');
        url.push_str(anchor);
    }
    url
}

/// Where the body starts: after the closing `+++` line of the front matter.
fn body_offset(source: &str) -> usize {
    crate::front_matter::split(std::path::Path::new(""), source)
        .map_or(0, |split| split.body_offset)
}

/// Text on one line (titles and summaries never span lines in these files).
fn one_line(text: &str) -> String {
    crate::text::squash_whitespace(text)
}

/// A title as link text: brackets escaped so they cannot end the link early.
fn link_text(title: &str) -> String {
    one_line(title).replace('[', "\\[").replace(']', "\\]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn llms_txt_lists_every_article_by_kind() {
        let site = crate::fixture::site();
        let text = llms_txt(&site);
        assert!(text.starts_with("# Backup help\n\n> "), "{text}");
        assert!(
            text.contains("\n## Causes\n\n- [Not enough storage](https://help.example.com/causes/storage-full/index.md): "),
            "{text}"
        );
        assert_eq!(
            text.lines().filter(|l| l.starts_with("- [")).count(),
            site.articles.len()
        );
    }

    #[test]
    fn markdown_links_lead_to_the_pages() {
        let site = crate::fixture::site();
        let article = site.article("causes/storage-full").unwrap();
        let text = article_markdown(&site, article);
        assert!(
            text.starts_with("# Not enough storage\n\n> Your storage"),
            "{text}"
        );
        assert!(
            text.contains("the code [9006](https://help.example.com/errors/9006/)"),
            "{text}"
        );
        assert!(text.contains("## What is going on"), "{text}");
        assert!(!text.contains("@/"), "{text}");
        assert!(!text.contains("+++"), "{text}");
    }

    #[test]
    fn titles_with_brackets_stay_one_link() {
        assert_eq!(link_text("Error [9006]\nfull"), "Error \\[9006\\] full");
    }
}
