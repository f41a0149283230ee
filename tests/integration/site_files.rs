//! The files for search engines and feed readers: `sitemap.xml` lists every page by its absolute
//! URL (articles, kind indexes, the troubleshooter and the tag pages), `feed.xml` is a well-formed Atom feed, `robots.txt` names the sitemap.

use std::collections::BTreeSet;
use std::fs;

use crate::bundled_site::{CONTENT_PLAN, KIND_DIRS};
use crate::support::{BUNDLED_BASE_URL, bundled_build};

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

#[test]
fn the_sitemap_lists_every_page_by_absolute_url() {
    let build = bundled_build();
    let text = fs::read_to_string(build.dir.join("sitemap.xml")).unwrap();
    let document = roxmltree::Document::parse(&text)
        .unwrap_or_else(|e| panic!("sitemap.xml is not well-formed XML: {e}\n{text}"));
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(root.tag_name().namespace(), Some(SITEMAP_NS));
    // Far from the 50,000 URLs of one file: no index, no parts.
    assert!(!build.dir.join("sitemap1.xml").exists());

    let locations: Vec<String> = root
        .descendants()
        .filter(|n| n.has_tag_name((SITEMAP_NS, "loc")))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect();
    let listed: BTreeSet<&str> = locations.iter().map(String::as_str).collect();
    assert_eq!(listed.len(), locations.len(), "a URL is listed twice");

    let mut expected: BTreeSet<String> = CONTENT_PLAN
        .iter()
        .map(|slug| format!("{BUNDLED_BASE_URL}{slug}/"))
        .collect();
    expected.extend(KIND_DIRS.iter().map(|d| format!("{BUNDLED_BASE_URL}{d}/")));
    expected.insert(BUNDLED_BASE_URL.to_string());
    expected.insert(format!("{BUNDLED_BASE_URL}troubleshoot/"));
    // The tag index.
    expected.insert(format!("{BUNDLED_BASE_URL}tags/"));
    // The French edition translates every article: each page again under `fr/`, but for the
    // tag pages: the translations give their tags in French.
    let french: Vec<String> = expected
        .iter()
        .map(|url| url.replacen(BUNDLED_BASE_URL, &format!("{BUNDLED_BASE_URL}fr/"), 1))
        .collect();
    expected.extend(french);
    // A page per tag of the articles' front matter, in each edition.
    for slug in CONTENT_PLAN {
        let original = crate::support::bundled_article_file(slug);
        let beside = crate::support::repo().join(format!("content/{slug}.fr.md"));
        let translation = if beside.exists() {
            beside
        } else {
            original.with_file_name("index.fr.md")
        };
        for (file, edition) in [(original, ""), (translation, "fr/")] {
            let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
            let Some(line) = text.lines().find_map(|l| l.strip_prefix("tags = [")) else {
                continue;
            };
            for tag in line.trim_end_matches(']').split(',') {
                let tag = tag.trim().trim_matches('"');
                expected.insert(format!(
                    "{BUNDLED_BASE_URL}{edition}tags/{}/",
                    remedy::text::slugify(tag)
                ));
            }
        }
    }
    let expected: BTreeSet<&str> = expected.iter().map(String::as_str).collect();
    assert_eq!(listed, expected);

    // Every URL leads to a page of the build.
    for url in &locations {
        let path = url.strip_prefix(BUNDLED_BASE_URL).unwrap();
        assert!(
            build.dir.join(path).join("index.html").is_file(),
            "{url} has no page"
        );
    }
}

#[test]
fn the_feed_is_well_formed_atom_with_absolute_links() {
    let build = bundled_build();
    let text = fs::read_to_string(build.dir.join("feed.xml")).unwrap();
    let document = roxmltree::Document::parse(&text)
        .unwrap_or_else(|e| panic!("feed.xml is not well-formed XML: {e}\n{text}"));
    let root = document.root_element();
    assert!(root.has_tag_name((ATOM_NS, "feed")), "{text}");
    let entries: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name((ATOM_NS, "entry")))
        .collect();
    assert!(!entries.is_empty(), "the feed has no entries");
    for entry in entries {
        for child in ["id", "title", "updated"] {
            assert!(
                entry.children().any(|n| n.has_tag_name((ATOM_NS, child))),
                "an entry has no <{child}>"
            );
        }
        let link = entry
            .children()
            .find(|n| n.has_tag_name((ATOM_NS, "link")))
            .and_then(|n| n.attribute("href"))
            .expect("an entry has a link");
        let path = link
            .strip_prefix(BUNDLED_BASE_URL)
            .unwrap_or_else(|| panic!("feed link `{link}` is not under the base URL"));
        assert!(
            build.dir.join(path).join("index.html").is_file(),
            "{link} has no page"
        );
    }
}

#[test]
fn robots_txt_names_the_sitemap() {
    let build = bundled_build();
    let text = fs::read_to_string(build.dir.join("robots.txt")).unwrap();
    assert!(
        text.lines()
            .any(|line| line == format!("Sitemap: {BUNDLED_BASE_URL}sitemap.xml")),
        "{text}"
    );
}
