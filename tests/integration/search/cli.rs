//! `remedy search` as a reader runs it: the JSON shape DESIGN.md fixes, the text output, and
//! the exit code when there is no index.

use crate::support;

#[test]
fn json_output_has_the_fixed_shape() {
    let run = support::remedy(
        &support::bundled_build().root,
        &["search", "error 9006", "--json", "--limit", "3"],
    );
    run.expect_code(0);
    let context = run.to_string();
    let hits: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect(&context);
    assert_eq!(hits.len(), 3, "{context}");
    let first = &hits[0];
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
