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
//! absolute URLs of the pages they lead to. The front matter is left out: its fields show on the
//! page as relations, not as text. Both files depend only on the content, so two builds give
//! the same bytes. This module makes text; it writes nothing.

use std::fmt::Write as _;

use crate::model::{Article, Site};

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
        let mut articles = site.articles_of_kind(&kind.name).peekable();
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

/// The Markdown of one article: title, summary, and the body with `@/` links made absolute.
pub fn article_markdown(site: &Site, article: &Article) -> String {
    let config = &site.config;
    let body_start = body_offset(&article.source);
    let mut body = String::with_capacity(article.source.len());
    let mut at = body_start;
    let mut links: Vec<_> = article
        .links
        .iter()
        .filter(|link| link.span.start >= body_start)
        .filter(|link| article.source[link.span.clone()].starts_with("@/"))
        .collect();
    links.sort_by_key(|link| link.span.start);
    for link in links {
        body.push_str(&article.source[at..link.span.start]);
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
        body.push_str(&url);
        at = link.span.end;
    }
    body.push_str(&article.source[at..]);
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

/// Where the body starts: after the closing `+++` line of the front matter.
fn body_offset(source: &str) -> usize {
    crate::front_matter::split(std::path::Path::new(""), source)
        .map_or(0, |split| split.body_offset)
}

/// Text on one line (titles and summaries never span lines in these files).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
