//! `remedy search` as a reader runs it: the JSON shape DESIGN.md fixes, the text output, and
//! the exit code when there is no index.

use std::path::Path;

use crate::support;

#[test]
fn json_output_has_the_fixed_shape() {
    let run = support::remedy(
        &support::bundled_build().root,
        &["search", "error 9006", "--json", "--limit", "3"],
    );
    run.expect_code(0);
    let context = run.to_string();
    let answer: serde_json::Value = serde_json::from_str(&run.stdout).expect(&context);
    let keys: Vec<&String> = answer.as_object().expect(&context).keys().collect();
    assert_eq!(
        keys,
        ["query", "results", "total", "unmatched"],
        "{context}"
    );
    assert_eq!(answer["query"], "error 9006", "{context}");
    assert_eq!(answer["unmatched"], serde_json::json!([]), "{context}");
    let hits = answer["results"].as_array().expect(&context);
    assert_eq!(hits.len(), 3, "{context}");
    assert!(answer["total"].as_u64().unwrap() >= 3, "{context}");
    let first = &hits[0];
    let fields: Vec<&String> = first.as_object().unwrap().keys().collect();
    assert_eq!(
        fields,
        ["kind", "score", "slug", "title", "url"],
        "{context}"
    );
    assert_eq!(first["slug"], "errors/9006", "{context}");
    assert_eq!(first["kind"], "error", "{context}");
    assert_eq!(first["url"], "/errors/9006/", "{context}");
    assert!(
        first["title"].as_str().is_some_and(|t| t.contains("9006")),
        "{context}"
    );
    assert!(
        first["score"].as_f64().is_some_and(|s| s > 0.0),
        "{context}"
    );
}

#[test]
fn words_no_article_holds_are_reported_and_do_not_empty_the_results() {
    let run = support::remedy(
        &support::bundled_build().root,
        &["search", "Viber messages not backing up", "--json"],
    );
    run.expect_code(0);
    let answer: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(answer["unmatched"], serde_json::json!(["viber"]), "{run}");
    assert!(!answer["results"].as_array().unwrap().is_empty(), "{run}");

    let run = support::remedy(
        &support::bundled_build().root,
        &["search", "viber messages"],
    );
    run.expect_code(0);
    assert!(
        run.stderr.contains("note: no article mentions `viber`"),
        "{run}"
    );
}

#[test]
fn synonyms_of_book_toml_and_the_built_in_list_apply() {
    let root = &support::bundled_build().root;
    let top = |query: &str| {
        let (slugs, answer, _) = search_json(root, &[query, "--limit", "3"]);
        (slugs, answer["unmatched"].clone())
    };
    // A brand name from the bundled book.toml's one-way list.
    let (slugs, unmatched) = top("surfshark");
    assert_eq!(unmatched, serde_json::json!([]));
    assert!(
        slugs.contains(&"causes/vpn-or-content-blocker".to_string()),
        "{slugs:?}"
    );
    // A UK spelling from the built-in English list.
    let (slugs, _) = top("back up now button greyed");
    assert!(
        slugs.contains(&"causes/software-glitch".to_string()),
        "{slugs:?}"
    );
    // An error code glued to its word.
    let (slugs, _) = top("error9006");
    assert_eq!(slugs[0], "errors/9006");
}

/// What `remedy search --json ARGS` answers for the site at `root`: the slugs of its results
/// in order, the whole answer, and the run.
fn search_json(root: &Path, args: &[&str]) -> (Vec<String>, serde_json::Value, support::Run) {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    let run = support::remedy(root, &all);
    run.expect_code(0);
    let answer: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let slugs = answer["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["slug"].as_str().unwrap().to_string())
        .collect();
    (slugs, answer, run)
}

/// Two articles for ranking rule 4.2: one that says in its title and symptoms what it is about,
/// and a longer one that only mentions the same words, and one more, in passing.
pub fn write_prominence_articles(site: &support::TestSite) {
    site.write(
        "content/fixes/dim-the-screen.md",
        "+++\ntitle = \"Dim a bright screen\"\nsummary = \"Lower the display level in Settings.\"\n\
         symptoms = [\"Screen too bright at night\"]\n+++\n\n\
         Open Settings, then Display, and drag the slider to the left.\n",
    );
    site.write(
        "content/guides/display-basics.md",
        "+++\ntitle = \"Display basics\"\nsummary = \"How the display of your gadget works.\"\n+++\n\n\
         The display has a light sensor that sets its level for you. In the sun a screen can \
         show glare, and a bright room makes any display look dim. None of this is a fault.\n",
    );
}

#[test]
fn words_in_title_and_symptoms_count_more_than_words_in_passing() {
    let site = support::TestSite::new("search-filters");
    write_prominence_articles(&site);
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let (slugs, _, run) = search_json(site.root(), &["--", "screen bright glare"]);
    // Two words in the title (5 + 5) before three in the body only (3 + 3 + 3), then two in a
    // summary (3 + 3) before one in a title (5).
    assert_eq!(
        slugs[..4],
        [
            "fixes/dim-the-screen",
            "guides/display-basics",
            "faq/why-battery-drains",
            "causes/screen-flickers"
        ],
        "{run}"
    );
}

/// A site where `screen` is in the title of more articles than
/// `MAX_PROMINENT_DOCS` (256): too common in titles to tell articles apart, so it counts as
/// prominent wherever it matches (spec rule 4.2), here in the body of `guides/glare-in-sunlight`.
pub fn write_common_title_articles(site: &support::TestSite) {
    for i in 0..300 {
        site.write(
            &format!("content/guides/screen-tip-{i}.md"),
            &format!(
                "+++\ntitle = \"Screen tip {i}\"\nsummary = \"A tip about the screen.\"\n+++\n\n\
                 Keep the screen clean.\n"
            ),
        );
    }
    site.write(
        "content/guides/glare-in-sunlight.md",
        "+++\ntitle = \"Glare in sunlight\"\nsummary = \"Why outdoor light washes things out.\"\n+++\n\n\
         Tilt the screen away from the sun.\n",
    );
    site.write(
        "content/guides/screen-glare.md",
        "+++\ntitle = \"Screen glare\"\nsymptoms = [\"Glare on the display\"]\n\
         summary = \"Glare in bright sunlight, direct sunlight and sunlight through a window.\"\n+++\n\n\
         ## Sunlight\n\nSunlight makes glare worse. A matte protector cuts sunlight glare.\n",
    );
}

#[test]
fn a_word_common_in_titles_counts_fully_wherever_it_matches() {
    let site = support::TestSite::new("search-filters");
    write_common_title_articles(&site);
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let (slugs, _, run) = search_json(site.root(), &["--", "screen glare sunlight"]);
    // `glare` and `sunlight` in the title and the common `screen` in the body (5 + 5 + 5)
    // before `screen` and `glare` in the title and `sunlight` in the summary, a heading and
    // the body only (5 + 5 + 3), though the second scores higher: were `screen` counted as a
    // word in passing (3), the two would tie at 13 and the score would put it first.
    assert_eq!(
        slugs[..2],
        ["guides/glare-in-sunlight", "guides/screen-glare"],
        "{run}"
    );
}

#[test]
fn kind_and_tag_filters_narrow_the_results() {
    let site = support::TestSite::new("search-filters");
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let slugs = |args: &[&str]| {
        let (slugs, answer, run) = search_json(site.root(), args);
        assert_eq!(answer["total"], slugs.len(), "{run}");
        slugs
    };
    assert_eq!(
        slugs(&["battery"]),
        [
            "causes/battery-drains",
            "fixes/calibrate-battery",
            "guides/battery-basics",
            "faq/why-battery-drains",
            "fixes/restart-device",
        ]
    );
    // A kind by name or folder; tags in any case; any value of one filter, all filters.
    assert_eq!(
        slugs(&["battery", "--kind", "fixes"]),
        ["fixes/calibrate-battery", "fixes/restart-device"]
    );
    assert_eq!(
        slugs(&["battery", "--kind", "fix", "--tag", "MAC"]),
        ["fixes/restart-device"]
    );
    assert_eq!(
        slugs(&["battery", "--tag", "iphone"]),
        [
            "causes/battery-drains",
            "faq/why-battery-drains",
            "fixes/restart-device"
        ]
    );
    assert_eq!(
        slugs(&["battery", "--kind", "faq", "--kind", "guide"]),
        ["guides/battery-basics", "faq/why-battery-drains"]
    );
    assert!(slugs(&["battery", "--tag", "watch"]).is_empty());

    site.remedy(&["search", "battery", "--kind", "fixs"])
        .expect_code(2)
        .expect_stderr("error: --kind: unknown kind `fixs`: did you mean `fix`?\n");
}

#[test]
fn text_output_lists_title_kind_and_url() {
    let run = support::remedy(
        &support::bundled_build().root,
        &["search", "force restart", "--limit", "1"],
    );
    run.expect_code(0);
    assert!(
        run.stdout.starts_with(
            " 1. Restart or force restart your iPhone (fix)\n    /fixes/restart-iphone/\n"
        ),
        "{run}"
    );
}

#[test]
fn a_missing_index_says_to_build_and_exits_2() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(temp.path().join("book.toml"), "[book]\ntitle = \"Empty\"\n").unwrap();
    let run = support::remedy(temp.path(), &["search", "backup"]);
    run.expect_code(2);
    assert!(run.stderr.contains("run `remedy build` first"), "{run}");
}

#[test]
fn an_index_from_another_version_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(temp.path().join("book.toml"), "[book]\ntitle = \"Old\"\n").unwrap();
    let index = temp.path().join("public/search/index");
    std::fs::create_dir_all(&index).unwrap();
    std::fs::write(
        index.join("remedy-search.json"),
        r#"{"format": 0, "stemmer": "frostem 0.1", "weights": [1,1,1,1,1,1], "fuzzy": true, "prefix": true}"#,
    )
    .unwrap();
    let run = support::remedy(temp.path(), &["search", "backup"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("another version of remedy")
            && run.stderr.contains("run `remedy build`"),
        "{run}"
    );
}
