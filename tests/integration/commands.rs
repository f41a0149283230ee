//! The other commands: `new` scaffolds articles that build, `check` and `build` agree, and
//! usage errors exit 2.

use crate::support::{TestSite, remedy};

#[test]
fn new_articles_of_every_kind_build() {
    let site = TestSite::new("basic");
    let cases = [
        (
            "guide",
            "Where backups are kept",
            "content/guides/where-backups-are-kept.md",
        ),
        (
            "cause",
            "Phone is too hot",
            "content/causes/phone-is-too-hot.md",
        ),
        (
            "fixes",
            "Let it cool down",
            "content/fixes/let-it-cool-down.md",
        ),
        (
            "practice",
            "Back up at night",
            "content/practices/back-up-at-night.md",
        ),
        (
            "restore",
            "Restore from a Mac",
            "content/restore/restore-from-a-mac.md",
        ),
        ("error", "Error 9013", "content/errors/9013.md"),
        ("error", "Backup failed", "content/errors/backup-failed.md"),
        (
            "faq",
            "Is my backup encrypted?",
            "content/faq/is-my-backup-encrypted.md",
        ),
    ];
    for (kind, title, path) in cases {
        let run = site.remedy(&["new", kind, title]);
        run.expect_code(0);
        assert_eq!(run.stdout, format!("{path}\n"), "{run}");
        let text = std::fs::read_to_string(site.path(path)).unwrap();
        assert!(
            text.starts_with(&format!("+++\ntitle = \"{title}\"\n")),
            "{text}"
        );
    }
    site.remedy(&["check"]).expect_code(0);
    site.remedy(&["build"]).expect_code(0);
    for (_, _, path) in cases {
        let page = path
            .strip_prefix("content/")
            .unwrap()
            .strip_suffix(".md")
            .unwrap();
        assert!(
            site.path("public").join(page).join("index.html").is_file(),
            "no page for {path}"
        );
    }
}

#[test]
fn new_never_overwrites_and_names_the_kinds() {
    let site = TestSite::new("basic");
    site.remedy(&["new", "cause", "Battery is low"])
        .expect_code(0);
    site.remedy(&["new", "cause", "Battery is low"])
        .expect_code(2)
        .expect_stderr("error: `content/causes/battery-is-low.md` already exists\n");
    site.remedy(&["new", "widget", "Anything"])
        .expect_code(2)
        .expect_stderr(
            "error: unknown kind `widget`: this site has `guide`, `cause`, `fix`, `practice`, \
             `restore`, `error`, `faq`\n",
        );
}

#[test]
fn a_folder_without_book_toml_is_a_usage_error() {
    let temp = tempfile::tempdir().unwrap();
    for command in ["build", "check"] {
        let run = remedy(temp.path(), &[command]);
        run.expect_code(2).expect_stderr(
            "error: no `book.toml` in `.`: this is not a Remedy site (use `--root DIR`)\n",
        );
    }
}

#[test]
fn a_root_that_is_a_file_is_a_usage_error() {
    let site = TestSite::new("basic");
    site.remedy(&["check", "--root", "book.toml"])
        .expect_code(2)
        .expect_stderr(
            "error: no `book.toml` in `book.toml`: this is not a Remedy site (use `--root DIR`)\n",
        );
}

#[test]
fn root_and_out_may_be_given_from_elsewhere() {
    let site = TestSite::new("basic");
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("site");
    let run = remedy(
        elsewhere.path(),
        &[
            "build",
            "--root",
            site.root().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--base-url",
            "https://docs.example.org/help",
        ],
    );
    run.expect_code(0);
    assert!(!site.path("public").exists());
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://docs.example.org/help/causes/storage-full/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn search_on_a_site_that_was_never_built_exits_2() {
    // `remedy search` is being built; before and after, a site without a build has no index
    // to read, which is a usage error with one clear line.
    let site = TestSite::new("basic");
    let run = site.remedy(&["search", "storage"]);
    run.expect_code(2);
    assert!(
        run.stderr.starts_with("error: ") && run.stderr.lines().count() == 1,
        "{run}"
    );
}

#[test]
fn drafts_are_built_only_with_drafts() {
    let site = TestSite::new("basic");
    site.write(
        "content/guides/coming-soon.md",
        "+++\ntitle = \"Coming soon\"\ndraft = true\nupdated = 2026-11-25\n+++\n\nNot yet.\n",
    );
    site.remedy(&["build"]).expect_code(0);
    let public = site.path("public");
    let listings = ["sitemap.xml", "feed.xml", "guides/index.html", "index.html"];
    assert!(!public.join("guides/coming-soon").exists());
    for file in listings {
        let text = std::fs::read_to_string(public.join(file)).unwrap();
        assert!(!text.contains("coming-soon"), "{file} names the draft");
        assert!(
            text.contains("guides/how-it-works/"),
            "{file} lists no guide"
        );
    }
    site.remedy(&["build", "--drafts"]).expect_code(0);
    assert!(public.join("guides/coming-soon/index.html").is_file());
    for file in listings {
        let text = std::fs::read_to_string(public.join(file)).unwrap();
        assert!(
            text.contains("guides/coming-soon/"),
            "{file} lacks the draft\n{text}"
        );
    }
}
