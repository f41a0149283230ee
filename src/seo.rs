//! What search engines and feed readers read: schema.org JSON-LD for each page, `sitemap.xml`
//! (an index of parts `sitemap1.xml`, … when the site outgrows one file), `robots.txt` and the
//! Atom feed. Built from the [`Site`] in Rust rather than in templates, so
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

/// Where the sitemap goes, or the index of its parts: the file `robots.txt` names.
pub const SITEMAP_FILE: &str = "sitemap.xml";

/// The most `<url>` entries one sitemap file may hold (sitemaps.org): a site with more pages
/// gets a sitemap index and parts (see [`sitemap`]).
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// The most bytes one sitemap file may hold, uncompressed (sitemaps.org: 50 MB, 52,428,800
/// bytes).
pub const SITEMAP_MAX_BYTES: usize = 50 * 1024 * 1024;

/// The build-dir path of the `number`th part of a split sitemap (`sitemap1.xml`, from 1).
pub fn sitemap_part(number: usize) -> String {
    format!("sitemap{number}.xml")
}

/// Whether `path` is where a part of a split sitemap goes: `sitemap<N>.xml` at the root of
/// the build dir, `N` a number from 1 without leading zeros (what [`sitemap_part`] makes).
pub fn is_sitemap_part(path: &str) -> bool {
    path.strip_prefix("sitemap")
        .and_then(|rest| rest.strip_suffix(".xml"))
        .is_some_and(|number| {
            !number.is_empty()
                && !number.starts_with('0')
                && number.bytes().all(|b| b.is_ascii_digit())
        })
}

/// A file of the sitemap: its build-dir path and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapFile {
    /// `sitemap.xml`, or a part's path ([`sitemap_part`]).
    pub path: String,
    /// The XML.
    pub xml: String,
}

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

/// The sitemap: the pages of `site` (see [`sitemap_entries`]) with `lastmod` dates, then those
/// of the other editions `others`. With editions, each page lists its versions in every
/// edition that has it as `xhtml:link rel="alternate" hreflang` (and `x-default`, the default
/// edition's).
///
/// When every page fits in one file ([`SITEMAP_MAX_URLS`] and [`SITEMAP_MAX_BYTES`]) that is
/// `sitemap.xml`, the only file. Otherwise, as Zola does, the pages are cut in order into
/// parts `sitemap1.xml`, `sitemap2.xml`, … that each fit, and `sitemap.xml` is a
/// `<sitemapindex>` of their absolute URLs, with the newest `lastmod` of each part's pages.
/// `robots.txt` keeps naming `sitemap.xml`, which search engines read as either.
pub fn sitemap(site: &Site, others: &[&Site], kind_paths: &[String]) -> Vec<SitemapFile> {
    let limits = SitemapLimits {
        urls: SITEMAP_MAX_URLS,
        bytes: SITEMAP_MAX_BYTES,
    };
    sitemap_within(site, others, kind_paths, limits)
}

/// How much one sitemap file may hold: [`sitemap`]'s are the protocol's, tests pass smaller.
#[derive(Debug, Clone, Copy)]
struct SitemapLimits {
    /// The most `<url>` entries.
    urls: usize,
    /// The most bytes of a whole file.
    bytes: usize,
}

/// [`sitemap`] with the limits of one file `limits`.
fn sitemap_within(
    site: &Site,
    others: &[&Site],
    kind_paths: &[String],
    limits: SitemapLimits,
) -> Vec<SitemapFile> {
    let editions: Vec<(&Site, Vec<SitemapEntry>)> = std::iter::once(site)
        .chain(others.iter().copied())
        .map(|edition| (edition, sitemap_entries(edition, kind_paths)))
        .collect();
    let paths: Vec<std::collections::HashSet<&str>> = editions
        .iter()
        .map(|(_, entries)| entries.iter().map(|(path, _)| path.as_str()).collect())
        .collect();
    // Every `<url>` line, one after another in one string; `ends` holds where each ends and
    // its `lastmod`, so the lines can be cut into parts without copying each on its own.
    let mut urls = String::with_capacity(site.articles.len() * 120 * editions.len());
    let mut ends: Vec<(usize, Option<crate::model::Date>)> = Vec::new();
    for (edition, entries) in &editions {
        for (path, lastmod) in entries {
            let _ = write!(
                urls,
                "  <url><loc>{}</loc>",
                xml_escape(&edition.config.permalink(path))
            );
            if let Some(date) = lastmod {
                let _ = write!(urls, "<lastmod>{date}</lastmod>");
            }
            if !others.is_empty() {
                for (index, (alternate, _)) in editions.iter().enumerate() {
                    if paths[index].contains(path.as_str()) {
                        let href = xml_escape(&alternate.config.permalink(path));
                        let _ = write!(
                            urls,
                            "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{href}\"/>",
                            xml_escape(&alternate.config.language)
                        );
                        if index == 0 {
                            let _ = write!(
                                urls,
                                "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{href}\"/>"
                            );
                        }
                    }
                }
            }
            urls.push_str("</url>\n");
            ends.push((urls.len(), *lastmod));
        }
    }
    let head = if others.is_empty() {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    } else {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    };
    let tail = "</urlset>\n";
    let urlset = |lines: &str| {
        let mut xml = String::with_capacity(head.len() + lines.len() + tail.len());
        xml.push_str(head);
        xml.push_str(lines);
        xml.push_str(tail);
        xml
    };
    if ends.len() <= limits.urls && head.len() + urls.len() + tail.len() <= limits.bytes {
        return vec![SitemapFile {
            path: SITEMAP_FILE.to_string(),
            xml: urlset(&urls),
        }];
    }
    // Cut in order: a part takes lines while it stays within both limits (and one line at the
    // least, so a line longer than the byte limit cannot stop the cutting).
    let room = limits.bytes.saturating_sub(head.len() + tail.len());
    let mut parts: Vec<(std::ops::Range<usize>, Option<crate::model::Date>)> = Vec::new();
    let (mut start, mut count, mut newest) = (0, 0, None);
    let mut previous_end = 0;
    for &(end, lastmod) in &ends {
        if count > 0 && (count == limits.urls || end - start > room) {
            parts.push((start..previous_end, newest));
            (start, count, newest) = (previous_end, 0, None);
        }
        count += 1;
        newest = newest.max(lastmod);
        previous_end = end;
    }
    parts.push((start..previous_end, newest));
    let mut index = String::with_capacity(200 + parts.len() * 120);
    index.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    index.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut files = vec![];
    for (number, (range, newest)) in parts.into_iter().enumerate() {
        let path = sitemap_part(number + 1);
        let _ = write!(
            index,
            "  <sitemap><loc>{}</loc>",
            xml_escape(&site.config.permalink(&path))
        );
        if let Some(date) = newest {
            let _ = write!(index, "<lastmod>{date}</lastmod>");
        }
        index.push_str("</sitemap>\n");
        files.push(SitemapFile {
            path,
            xml: urlset(&urls[range]),
        });
    }
    index.push_str("</sitemapindex>\n");
    files.insert(
        0,
        SitemapFile {
            path: SITEMAP_FILE.to_string(),
            xml: index,
        },
    );
    files
}

/// `robots.txt`: everything allowed, and where the sitemap is.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.config.permalink(SITEMAP_FILE)
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

    const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// The fixture's kind indexes, as `site_files` hands them to the sitemap.
    fn kind_paths(site: &Site) -> Vec<String> {
        site.config
            .kinds
            .iter()
            .map(|k| format!("{}/", k.dir))
            .collect()
    }

    /// The texts of the elements `name` (in the sitemap namespace) under the root of `xml`,
    /// which must parse.
    fn texts(xml: &str, name: &str) -> Vec<String> {
        let document = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
        document
            .descendants()
            .filter(|n| n.has_tag_name((SITEMAP_NS, name)))
            .map(|n| n.text().unwrap_or_default().to_string())
            .collect()
    }

    /// The `<loc>`s of `<url>`s (not of the `xhtml:link`s) in the urlset `xml`.
    fn url_locs(xml: &str) -> Vec<String> {
        texts(xml, "loc")
    }

    /// The fixture with a French edition holding two of its articles.
    fn fixture_with_french() -> (Site, Site) {
        let site = crate::fixture::site();
        let mut french = site.clone();
        french.config.language = "fr".into();
        french.config.edition_prefix = "fr/".into();
        french.config.base_url = format!("{}fr/", site.config.base_url);
        french
            .articles
            .retain(|a| a.slug == "causes/storage-full" || a.slug == "fixes/free-up-storage");
        (site, french)
    }

    #[test]
    fn the_limits_are_the_protocols() {
        assert_eq!(SITEMAP_MAX_URLS, 50_000);
        assert_eq!(SITEMAP_MAX_BYTES, 52_428_800);
    }

    #[test]
    fn sitemap_part_names() {
        assert_eq!(sitemap_part(1), "sitemap1.xml");
        assert_eq!(sitemap_part(12), "sitemap12.xml");
        for path in ["sitemap1.xml", "sitemap12.xml", "sitemap100.xml"] {
            assert!(is_sitemap_part(path), "{path}");
        }
        for path in [
            "sitemap.xml",
            "sitemap0.xml",
            "sitemap01.xml",
            "sitemapx.xml",
            "sitemap1.xml.gz",
            "fr/sitemap1.xml",
            "sitemap-1.xml",
        ] {
            assert!(!is_sitemap_part(path), "{path}");
        }
    }

    /// A site within the limits keeps its one `sitemap.xml`, byte for byte as before parts.
    #[test]
    fn a_site_that_fits_has_one_urlset() {
        let site = crate::fixture::site();
        let files = sitemap(&site, &[], &kind_paths(&site));
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, "sitemap.xml");
        assert_eq!(
            files[0].xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">
  <url><loc>https://help.example.com/</loc><lastmod>2026-11-26</lastmod></url>
  <url><loc>https://help.example.com/guides/</loc></url>
  <url><loc>https://help.example.com/causes/</loc></url>
  <url><loc>https://help.example.com/fixes/</loc></url>
  <url><loc>https://help.example.com/practices/</loc></url>
  <url><loc>https://help.example.com/restore/</loc></url>
  <url><loc>https://help.example.com/errors/</loc></url>
  <url><loc>https://help.example.com/faq/</loc></url>
  <url><loc>https://help.example.com/troubleshoot/</loc></url>
  <url><loc>https://help.example.com/guides/how-backup-works/</loc><lastmod>2026-11-26</lastmod></url>
  <url><loc>https://help.example.com/guides/what-backup-includes/</loc></url>
  <url><loc>https://help.example.com/causes/storage-full/</loc><lastmod>2026-11-26</lastmod></url>
  <url><loc>https://help.example.com/causes/backup-too-large/</loc></url>
  <url><loc>https://help.example.com/causes/weak-wifi/</loc></url>
  <url><loc>https://help.example.com/fixes/free-up-storage/</loc></url>
  <url><loc>https://help.example.com/fixes/reduce-backup-size/</loc></url>
  <url><loc>https://help.example.com/fixes/use-stronger-wifi/</loc></url>
  <url><loc>https://help.example.com/practices/keep-storage-free/</loc></url>
  <url><loc>https://help.example.com/restore/restore-from-backup/</loc></url>
  <url><loc>https://help.example.com/errors/9006/</loc></url>
  <url><loc>https://help.example.com/faq/how-to-troubleshoot/</loc></url>
</urlset>
"
        );
        // Exactly at the limits is still one file.
        let limits = SitemapLimits {
            urls: 21,
            bytes: files[0].xml.len(),
        };
        assert_eq!(
            sitemap_within(&site, &[], &kind_paths(&site), limits),
            files
        );
    }

    /// Past the limit of URLs, `sitemap.xml` is an index of parts that each hold at most that
    /// many, every page in exactly one of them, in the order of the single file.
    #[test]
    fn a_site_over_the_limit_gets_an_index_of_parts() {
        let site = crate::fixture::site();
        let kinds = kind_paths(&site);
        let whole = sitemap(&site, &[], &kinds);
        let limits = SitemapLimits {
            urls: 5,
            bytes: SITEMAP_MAX_BYTES,
        };
        let files = sitemap_within(&site, &[], &kinds, limits);
        assert_eq!(
            files,
            sitemap_within(&site, &[], &kinds, limits),
            "deterministic"
        );
        // 21 pages: four parts of 5 and one of 1.
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemap.xml",
                "sitemap1.xml",
                "sitemap2.xml",
                "sitemap3.xml",
                "sitemap4.xml",
                "sitemap5.xml"
            ]
        );
        assert_eq!(
            files[0].xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">
  <sitemap><loc>https://help.example.com/sitemap1.xml</loc><lastmod>2026-11-26</lastmod></sitemap>
  <sitemap><loc>https://help.example.com/sitemap2.xml</loc><lastmod>2026-11-26</lastmod></sitemap>
  <sitemap><loc>https://help.example.com/sitemap3.xml</loc><lastmod>2026-11-26</lastmod></sitemap>
  <sitemap><loc>https://help.example.com/sitemap4.xml</loc></sitemap>
  <sitemap><loc>https://help.example.com/sitemap5.xml</loc></sitemap>
</sitemapindex>
"
        );
        let listed = texts(&files[0].xml, "loc");
        let parts = &files[1..];
        assert_eq!(listed.len(), parts.len());
        let mut across_parts = Vec::new();
        for (loc, part) in listed.iter().zip(parts) {
            assert_eq!(*loc, site.config.permalink(&part.path));
            let document = roxmltree::Document::parse(&part.xml).unwrap();
            assert!(document.root_element().has_tag_name((SITEMAP_NS, "urlset")));
            let locs = url_locs(&part.xml);
            assert!(!locs.is_empty() && locs.len() <= 5, "{}", part.xml);
            across_parts.extend(locs);
        }
        assert_eq!(across_parts, url_locs(&whole[0].xml));
        let unique: std::collections::HashSet<&String> = across_parts.iter().collect();
        assert_eq!(unique.len(), across_parts.len());
        // Each part's `lastmod` in the index is the newest of its pages'.
        let part_dates: Vec<Option<String>> = parts
            .iter()
            .map(|part| texts(&part.xml, "lastmod").into_iter().max())
            .collect();
        let index = roxmltree::Document::parse(&files[0].xml).unwrap();
        let index_dates: Vec<Option<String>> = index
            .descendants()
            .filter(|n| n.has_tag_name((SITEMAP_NS, "sitemap")))
            .map(|n| {
                n.children()
                    .find(|c| c.has_tag_name((SITEMAP_NS, "lastmod")))
                    .and_then(|c| c.text().map(String::from))
            })
            .collect();
        assert_eq!(index_dates, part_dates);
    }

    /// Past the byte limit, each part, whole, fits in it.
    #[test]
    fn no_part_is_over_the_byte_limit() {
        let site = crate::fixture::site();
        let kinds = kind_paths(&site);
        let whole = sitemap(&site, &[], &kinds);
        let limits = SitemapLimits {
            urls: SITEMAP_MAX_URLS,
            bytes: 600,
        };
        let files = sitemap_within(&site, &[], &kinds, limits);
        assert!(files.len() > 3, "{files:?}");
        assert!(texts(&files[0].xml, "sitemap").len() == files.len() - 1);
        for part in &files[1..] {
            assert!(
                part.xml.len() <= 600,
                "{}: {} bytes",
                part.path,
                part.xml.len()
            );
        }
        let across_parts: Vec<String> = files[1..].iter().flat_map(|p| url_locs(&p.xml)).collect();
        assert_eq!(across_parts, url_locs(&whole[0].xml));
        // A page longer than the limit on its own still gets a part, and the cutting ends.
        let limits = SitemapLimits {
            urls: SITEMAP_MAX_URLS,
            bytes: 10,
        };
        let files = sitemap_within(&site, &[], &kinds, limits);
        assert_eq!(files.len(), 1 + across_parts.len());
    }

    /// With editions, every part declares `xhtml` and keeps each page's alternates.
    #[test]
    fn parts_keep_the_editions_alternates() {
        let (site, french) = fixture_with_french();
        let kinds = kind_paths(&site);
        let whole = sitemap(&site, &[&french], &kinds);
        assert_eq!(whole.len(), 1);
        let limits = SitemapLimits {
            urls: 4,
            bytes: SITEMAP_MAX_BYTES,
        };
        let files = sitemap_within(&site, &[&french], &kinds, limits);
        // 21 pages of the default edition, 11 of the French one (home, 7 kinds, the
        // troubleshooter, 2 articles).
        assert_eq!(files.len(), 1 + 32usize.div_ceil(4));
        let storage_full = "  <url><loc>https://help.example.com/causes/storage-full/</loc><lastmod>2026-11-26</lastmod><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://help.example.com/causes/storage-full/\"/><xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://help.example.com/causes/storage-full/\"/><xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"https://help.example.com/fr/causes/storage-full/\"/></url>\n";
        assert!(whole[0].xml.contains(storage_full), "{}", whole[0].xml);
        for part in &files[1..] {
            assert!(part.xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"), "{}", part.xml);
            roxmltree::Document::parse(&part.xml).unwrap();
        }
        assert_eq!(
            files[1..]
                .iter()
                .filter(|p| p.xml.contains(storage_full))
                .count(),
            1
        );
        let french_page = "<loc>https://help.example.com/fr/fixes/free-up-storage/</loc>";
        assert_eq!(
            files[1..]
                .iter()
                .filter(|p| p.xml.contains(french_page))
                .count(),
            1
        );
        // Every `<url>` line of the single file is in exactly one part, in order.
        let lines = |xml: &str| -> Vec<String> {
            xml.lines()
                .filter(|l| l.starts_with("  <url>"))
                .map(String::from)
                .collect()
        };
        let across_parts: Vec<String> = files[1..].iter().flat_map(|p| lines(&p.xml)).collect();
        assert_eq!(across_parts, lines(&whole[0].xml));
    }

    #[test]
    fn xml_escaping() {
        assert_eq!(xml_escape("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;");
    }
}
