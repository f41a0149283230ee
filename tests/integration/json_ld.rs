//! Structured data: every JSON-LD block of the bundled site parses as JSON, every article has a
//! `BreadcrumbList` with absolute item URLs, and its main block has the `@type` its kind calls
//! for: `FAQPage` for FAQ entries, `HowTo` for the restore procedure and for fixes with steps,
//! `TechArticle` for the rest. Every block of every page, and every typed object inside it, is
//! checked against a table of the schema.org types Remedy writes: required properties present,
//! no property the type does not have, values in the form the type asks for.

use std::fs;

use serde_json::Value;

use crate::bundled_site::CONTENT_PLAN;
use crate::html::{json_ld_blocks, pages};
use crate::support::{BUNDLED_BASE_URL, bundled_build};

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

/// Whether an article's Markdown has a numbered list at the top level (or at the top of a
/// tab, indented by four spaces): its steps.
fn has_numbered_steps(slug: &str) -> bool {
    let text = fs::read_to_string(crate::support::bundled_article_file(slug)).unwrap();
    text.lines().any(|line| {
        let line = line.strip_prefix("    ").unwrap_or(line);
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

/// What schema.org and search engines ask of each type Remedy writes (`src/seo.rs`): the
/// properties a block must have, those it should have, and every property Remedy may use.
/// A property outside the last list is a typo or a property of another type.
struct SchemaType {
    name: &'static str,
    required: &'static [&'static str],
    recommended: &'static [&'static str],
    allowed: &'static [&'static str],
}

const SCHEMA_TYPES: &[SchemaType] = &[
    SchemaType {
        name: "BreadcrumbList",
        required: &["itemListElement"],
        recommended: &[],
        allowed: &["@context", "@type", "itemListElement"],
    },
    SchemaType {
        name: "ListItem",
        required: &["position", "name", "item"],
        recommended: &[],
        allowed: &["@type", "position", "name", "item"],
    },
    SchemaType {
        name: "FAQPage",
        required: &["mainEntity"],
        recommended: &["url", "inLanguage", "dateModified"],
        allowed: &[
            "@context",
            "@type",
            "mainEntity",
            "url",
            "inLanguage",
            "dateModified",
        ],
    },
    SchemaType {
        name: "Question",
        required: &["name", "acceptedAnswer"],
        recommended: &[],
        allowed: &["@type", "name", "acceptedAnswer"],
    },
    SchemaType {
        name: "Answer",
        required: &["text"],
        recommended: &[],
        allowed: &["@type", "text"],
    },
    SchemaType {
        name: "HowTo",
        required: &["name", "step"],
        recommended: &[
            "description",
            "totalTime",
            "url",
            "inLanguage",
            "dateModified",
        ],
        allowed: &[
            "@context",
            "@type",
            "name",
            "description",
            "step",
            "totalTime",
            "url",
            "inLanguage",
            "dateModified",
        ],
    },
    SchemaType {
        name: "HowToStep",
        required: &["text"],
        recommended: &["name", "position"],
        allowed: &["@type", "text", "name", "position"],
    },
    SchemaType {
        name: "TechArticle",
        required: &["headline"],
        recommended: &["description", "url", "inLanguage", "dateModified"],
        allowed: &[
            "@context",
            "@type",
            "headline",
            "description",
            "url",
            "inLanguage",
            "dateModified",
        ],
    },
    SchemaType {
        name: "WebSite",
        required: &["name", "url"],
        recommended: &["description", "inLanguage", "potentialAction"],
        allowed: &[
            "@context",
            "@type",
            "name",
            "description",
            "url",
            "inLanguage",
            "potentialAction",
        ],
    },
    SchemaType {
        name: "SearchAction",
        required: &["target", "query-input"],
        recommended: &[],
        allowed: &["@type", "target", "query-input"],
    },
    SchemaType {
        name: "CollectionPage",
        required: &["name", "url"],
        recommended: &["inLanguage"],
        allowed: &["@context", "@type", "name", "url", "inLanguage"],
    },
];

/// Whether a property holds something: a non-empty string or list, a number, an object.
fn is_present(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(items) => !items.is_empty(),
        _ => true,
    }
}

/// Checks one typed object and every typed object inside it; returns the problems found and
/// counts the recommended properties that are missing.
fn check_typed(page: &str, value: &Value, problems: &mut Vec<String>, missing: &mut usize) {
    match value {
        Value::Array(items) => {
            for item in items {
                check_typed(page, item, problems, missing);
            }
        }
        Value::Object(map) => {
            if let Some(name) = map.get("@type").and_then(Value::as_str) {
                let Some(schema) = SCHEMA_TYPES.iter().find(|t| t.name == name) else {
                    problems.push(format!("{page}: no schema table entry for `{name}`"));
                    return;
                };
                for property in schema.required {
                    if !map.get(*property).is_some_and(is_present) {
                        problems.push(format!("{page}: `{name}` lacks required `{property}`"));
                    }
                }
                *missing += schema
                    .recommended
                    .iter()
                    .filter(|p| !map.get(**p).is_some_and(is_present))
                    .count();
                for key in map.keys() {
                    if !schema.allowed.contains(&key.as_str()) {
                        problems.push(format!("{page}: `{name}` has unexpected `{key}`"));
                    }
                }
                check_values(page, name, map, problems);
            }
            for (key, inner) in map {
                if key != "@context" {
                    check_typed(page, inner, problems, missing);
                }
            }
        }
        _ => {}
    }
}

/// The value rules: positions count from 1, URLs are absolute, dates are ISO 8601, durations
/// are ISO 8601 durations, the search target has its placeholder.
fn check_values(
    page: &str,
    name: &str,
    map: &serde_json::Map<String, Value>,
    problems: &mut Vec<String>,
) {
    let mut problem = |message: String| problems.push(format!("{page}: `{name}` {message}"));
    if let Some(context) = map.get("@context")
        && context != "https://schema.org"
    {
        problem(format!("has @context {context}"));
    }
    if let Some(position) = map.get("position")
        && position.as_u64().is_none_or(|p| p < 1)
    {
        problem(format!("has position {position}"));
    }
    for key in ["url", "item"] {
        if let Some(url) = map.get(key)
            && !url
                .as_str()
                .is_some_and(|u| u.starts_with(BUNDLED_BASE_URL))
        {
            problem(format!(
                "has a `{key}` that is not an absolute URL of the site: {url}"
            ));
        }
    }
    if let Some(date) = map.get("dateModified") {
        let ok = date.as_str().is_some_and(|d| {
            d.len() == 10
                && d.chars().enumerate().all(|(i, c)| {
                    if i == 4 || i == 7 {
                        c == '-'
                    } else {
                        c.is_ascii_digit()
                    }
                })
        });
        if !ok {
            problem(format!("has dateModified {date}"));
        }
    }
    if let Some(time) = map.get("totalTime") {
        let ok = time.as_str().is_some_and(|t| {
            t.strip_prefix("PT")
                .and_then(|rest| rest.strip_suffix('M'))
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        });
        if !ok {
            problem(format!("has totalTime {time}"));
        }
    }
    if let Some(target) = map.get("target")
        && !target.as_str().is_some_and(|t| t.contains("{query}"))
    {
        problem(format!("has a target without `{{query}}`: {target}"));
    }
    if let Some(input) = map.get("query-input")
        && input != "required name=query"
    {
        problem(format!("has query-input {input}"));
    }
}

#[test]
fn every_json_ld_block_meets_its_schema_type() {
    let build = bundled_build();
    let mut problems = Vec::new();
    let mut missing_recommended = 0;
    let mut blocks = 0;
    let mut types = std::collections::BTreeMap::new();
    for (page, html) in pages(&build.dir) {
        for value in parse_blocks(&page, &html) {
            blocks += 1;
            *types.entry(type_of(&value).to_string()).or_insert(0) += 1;
            check_typed(&page, &value, &mut problems, &mut missing_recommended);
        }
    }
    println!(
        "JSON-LD: {blocks} blocks checked ({types:?}), {} problems, {missing_recommended} \
         recommended properties missing",
        problems.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for wanted in [
        "WebSite",
        "CollectionPage",
        "BreadcrumbList",
        "FAQPage",
        "HowTo",
        "TechArticle",
    ] {
        assert!(
            types.contains_key(wanted),
            "no `{wanted}` block on any page: {types:?}"
        );
    }
}
