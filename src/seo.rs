//! What search engines and feed readers read: schema.org JSON-LD for each page, `sitemap.xml`,
//! `robots.txt` and the Atom feed. Built from the [`Site`] in Rust rather than in templates, so
//! the JSON is always valid and the XML always escaped. Output depends only on the content (no
//! build time), so two builds give the same bytes.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::model::{Article, Site, kinds};

/// One crumb of a breadcrumb trail.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Crumb {
    /// Shown text.
    pub title: String,
    /// Site path relative to the root (`causes/`), empty for home.
    pub path: String,
}

/// The breadcrumb trail of an article: home (titled `home`, in the page's language), its
/// kind, itself.
pub fn breadcrumbs(site: &Site, article: &Article, home: &str) -> Vec<Crumb> {
    let kind = site.kind_of(article);
    vec![
        Crumb {
            title: home.to_string(),
            path: String::new(),
        },
        Crumb {
            title: kind.title.clone(),
            path: format!("{}/", kind.dir),
        },
        Crumb {
            title: article.front.title.clone(),
            path: article.url_path(),
        },
    ]
}

/// The JSON-LD blocks of an article page: a `BreadcrumbList`, then `FAQPage` for FAQ entries,
/// `HowTo` for restore procedures and fixes with numbered steps, `TechArticle` otherwise.
pub fn article_json_ld(site: &Site, article: &Article, home: &str) -> Vec<String> {
    let config = &site.config;
    let permalink = config.permalink(&article.url_path());
    let breadcrumb = breadcrumb_json_ld(site, &breadcrumbs(site, article, home));
    let description = if article.front.summary.is_empty() {
        excerpt(&article.text, EXCERPT_CHARS)
    } else {
        article.front.summary.clone()
    };
    let mut main = if article.kind == kinds::FAQ {
        json!({
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [{
                "@type": "Question",
                "name": article.front.title,
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": if article.text.is_empty() { description.clone() } else { article.text.clone() },
                },
            }],
        })
    } else if (article.kind == kinds::RESTORE || article.kind == kinds::FIX)
        && !article.steps.is_empty()
    {
        let mut how_to = json!({
            "@context": "https://schema.org",
            "@type": "HowTo",
            "name": article.front.title,
            "description": description,
            "step": article.steps.iter().enumerate().map(|(i, step)| json!({
                "@type": "HowToStep",
                "position": i + 1,
                "name": excerpt(step, 80),
                "text": step,
            })).collect::<Vec<_>>(),
        });
        if let Some(minutes) = article
            .front
            .effort
            .as_deref()
            .and_then(crate::model::effort_minutes)
        {
            how_to["totalTime"] = Value::String(format!("PT{minutes}M"));
        }
        how_to
    } else {
        json!({
            "@context": "https://schema.org",
            "@type": "TechArticle",
            "headline": article.front.title,
            "description": description,
        })
    };
    if let Value::Object(map) = &mut main {
        map.insert("url".into(), Value::String(permalink.clone()));
        map.insert("inLanguage".into(), Value::String(config.language.clone()));
        if let Some(updated) = article.front.updated {
            map.insert("dateModified".into(), Value::String(updated.to_string()));
        }
    }
    vec![breadcrumb, script_json(&main)]
}

/// The JSON-LD of the home page: a `WebSite`.
pub fn home_json_ld(site: &Site) -> Vec<String> {
    let config = &site.config;
    vec![script_json(&json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": config.title,
        "description": config.description,
        "url": config.base_url,
        "inLanguage": config.language,
        "potentialAction": {
            "@type": "SearchAction",
            "target": format!("{}search/?q={{query}}", config.base_url),
            "query-input": "required name=query",
        },
    }))]
}

/// The JSON-LD of a kind index: a `CollectionPage` with a `BreadcrumbList`.
pub fn kind_json_ld(site: &Site, title: &str, path: &str, home: &str) -> Vec<String> {
    let config = &site.config;
    vec![
        breadcrumb_json_ld(
            site,
            &[
                Crumb {
                    title: home.to_string(),
                    path: String::new(),
                },
                Crumb {
                    title: title.to_string(),
                    path: path.to_string(),
                },
            ],
        ),
        script_json(&json!({
            "@context": "https://schema.org",
            "@type": "CollectionPage",
            "name": title,
            "url": config.permalink(path),
            "inLanguage": config.language,
        })),
    ]
}

/// A `BreadcrumbList` of a trail of pages, as one JSON-LD block: the one builder of every
/// page's breadcrumb markup (articles, kind indexes, the troubleshooter's pages).
pub fn breadcrumb_json_ld(site: &Site, crumbs: &[Crumb]) -> String {
    let config = &site.config;
    script_json(&json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": crumbs.iter().enumerate().map(|(i, crumb)| json!({
            "@type": "ListItem",
            "position": i + 1,
            "name": crumb.title,
            "item": config.permalink(&crumb.path),
        })).collect::<Vec<_>>(),
    }))
}

/// JSON safe to put inside `<script>`: `<`, `>` and `&` escaped as JSON unicode escapes.
pub fn script_json(value: &Value) -> String {
    let text = serde_json::to_string(value).expect("JSON values always serialize");
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// How many characters of a summary a search result shows, and the length of a page's meta
/// description (what search engines show). The search UI shows an article's summary as its
/// excerpt; `remedy check` warns about summaries longer than this.
pub const EXCERPT_CHARS: usize = 160;

/// The first words of `text`, cut at a word boundary to at most `max` characters, with `…`.
pub fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max.saturating_sub(1) {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

/// A page `sitemap.xml` lists: its site path and `lastmod` date.
type SitemapEntry = (String, Option<crate::model::Date>);

/// The pages `sitemap.xml` lists of one edition, with their `lastmod` dates: the home page,
/// every kind index, the troubleshooter, the tag pages and every article with a page.
fn sitemap_entries(
    site: &Site,
    kind_paths: &[String],
) -> Vec<(String, Option<crate::model::Date>)> {
    let own = || site.articles.iter().filter(|a| a.fallback.is_none());
    let newest = own().filter_map(|a| a.front.updated).max();
    let mut entries = vec![(String::new(), newest)];
    entries.extend(kind_paths.iter().map(|path| (path.clone(), None)));
    // The troubleshooter's index; its symptom pages and the print views repeat what the
    // articles say, so they are left out.
    if !site.troubleshooter.is_empty() {
        entries.push((format!("{}/", crate::model::TROUBLESHOOTER_DIR), None));
    }
    // The tag index and each tag's page: they are the ways in by device and topic.
    if !site.tags.is_empty() {
        entries.push((format!("{}/", crate::model::TAGS_DIR), None));
        entries.extend(site.tags.iter().map(|tag| (tag.path(), None)));
    }
    entries.extend(own().map(|article| (article.url_path(), article.front.updated)));
    entries
}

/// `sitemap.xml`: the pages of `site` (see [`sitemap_entries`]) with `lastmod` dates, then
/// those of the other editions `others`. With editions, each page lists its versions in every
/// edition that has it as `xhtml:link rel="alternate" hreflang` (and `x-default`, the
/// default edition's).
pub fn sitemap(site: &Site, others: &[&Site], kind_paths: &[String]) -> String {
    let editions: Vec<(&Site, Vec<SitemapEntry>)> = std::iter::once(site)
        .chain(others.iter().copied())
        .map(|edition| (edition, sitemap_entries(edition, kind_paths)))
        .collect();
    let paths: Vec<std::collections::HashSet<&str>> = editions
        .iter()
        .map(|(_, entries)| entries.iter().map(|(path, _)| path.as_str()).collect())
        .collect();
    let mut xml = String::with_capacity(200 + site.articles.len() * 120 * editions.len());
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if others.is_empty() {
        xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    } else {
        xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    }
    for (edition, entries) in &editions {
        for (path, lastmod) in entries {
            let _ = write!(
                xml,
                "  <url><loc>{}</loc>",
                xml_escape(&edition.config.permalink(path))
            );
            if let Some(date) = lastmod {
                let _ = write!(xml, "<lastmod>{date}</lastmod>");
            }
            if !others.is_empty() {
                for (index, (alternate, _)) in editions.iter().enumerate() {
                    if paths[index].contains(path.as_str()) {
                        let href = xml_escape(&alternate.config.permalink(path));
                        let _ = write!(
                            xml,
                            "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{href}\"/>",
                            xml_escape(&alternate.config.language)
                        );
                        if index == 0 {
                            let _ = write!(
                                xml,
                                "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{href}\"/>"
                            );
                        }
                    }
                }
            }
            xml.push_str("</url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `robots.txt`: everything allowed, and where the sitemap is.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        site.config.base_url
    )
}

/// The Atom feed of the most recently updated articles (`[build] feed-limit`).
pub fn atom_feed(site: &Site) -> String {
    let config = &site.config;
    let mut dated: Vec<&Article> = site
        .articles
        .iter()
        .filter(|a| a.front.updated.is_some() && a.fallback.is_none())
        .map(|a| &**a)
        .collect();
    dated.sort_by(|a, b| {
        b.front
            .updated
            .cmp(&a.front.updated)
            .then(a.slug.cmp(&b.slug))
    });
    dated.truncate(config.feed_limit);
    let feed_updated = dated
        .first()
        .and_then(|a| a.front.updated)
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| d.rfc3339());
    let mut xml = String::new();
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        xml_escape(&config.language)
    );
    let _ = writeln!(xml, "  <title>{}</title>", xml_escape(&config.title));
    if !config.description.is_empty() {
        let _ = writeln!(
            xml,
            "  <subtitle>{}</subtitle>",
            xml_escape(&config.description)
        );
    }
    let _ = writeln!(xml, "  <id>{}</id>", xml_escape(&config.base_url));
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_escape(&config.permalink("feed.xml"))
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&config.base_url)
    );
    let _ = writeln!(xml, "  <updated>{feed_updated}</updated>");
    let author = if config.authors.is_empty() {
        config.title.clone()
    } else {
        config.authors.join(", ")
    };
    let _ = writeln!(
        xml,
        "  <author><name>{}</name></author>",
        xml_escape(&author)
    );
    let _ = writeln!(xml, "  <generator>Remedy</generator>");
    for article in dated {
        let link = config.permalink(&article.url_path());
        let kind = site.kind_of(article);
        xml.push_str("  <entry>\n");
        let _ = writeln!(
            xml,
            "    <title>{}</title>",
            xml_escape(&article.front.title)
        );
        let _ = writeln!(xml, "    <id>{}</id>", xml_escape(&link));
        let _ = writeln!(
            xml,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml_escape(&link)
        );
        let _ = writeln!(
            xml,
            "    <updated>{}</updated>",
            article
                .front
                .updated
                .map(|d| d.rfc3339())
                .unwrap_or_default()
        );
        let _ = writeln!(
            xml,
            "    <category term=\"{}\" label=\"{}\"/>",
            xml_escape(&kind.name),
            xml_escape(&kind.title)
        );
        if !article.front.summary.is_empty() {
            let _ = writeln!(
                xml,
                "    <summary>{}</summary>",
                xml_escape(&article.front.summary)
            );
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// Escapes text for XML element content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' && c != '\r' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let text = script_json(&json!({"name": "</script><b>&"}));
        assert_eq!(
            text,
            "{\"name\":\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\"}"
        );
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "</script><b>&");
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(excerpt("one two three four", 10), "one two…");
    }

    #[test]
    fn xml_escaping() {
        assert_eq!(xml_escape("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;");
    }
}
