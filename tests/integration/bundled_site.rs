//! The bundled knowledge base (the repository root) builds cleanly and has every page of
//! DESIGN.md's content plan.

use std::collections::BTreeSet;

use crate::support::{bundled_build, bundled_root, remedy};

/// DESIGN.md's content plan: every article of the bundled site, as `<kind folder>/<slug>`.
pub const CONTENT_PLAN: [&str; 46] = [
    "guides/how-icloud-backup-works",
    "guides/what-icloud-backup-includes",
    "causes/icloud-storage-full",
    "causes/outdated-ios",
    "causes/unstable-wifi",
    "causes/wrong-date-time",
    "causes/backup-too-large",
    "causes/low-battery",
    "causes/apple-id-sign-in",
    "causes/corrupt-backup",
    "causes/vpn-or-content-blocker",
    "causes/software-glitch",
    "fixes/free-up-icloud-storage",
    "fixes/update-ios",
    "fixes/use-stronger-wifi",
    "fixes/set-date-time-automatically",
    "fixes/reduce-backup-size",
    "fixes/charge-before-backup",
    "fixes/verify-apple-id",
    "fixes/delete-and-restart-backup",
    "fixes/restart-iphone",
    "fixes/toggle-icloud-backup",
    "fixes/sign-out-of-icloud",
    "fixes/reset-network-settings",
    "fixes/disable-vpn-and-blockers",
    "fixes/force-quit-store-apps",
    "fixes/contact-apple-support",
    "practices/keep-icloud-storage-free",
    "practices/update-ios-promptly",
    "practices/back-up-on-home-wifi",
    "practices/charge-fully-first",
    "practices/remove-unneeded-apps",
    "practices/know-your-apple-id",
    "practices/refresh-backup-monthly",
    "practices/let-backups-finish",
    "restore/restore-from-icloud-backup",
    "errors/9006",
    "errors/9007",
    "errors/9010",
    "errors/9011",
    "errors/9012",
    "faq/why-does-backup-fail",
    "faq/how-to-troubleshoot-backup",
    "faq/wont-back-up-to-icloud",
    "faq/backup-fails-halfway",
    "faq/is-my-iphone-backing-up",
];

/// The seven kind folders of the bundled site, each with an index page.
pub const KIND_DIRS: [&str; 7] = [
    "guides",
    "causes",
    "fixes",
    "practices",
    "restore",
    "errors",
    "faq",
];

#[test]
fn the_bundled_site_builds_without_a_single_diagnostic() {
    let build = bundled_build();
    let run = &build.run;
    assert!(run.stdout.is_empty(), "build printed on stdout\n{run}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    // The only line is the summary: no errors, no warnings, no blank lines between diagnostics.
    assert_eq!(lines.len(), 1, "expected only the summary line\n{run}");
    // Every HTML page is counted: 56 for the articles, kinds, home, search and 404, and the
    // troubleshooter's and print views, whose number follows the content.
    let html_pages = crate::support::read_tree(&build.dir)
        .keys()
        .filter(|path| path.ends_with(".html"))
        .count();
    assert!(html_pages > 56, "{html_pages} HTML pages");
    assert!(
        lines[0].starts_with(&format!("built {html_pages} pages (2 ")),
        "unexpected summary\n{run}"
    );
    assert!(!run.stderr.contains("warning"), "{run}");
}

#[test]
fn check_finds_no_problems_in_the_bundled_site() {
    let run = remedy(bundled_root(), &["check", "--strict"]);
    run.expect_code(0)
        .expect_stderr("`fr`: 46 of 46 articles translated (100%)\nno problems found\n");
    assert!(run.stdout.is_empty(), "{run}");
}

#[test]
fn every_article_of_the_content_plan_has_a_page() {
    let dir = &bundled_build().dir;
    let missing: Vec<_> = CONTENT_PLAN
        .iter()
        .filter(|slug| !dir.join(slug).join("index.html").is_file())
        .collect();
    assert!(missing.is_empty(), "no page for {missing:?}");

    // And no page that the plan does not know: the slugs are fixed.
    let mut article_pages = BTreeSet::new();
    for kind in KIND_DIRS {
        for entry in std::fs::read_dir(dir.join(kind)).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                let name = entry.file_name().to_string_lossy().into_owned();
                article_pages.insert(format!("{kind}/{name}"));
            }
        }
    }
    let planned: BTreeSet<String> = CONTENT_PLAN.iter().map(|s| s.to_string()).collect();
    assert_eq!(article_pages, planned);
}

#[test]
fn the_bundled_site_has_kind_home_404_and_search_pages() {
    let dir = &bundled_build().dir;
    let mut expected: Vec<String> = KIND_DIRS
        .iter()
        .map(|kind| format!("{kind}/index.html"))
        .collect();
    expected.extend(
        ["index.html", "404.html", "search/index.html"]
            .iter()
            .map(|s| s.to_string()),
    );
    let missing: Vec<_> = expected.iter().filter(|p| !dir.join(p).is_file()).collect();
    assert!(missing.is_empty(), "missing pages {missing:?}");
}
