//! What a reader sees on the bundled site's pages, read from the HTML: an article ends in one
//! "Next steps" block that lists no article twice (nor one its body already links to), no page
//! repeats a heading of its own, the home page lists the error codes once, print views keep
//! each step's nested lists and emphasis, structured data keeps the sentences of a step apart,
//! and symptoms are shown as written.

use std::collections::BTreeMap;
use std::fs;

use crate::html::{self, tags};
use crate::support::bundled_build;

fn page(path: &str) -> String {
    let file = bundled_build().dir.join(path);
    fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The `<main>` element of a page.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a main element");
    let end = html.find("</main>").expect("the end of main");
    &html[start..end]
}

/// The text of every `<hN>` of some HTML, tags inside removed.
fn headings(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for level in 1..=6 {
        let open = format!("<h{level}");
        let close = format!("</h{level}>");
        let mut rest = html;
        while let Some(start) = rest.find(&open) {
            let after = &rest[start..];
            let Some(body_start) = after.find('>') else {
                break;
            };
            let Some(end) = after.find(&close) else {
                break;
            };
            let inner = &after[body_start + 1..end];
            let mut text = String::new();
            let mut in_tag = false;
            for c in inner.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            found.push(html::unescape(text.trim()));
            rest = &after[end..];
        }
    }
    found
}

/// The pages of the site each link to in one part of a page, as site paths.
fn linked_articles(part: &str) -> Vec<String> {
    tags(part)
        .iter()
        .filter(|t| t.name == "a")
        .filter_map(|t| t.attribute("href"))
        .filter(|href| !href.starts_with('#') && !href.contains("://"))
        .map(|href| href.trim_start_matches("../").to_string())
        .collect()
}

#[test]
fn an_article_ends_in_one_next_steps_block_listing_each_article_once() {
    let build = bundled_build();
    let mut checked = 0;
    for (path, html) in html::pages(&build.dir) {
        if !html.contains("<article class=\"article") {
            continue;
        }
        let main = main_of(&html);
        assert!(
            main.matches("<section class=\"next-steps\"").count() <= 1,
            "{path}"
        );
        assert!(!main.contains("relation-box"), "{path} has a relation box");
        let Some(start) = main.find("<section class=\"next-steps\"") else {
            continue;
        };
        let end = start + main[start..].find("</section>").unwrap();
        let (body, next) = (&main[..start], &main[start..end]);
        let listed = linked_articles(next);
        let mut seen = BTreeMap::new();
        for target in &listed {
            *seen.entry(target.as_str()).or_insert(0) += 1;
        }
        for (target, count) in seen {
            if target.ends_with("/print.html") || target.starts_with("troubleshoot/") {
                continue;
            }
            assert_eq!(count, 1, "{path}: {target} listed {count} times");
            assert!(
                !linked_articles(body).iter().any(|t| t == target),
                "{path}: {target} is linked from the body and listed again"
            );
        }
        checked += 1;
    }
    assert!(checked > 20, "only {checked} articles have next steps");
}

#[test]
fn no_page_repeats_a_heading_of_its_own() {
    for (path, html) in html::pages(&bundled_build().dir) {
        let mut seen = BTreeMap::new();
        for heading in headings(main_of(&html)) {
            *seen.entry(heading).or_insert(0) += 1;
        }
        for (heading, count) in seen {
            assert_eq!(
                count, 1,
                "{path}: the heading “{heading}” is there {count} times"
            );
        }
    }
}

/// Regression: error 9006 said "Why it happens" twice and listed its fixes in a table and a
/// box; a cause listed error 9006 under "Error codes" and "See also"; the home page listed
/// the error codes in its lookup box and again under "Browse by topic".
#[test]
fn the_pages_the_issue_named_say_each_thing_once() {
    let error = page("errors/9006/index.html");
    let main = main_of(&error);
    let why = headings(main)
        .into_iter()
        .filter(|h| h == "Why it happens")
        .count();
    assert_eq!(why, 1, "{main}");
    assert_eq!(
        main.matches("href=\"../../fixes/free-up-icloud-storage/\"")
            .count(),
        1,
        "{main}"
    );
    let cause = page("causes/icloud-storage-full/index.html");
    assert!(
        main_of(&cause)
            .matches("href=\"../../errors/9006/\"")
            .count()
            <= 1
    );
    let home = main_of(&page("index.html")).to_string();
    assert_eq!(home.matches("href=\"errors/9006/\"").count(), 1, "{home}");
    assert!(
        home.contains("href=\"errors/\""),
        "the error codes' page is linked"
    );
}

#[test]
fn print_views_keep_nested_steps_and_emphasis_and_step_text_keeps_sentences_apart() {
    let print = page("causes/icloud-storage-full/print.html");
    let steps = &print[print.find("<ol class=\"checklist-steps\">").unwrap()..];
    let steps = &steps[..steps.find("</ol>\n").unwrap()];
    assert!(
        steps.contains("<ul>\n<li><strong>Photos</strong>"),
        "{steps}"
    );
    assert!(
        steps.contains("<li><strong>iCloud Drive</strong>"),
        "{steps}"
    );
    assert!(
        steps.contains("<strong>Manage Account Storage</strong>"),
        "{steps}"
    );
    // The fix's page marks up the same steps, as text with its sentences apart.
    let fix = page("fixes/free-up-icloud-storage/index.html");
    let blocks: Vec<serde_json::Value> = html::json_ld_blocks(&fix)
        .iter()
        .map(|block| serde_json::from_str(block).unwrap())
        .collect();
    let how_to = blocks.iter().find(|b| b["@type"] == "HowTo").unwrap();
    let texts: Vec<&str> = how_to["step"]
        .as_array()
        .unwrap()
        .iter()
        .map(|step| step["text"].as_str().unwrap())
        .collect();
    let nested = texts.iter().find(|t| t.contains("iCloud Drive")).unwrap();
    assert!(nested.contains("30 days. iCloud Drive:"), "{nested}");
    for text in &texts {
        let run_on = text
            .as_bytes()
            .windows(3)
            .any(|w| w[0].is_ascii_lowercase() && w[1] == b'.' && w[2].is_ascii_uppercase());
        assert!(!run_on, "a run-on sentence in {text:?}");
    }
}

#[test]
fn symptoms_are_shown_as_written_and_their_addresses_are_lower_case() {
    let home = page("index.html");
    assert!(
        home.contains("<span class=\"symptom-text\">iCloud storage full</span>"),
        "{home}"
    );
    let troubleshooter = page("troubleshoot/index.html");
    for tag in tags(&troubleshooter) {
        if let Some(slug) = tag.attribute("data-symptom") {
            assert_eq!(slug, slug.to_lowercase(), "{slug}");
        }
    }
    assert!(
        troubleshooter.contains(
            "<a href=\"../troubleshoot/icloud-storage-full.html\">iCloud storage full</a>"
        )
    );
    assert!(page("causes/icloud-storage-full/print.html").contains("<li>iCloud storage full</li>"));
}

/// The home page's error lookup lists the first error codes, not all of them: a site with
/// thousands of error pages keeps a home page a phone can open, and "All error codes" leads to
/// the rest.
#[test]
fn the_home_page_looks_up_the_first_error_codes_and_leads_to_the_rest() {
    let site = crate::support::TestSite::new("basic");
    for code in 1..=40 {
        site.write(
            &format!("content/errors/e{code:02}.md"),
            &format!(
                "+++\ntitle = \"Error {}\"\nsummary = \"Code {code}.\"\nerror_codes = [\"{}\"]\n\
                 weight = {code}\n+++\n\nWhat you see.\n",
                7000 + code,
                7000 + code
            ),
        );
    }
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let home = std::fs::read_to_string(site.path("public/index.html")).unwrap();
    let lookup = home
        .split_once("<ul class=\"code-list\">")
        .and_then(|(_, rest)| rest.split_once("</ul>"))
        .expect("the error lookup")
        .0;
    let codes: Vec<&str> = lookup
        .split("<span class=\"code\">")
        .skip(1)
        .map(|part| part.split_once('<').unwrap().0)
        .collect();
    // 41 error pages, weights 1 to 40 and the fixture's 9006 at 10: the first 24 in order.
    let mut expected: Vec<String> = (7001..=7010).map(|c| c.to_string()).collect();
    expected.push("9006".to_string());
    expected.extend((7011..=7023).map(|c| c.to_string()));
    assert_eq!(codes, expected);
    assert!(
        home.contains("<a href=\"errors/\">"),
        "no link to every error code"
    );
    let all = std::fs::read_to_string(site.path("public/errors/index.html")).unwrap();
    assert!(all.contains(">7040</a>") && all.contains(">9006</a>"));
}
