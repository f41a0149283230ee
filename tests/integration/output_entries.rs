//! How many files and folders a build writes (issue 17: at most twice Hugo's for the same
//! articles). The pages that only repeat what articles say, symptom pages and print views, are
//! files (`troubleshoot/<symptom>.html`, `<cause>/print.html`), not a folder each with an
//! `index.html`; `_redirects` keeps their old folder addresses working with one rule per family.
//! The count itself, against Hugo's on the same generated articles, is measured by
//! `benches/build_vs_peers.sh`.

use std::path::Path;

use crate::support::{TestSite, bundled_build};

/// Every folder under `dir` (`dir` too), as paths relative to it.
fn folders(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_type().is_dir())
        .map(|entry| {
            let relative = entry.path().strip_prefix(dir).unwrap();
            relative.to_string_lossy().replace('\\', "/")
        })
        .collect()
}

#[test]
fn symptom_pages_and_print_views_are_files_not_folders() {
    let dir = &bundled_build().dir;
    for edition in ["", "fr/"] {
        let troubleshooter = dir.join(format!("{edition}troubleshoot"));
        let pages: Vec<String> = std::fs::read_dir(&troubleshooter)
            .unwrap()
            .map(|entry| entry.unwrap())
            .map(|entry| {
                assert!(
                    entry.file_type().unwrap().is_file(),
                    "a folder in {edition}troubleshoot/: {:?}",
                    entry.file_name()
                );
                entry.file_name().to_string_lossy().into_owned()
            })
            .collect();
        assert!(
            pages.len() > 30 && pages.iter().all(|name| name.ends_with(".html")),
            "{pages:?}"
        );
        let index = std::fs::read_to_string(troubleshooter.join("index.html")).unwrap();
        for page in pages.iter().filter(|name| *name != "index.html") {
            assert!(
                index.contains(&format!("href=\"../troubleshoot/{page}\"")),
                "{edition}troubleshoot/{page} is not linked from the troubleshooter"
            );
        }
        let print = dir.join(format!("{edition}causes/icloud-storage-full/print.html"));
        assert!(print.is_file(), "{}", print.display());
    }
    let print_folders: Vec<String> = folders(dir)
        .into_iter()
        .filter(|folder| folder.ends_with("/print"))
        .collect();
    assert!(print_folders.is_empty(), "{print_folders:?}");
    // The old addresses, for the servers that read `_redirects`: one rule per family and edition.
    assert_eq!(
        std::fs::read_to_string(dir.join("_redirects")).unwrap(),
        "/troubleshoot/:symptom/ /troubleshoot/:symptom.html 301\n\
         /causes/:cause/print/ /causes/:cause/print.html 301\n\
         /fr/troubleshoot/:symptom/ /fr/troubleshoot/:symptom.html 301\n\
         /fr/causes/:cause/print/ /fr/causes/:cause/print.html 301\n"
    );
}

/// A site that ships its own `_redirects` keeps it: the build writes none over it.
#[test]
fn a_site_s_own_redirects_file_is_kept() {
    let site = TestSite::new("basic");
    site.write("static/_redirects", "/old/ /guides/how-it-works/ 301\n");
    site.remedy(&["build"]).expect_code(0);
    assert_eq!(
        std::fs::read_to_string(site.path("public/_redirects")).unwrap(),
        "/old/ /guides/how-it-works/ 301\n"
    );
    assert!(
        site.path("public/troubleshoot/not-enough-storage.html")
            .is_file()
    );
}

/// A symptom whose slug would be `index` cannot take the troubleshooter's own `index.html`.
#[test]
fn a_symptom_called_index_gets_another_page() {
    let site = TestSite::new("basic");
    let cause = std::fs::read_to_string(site.path("content/causes/storage-full.md")).unwrap();
    site.write(
        "content/causes/storage-full.md",
        &cause.replacen("symptoms = [", "symptoms = [\"Index\", ", 1),
    );
    site.remedy(&["build"]).expect_code(0);
    let index = std::fs::read_to_string(site.path("public/troubleshoot/index.html")).unwrap();
    assert!(index.contains("<h1"), "{index}");
    assert!(index.contains("<a href=\"../troubleshoot/index-2.html\">Index</a>"));
    let symptom = std::fs::read_to_string(site.path("public/troubleshoot/index-2.html")).unwrap();
    assert!(symptom.contains("<h1>Index</h1>"), "{symptom}");
}
