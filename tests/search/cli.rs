//! `remedy search` as a reader runs it: the JSON shape DESIGN.md fixes, the text output, and
//! the exit code when there is no index.

use crate::support;

#[test]
fn json_output_has_the_fixed_shape() {
    let site = support::bundled_site();
    let args = ["search", "error 9006", "--json", "--limit", "3"];
    let output = support::remedy(&args, site);
    let context = support::describe(&args, site, &output);
    assert!(output.status.success(), "{context}");
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect(&context);
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
    let site = support::bundled_site();
    let args = ["search", "force restart", "--limit", "1"];
    let output = support::remedy(&args, site);
    let context = support::describe(&args, site, &output);
    assert!(output.status.success(), "{context}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with(
            " 1. Restart or force restart your iPhone (fix)\n    /fixes/restart-iphone/\n"
        ),
        "{context}"
    );
}

#[test]
fn a_missing_index_says_to_build_and_exits_2() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(temp.path().join("book.toml"), "[book]\ntitle = \"Empty\"\n").unwrap();
    let args = ["search", "backup"];
    let output = support::remedy(&args, temp.path());
    let context = support::describe(&args, temp.path(), &output);
    assert_eq!(output.status.code(), Some(2), "{context}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("run `remedy build` first"), "{context}");
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
    let args = ["search", "backup"];
    let output = support::remedy(&args, temp.path());
    let context = support::describe(&args, temp.path(), &output);
    assert_eq!(output.status.code(), Some(2), "{context}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("another version of remedy") && stderr.contains("run `remedy build`"),
        "{context}"
    );
}
