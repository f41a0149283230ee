//! For assistants and tools: `llms.txt` at the build root lists every article by kind, and
//! every article's Markdown is at `<url>index.md`, with `@/` links made absolute. Neither is in
//! the sitemap.

use std::fs;

use crate::bundled_site::CONTENT_PLAN;
use crate::support::{BUNDLED_BASE_URL, bundled_build};

#[test]
fn llms_txt_lists_every_article_with_its_markdown_url() {
    let dir = &bundled_build().dir;
    let text = fs::read_to_string(dir.join("llms.txt")).unwrap();
    assert!(text.starts_with("# iPhone backup help\n\n> "), "{text}");
    for slug in CONTENT_PLAN {
        let url = format!("]({BUNDLED_BASE_URL}{slug}/index.md)");
        assert_eq!(text.matches(&url).count(), 1, "{slug} in\n{text}");
    }
    let sections: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(sections.len(), 7, "{sections:?}");
    let sitemap = fs::read_to_string(dir.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("llms.txt") && !sitemap.contains("index.md"));
    assert!(
        sitemap.contains(&format!("<loc>{BUNDLED_BASE_URL}errors/9006/</loc>")),
        "{sitemap}"
    );
}

#[test]
fn every_article_has_its_markdown_beside_its_page() {
    let dir = &bundled_build().dir;
    for slug in CONTENT_PLAN {
        let text = fs::read_to_string(dir.join(slug).join("index.md"))
            .unwrap_or_else(|e| panic!("{slug}: {e}"));
        assert!(text.starts_with("# "), "{slug}: {text}");
        assert!(!text.contains("@/"), "{slug} keeps an `@/` link");
        assert!(!text.starts_with("+++"), "{slug} keeps its front matter");
    }
    let text = fs::read_to_string(dir.join("errors/9006/index.md")).unwrap();
    assert!(text.contains(&format!(
        "[Not enough iCloud storage]({BUNDLED_BASE_URL}causes/icloud-storage-full/)"
    )));
}
