//! What a translation shares with its original, on the `editions` fixture with an image of
//! `static/`, an article folder with an image and a download, snippets with and without a
//! French translation, and tags: the folder's files published once (never again under `fr/`),
//! every French `<img src>` and file link resolving to a published file (in a portable build
//! too), `/images/…` leading to the site's root, the French snippet in the French page, and a
//! translation's own tags on its edition's tag pages, chips and search filter.

use std::collections::BTreeMap;
use std::fs;

use crate::support::{TestSite, read_tree};

const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"></svg>\n";

/// The editions fixture with images, a download and snippets in the article folder
/// `fixes/clear-space`, whose French translation uses them all.
fn site_with_files() -> TestSite {
    let site = TestSite::new("editions");
    site.write("static/images/logo.svg", SVG);
    site.write("content/fixes/clear-space/shot.svg", SVG);
    site.write("content/fixes/clear-space/form.txt", "a form\n");
    site.write("snippets/note.md", "A note in English.\n");
    site.write("snippets/note.fr.md", "Une note en français.\n");
    site.write("snippets/tip.md", "A tip only in English.\n");
    let uses = "\n![Logo](/images/logo.svg)\n\n![Réglages](./shot.svg)\n\n[Formulaire](form.txt)\n\n{{#snippet note}}\n\n{{#snippet tip}}\n";
    for file in ["index.md", "index.fr.md"] {
        let path = format!("content/fixes/clear-space/{file}");
        let text = fs::read_to_string(site.path(&path)).unwrap();
        site.write(&path, &format!("{text}{uses}"));
    }
    site
}

/// The value of every `attribute="…"` in `html`.
fn attributes<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let marker = format!(" {attribute}=\"");
    html.split(marker.as_str())
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

/// The file of the build dir that `reference`, written in the page `page` (a path under
/// the build dir), leads to, without its query and fragment.
fn target(page: &str, reference: &str) -> String {
    let path = &reference[..reference.find(['?', '#']).unwrap_or(reference.len())];
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop().expect("a path inside the build dir");
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// Build-dir paths of the files named `name`.
fn published(tree: &BTreeMap<String, Vec<u8>>, name: &str) -> Vec<String> {
    tree.keys()
        .filter(|path| path.rsplit('/').next() == Some(name))
        .cloned()
        .collect()
}

#[test]
fn a_translation_uses_its_originals_files_published_once() {
    let site = site_with_files();
    for (args, page) in [
        (&["build", "--quiet"][..], "fr/fixes/clear-space/index.html"),
        (
            &["build", "--quiet", "--portable", "--out", "portable"][..],
            "fr/fixes/clear-space/index.html",
        ),
    ] {
        site.remedy(args).expect_code(0);
        let out = args.get(4).copied().unwrap_or("public");
        let tree = read_tree(&site.path(out));
        assert_eq!(published(&tree, "shot.svg"), ["fixes/clear-space/shot.svg"]);
        assert_eq!(published(&tree, "form.txt"), ["fixes/clear-space/form.txt"]);
        assert_eq!(published(&tree, "logo.svg"), ["images/logo.svg"]);
        let html = String::from_utf8(tree[page].clone()).unwrap();
        let sources = attributes(&html, "src");
        assert_eq!(
            sources
                .iter()
                .filter(|src| src.ends_with(".svg"))
                .copied()
                .collect::<Vec<_>>(),
            [
                "../../../images/logo.svg",
                "../../../fixes/clear-space/shot.svg"
            ],
            "{out}"
        );
        for src in sources.iter().filter(|src| !src.contains(':')) {
            let file = target(page, src);
            assert!(tree.contains_key(&file), "{out}/{page}: `{src}` → {file}");
        }
        assert!(
            html.contains("<a href=\"../../../fixes/clear-space/form.txt\">Formulaire</a>"),
            "{html}"
        );
        // The original's page keeps its files beside it.
        let original = String::from_utf8(tree["fixes/clear-space/index.html"].clone()).unwrap();
        assert!(original.contains("<img src=\"./shot.svg\""), "{original}");
        assert!(original.contains("<img src=\"../../images/logo.svg\""));
        assert!(original.contains("<a href=\"form.txt\">Formulaire</a>"));
    }
    assert!(!site.path("public/fr/fixes/clear-space/shot.svg").exists());
}

#[test]
fn a_french_page_includes_the_french_snippet_or_else_the_original() {
    let site = site_with_files();
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let read = |path: &str| fs::read_to_string(site.path(&format!("public/{path}"))).unwrap();
    let french = read("fr/fixes/clear-space/index.html");
    assert!(french.contains("<p>Une note en français.</p>"), "{french}");
    assert!(!french.contains("A note in English."));
    assert!(french.contains("<p>A tip only in English.</p>"), "{french}");
    let english = read("fixes/clear-space/index.html");
    assert!(english.contains("<p>A note in English.</p>"));
    assert!(!english.contains("Une note"));
}

#[test]
fn a_translation_has_its_own_tags_or_else_the_originals() {
    let site = TestSite::new("editions");
    let add = |path: &str, after: &str, line: &str| {
        let text = fs::read_to_string(site.path(path)).unwrap();
        assert!(text.contains(after), "{path}");
        site.write(path, &text.replacen(after, &format!("{after}\n{line}"), 1));
    };
    add(
        "content/causes/storage-full.md",
        "updated = 2026-03-01",
        "tags = [\"storage\", \"icloud\"]",
    );
    add(
        "content/causes/storage-full.fr.md",
        "updated = 2026-01-15",
        "tags = [\"stockage\", \"iCloud\"]",
    );
    add(
        "content/fixes/clear-space/index.md",
        "updated = 2026-01-10",
        "tags = [\"storage\"]",
    );
    let book = fs::read_to_string(site.path("book.toml")).unwrap();
    site.write(
        "book.toml",
        &format!("{book}\n[search]\nfilters = [\"kind\", \"tags\"]\n"),
    );
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let read = |path: &str| fs::read_to_string(site.path(&format!("public/{path}"))).unwrap();

    let cause = read("fr/causes/storage-full/index.html");
    assert!(
        cause.contains("<a class=\"tag\" href=\"../../tags/stockage/\" rel=\"tag\">stockage</a>"),
        "{cause}"
    );
    assert!(!cause.contains("tags/storage/"), "{cause}");
    let stockage = read("fr/tags/stockage/index.html");
    assert!(stockage.contains("Stockage plein"), "{stockage}");
    assert!(!stockage.contains("Libérer de l&#x27;espace") && !stockage.contains("Libérer"));
    // The translation without tags has the original's.
    let storage = read("fr/tags/storage/index.html");
    assert!(storage.contains("Libérer"), "{storage}");
    assert!(!storage.contains("Stockage plein"), "{storage}");
    // The default edition keeps the original's tags.
    assert!(!site.path("public/tags/stockage").exists());
    assert!(read("tags/storage/index.html").contains("Storage is full"));

    let slugs = |tag: &str| {
        let run = site.remedy(&[
            "search",
            "--lang",
            "fr",
            "--tag",
            tag,
            "--json",
            "sauvegarde",
        ]);
        run.expect_code(0);
        let mut slugs: Vec<String> = run
            .stdout
            .lines()
            .filter_map(|line| line.trim().strip_prefix("\"slug\": \""))
            .map(|slug| slug.trim_end_matches("\",").to_string())
            .collect();
        slugs.sort();
        slugs
    };
    assert_eq!(slugs("stockage"), ["causes/storage-full"]);
    assert_eq!(slugs("storage"), ["fixes/clear-space"]);
    let manifest = read("fr/search/manifest.js");
    assert!(
        manifest.contains("\"stockage\""),
        "the browser's tag filter"
    );
}
