//! Structured data: every JSON-LD block of the bundled site parses as JSON, every article has a
//! `BreadcrumbList` with absolute item URLs, and its main block has the `@type` its kind calls
//! for: `FAQPage` for FAQ entries, `HowTo` for the restore procedure and for fixes with steps,
//! `TechArticle` for the rest.

use std::fs;

use serde_json::Value;

use crate::bundled_site::CONTENT_PLAN;
use crate::html::{json_ld_blocks, pages};
use crate::support::{BUNDLED_BASE_URL, bundled_build, bundled_root};

fn parse_blocks(page: &str, html: &str) -> Vec<Value> {
    json_ld_blocks(html)
        .iter()
        .map(|block| {
            serde_json::from_str(block)
                .unwrap_or_else(|e| panic!("{page}: JSON-LD is not JSON ({e}):\n{block}"))
        })
        .collect()
}

fn type_of(value: &Value) -> &str {
    value["@type"].as_str().unwrap_or("")
}

/// Whether an article's Markdown has a numbered list at the top level: its steps.
fn has_numbered_steps(slug: &str) -> bool {
    let path = bundled_root().join("content").join(format!("{slug}.md"));
    let text = fs::read_to_string(&path).unwrap();
    text.lines().any(|line| {
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && line[digits..].starts_with(". ")
    })
}

#[test]
fn every_json_ld_block_of_every_page_is_json_with_a_context_and_type() {
    let build = bundled_build();
    let mut blocks = 0;
    for (page, html) in pages(&build.dir) {
        for value in parse_blocks(&page, &html) {
            blocks += 1;
            assert_eq!(value["@context"], "https://schema.org", "{page}: {value}");
            assert!(!type_of(&value).is_empty(), "{page}: no @type in {value}");
        }
    }
    assert!(
        blocks >= 2 * CONTENT_PLAN.len(),
        "only {blocks} JSON-LD blocks"
    );
}

#[test]
fn every_article_has_a_breadcrumb_list_with_absolute_item_urls() {
    let build = bundled_build();
    for slug in CONTENT_PLAN {
        let page = format!("{slug}/index.html");
        let html = fs::read_to_string(build.dir.join(&page)).unwrap();
        let blocks = parse_blocks(&page, &html);
        let lists: Vec<&Value> = blocks
            .iter()
            .filter(|b| type_of(b) == "BreadcrumbList")
            .collect();
        assert_eq!(lists.len(), 1, "{page}: expected one BreadcrumbList");
        let items = lists[0]["itemListElement"]
            .as_array()
            .unwrap_or_else(|| panic!("{page}: no itemListElement"));
        assert!(items.len() >= 2, "{page}: a trail of {} items", items.len());
        for (i, item) in items.iter().enumerate() {
            assert_eq!(type_of(item), "ListItem", "{page}: {item}");
            assert_eq!(item["position"], i + 1, "{page}: {item}");
            assert!(item["name"].as_str().is_some_and(|n| !n.is_empty()));
            let url = item["item"].as_str().unwrap_or("");
            assert!(
                url.starts_with(BUNDLED_BASE_URL),
                "{page}: breadcrumb item URL `{url}` is not absolute"
            );
        }
        assert_eq!(
            items[0]["item"], BUNDLED_BASE_URL,
            "{page}: trail starts at home"
        );
        let kind_dir = slug.split('/').next().unwrap();
        assert_eq!(
            items[items.len() - 2]["item"],
            format!("{BUNDLED_BASE_URL}{kind_dir}/")
        );
        assert_eq!(
            items[items.len() - 1]["item"],
            format!("{BUNDLED_BASE_URL}{slug}/"),
            "{page}: trail ends at the article"
        );
    }
}

#[test]
fn every_article_has_the_structured_data_type_of_its_kind() {
    let build = bundled_build();
    for slug in CONTENT_PLAN {
        let page = format!("{slug}/index.html");
        let html = fs::read_to_string(build.dir.join(&page)).unwrap();
        let blocks = parse_blocks(&page, &html);
        let main: Vec<&Value> = blocks
            .iter()
            .filter(|b| type_of(b) != "BreadcrumbList")
            .collect();
        assert_eq!(main.len(), 1, "{page}: expected one main JSON-LD block");
        let main = main[0];
        let expected = match slug.split('/').next().unwrap() {
            "faq" => "FAQPage",
            "restore" => "HowTo",
            "fixes" if has_numbered_steps(slug) => "HowTo",
            _ => "TechArticle",
        };
        assert_eq!(type_of(main), expected, "{page}: {main}");
        assert_eq!(main["url"], format!("{BUNDLED_BASE_URL}{slug}/"), "{page}");
        match expected {
            "FAQPage" => {
                let question = &main["mainEntity"][0];
                assert_eq!(type_of(question), "Question", "{page}");
                assert!(question["name"].as_str().is_some_and(|s| !s.is_empty()));
                assert_eq!(type_of(&question["acceptedAnswer"]), "Answer", "{page}");
                assert!(
                    question["acceptedAnswer"]["text"]
                        .as_str()
                        .is_some_and(|s| !s.is_empty()),
                    "{page}: empty answer"
                );
            }
            "HowTo" => {
                let steps = main["step"].as_array().expect("HowTo steps");
                assert!(!steps.is_empty(), "{page}: a HowTo without steps");
                for (i, step) in steps.iter().enumerate() {
                    assert_eq!(type_of(step), "HowToStep", "{page}");
                    assert_eq!(step["position"], i + 1, "{page}");
                    assert!(step["text"].as_str().is_some_and(|s| !s.is_empty()));
                }
            }
            _ => {
                assert!(main["headline"].as_str().is_some_and(|s| !s.is_empty()));
            }
        }
    }
}

#[test]
fn the_restore_procedure_is_marked_up_as_seven_steps() {
    let build = bundled_build();
    let page = "restore/restore-from-icloud-backup/index.html";
    let html = fs::read_to_string(build.dir.join(page)).unwrap();
    let blocks = parse_blocks(page, &html);
    let how_to = blocks.iter().find(|b| type_of(b) == "HowTo").unwrap();
    assert_eq!(how_to["step"].as_array().unwrap().len(), 7, "{how_to}");
}
