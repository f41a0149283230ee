//! What help-centre writers use beyond plain articles, on the `authoring` fixture: an article
//! written as a folder with its images, a snippet included by two articles (once in a tab's
//! list), tabs, aliases, tags and an `[extra]` table read by a template of the site. The built
//! site must hold each of them as the README describes; each broken use must be reported by
//! `remedy check` with the exact diagnostic (the Chromium tests of the tabs' script are in
//! [`crate::tabs_browser`], the hostile inputs in the bad-input suite).

use std::fs;

use crate::support::{Run, TestSite};

/// Builds `site` and returns the HTML (or text) of a file of its build dir.
fn built(site: &TestSite) -> impl Fn(&str) -> String + '_ {
    let run = site.remedy(&["build", "--quiet"]);
    run.expect_code(0);
    move |path: &str| {
        fs::read_to_string(site.path(&format!("public/{path}")))
            .unwrap_or_else(|e| panic!("public/{path}: {e}"))
    }
}

/// The `<main>` element of a page.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>") + "</main>".len();
    &html[start..end]
}

#[test]
fn the_authoring_fixture_is_clean() {
    TestSite::new("authoring")
        .remedy(&["check", "--strict"])
        .expect_code(0)
        .expect_stderr("no problems found\n");
}

#[test]
fn an_article_folder_publishes_its_files_and_its_images_get_their_size() {
    let site = TestSite::new("authoring");
    let page = built(&site)("fixes/free-up-storage/index.html");
    for file in ["screen.svg", "img/bar.gif"] {
        assert_eq!(
            fs::read(site.path(&format!("public/fixes/free-up-storage/{file}"))).unwrap(),
            fs::read(site.path(&format!("content/fixes/free-up-storage/{file}"))).unwrap(),
            "{file} is published as is"
        );
    }
    assert!(page.contains(
        "<p><img src=\"screen.svg\" alt=\"The storage screen, with its bar nearly full\" width=\"320\" height=\"180\" loading=\"lazy\" decoding=\"async\"></p>"
    ));
    assert!(page.contains(
        "<img src=\"img/bar.gif\" alt=\"A small bar\" title=\"The bar\" width=\"3\" height=\"2\" loading=\"lazy\" decoding=\"async\">"
    ));
    assert!(
        !site
            .path("public/fixes/free-up-storage/index.md.md")
            .exists()
            && site.path("public/fixes/free-up-storage/index.md").exists(),
        "the article's Markdown is published as for any article"
    );
}

#[test]
fn a_snippet_is_part_of_each_article_that_includes_it() {
    let site = TestSite::new("authoring");
    let file = built(&site);
    let snippet_html = "Open <strong>Settings &gt; [your name] &gt; iCloud &gt; iCloud Backup</strong> and tap <strong>Back Up Now</strong> (see <a href=\"../../guides/how-it-works/#where-backups-live\">where backups live</a>).";
    // In a tight list item of a tab, it is the item's text; on its own, a paragraph.
    assert!(
        file("fixes/free-up-storage/index.html").contains(&format!("<li>{snippet_html}</li>")),
        "in the fix's tab"
    );
    assert!(
        file("guides/how-it-works/index.html").contains(&format!("<p>{snippet_html}</p>")),
        "in the guide"
    );
    // The article's Markdown holds the snippet's, its link made absolute, in the list item.
    assert!(
        file("fixes/free-up-storage/index.md").contains("    3. Open **Settings > [your name] > iCloud > iCloud Backup** and tap **Back Up Now** (see [where backups live](https://help.example.com/guides/how-it-works/#where-backups-live))."),
        "{}",
        file("fixes/free-up-storage/index.md")
    );
    // Its words find both articles.
    let run = site.remedy(&["search", "icloud backup", "--json"]);
    run.expect_code(0);
    let found: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let results = found
        .get("results")
        .unwrap_or(&found)
        .as_array()
        .unwrap_or_else(|| panic!("{run}"));
    let slugs: Vec<&str> = results.iter().filter_map(|r| r["slug"].as_str()).collect();
    for slug in ["fixes/free-up-storage", "guides/how-it-works"] {
        assert!(slugs.contains(&slug), "{slug} not found: {slugs:?}");
    }
}

#[test]
fn tabs_are_labelled_panels_and_only_their_pages_load_the_script() {
    let site = TestSite::new("authoring");
    let file = built(&site);
    let fix = file("fixes/free-up-storage/index.html");
    assert!(fix.contains(
        "<div class=\"tabs\" id=\"tabs-1\">\n<div class=\"tab-panel\" id=\"tabs-1-1\" role=\"group\" aria-labelledby=\"tabs-1-1-label\">\n<p class=\"tab-label\" id=\"tabs-1-1-label\">iPhone</p>\n<ol>\n<li>Open <strong>Settings</strong>.</li>"
    ), "{}", main_of(&fix));
    assert!(fix.contains("<p class=\"tab-label\" id=\"tabs-1-2-label\">Mac</p>"));
    let script = "<script src=\"../../js/tabs.js?v=";
    assert!(fix.contains(script));
    assert!(!file("guides/how-it-works/index.html").contains(script));
    assert!(site.path("public/js/tabs.js").exists());
    // The print view of the cause lists the steps of every tab, labelled.
    let print = file("causes/storage-full/print.html");
    assert!(
        print.contains("<p class=\"checklist-tab\">iPhone</p>")
            && print.contains("<p class=\"checklist-tab\">Mac</p>\n<ol class=\"checklist-steps\">\n<li>Open <strong>System Settings</strong>.</li>"),
        "{}",
        main_of(&print)
    );
}

#[test]
fn aliases_become_redirect_pages_and_redirect_rules() {
    let site = TestSite::new("authoring");
    let file = built(&site);
    assert_eq!(
        file("_redirects"),
        "/fixes/delete-old-backups/ /fixes/free-up-storage/ 301\n/help/storage.html /fixes/free-up-storage/ 301\n\
         /troubleshoot/:symptom/ /troubleshoot/:symptom.html 301\n\
         /causes/:cause/print/ /causes/:cause/print.html 301\n"
    );
    for (path, target) in [
        (
            "fixes/delete-old-backups/index.html",
            "../../fixes/free-up-storage/",
        ),
        ("help/storage.html", "../fixes/free-up-storage/"),
    ] {
        let page = file(path);
        for needle in [
            format!("<meta http-equiv=\"refresh\" content=\"0; url={target}\">"),
            "<meta name=\"robots\" content=\"noindex\">".to_string(),
            "<link rel=\"canonical\" href=\"https://help.example.com/fixes/free-up-storage/\">"
                .to_string(),
            format!(
                "“Free up storage” is now at <a href=\"{target}\">https://help.example.com/fixes/free-up-storage/</a>."
            ),
        ] {
            assert!(page.contains(&needle), "{path} lacks {needle}:\n{page}");
        }
    }
    let sitemap = file("sitemap.xml");
    assert!(!sitemap.contains("delete-old-backups") && !sitemap.contains("help/"));
}

#[test]
fn a_site_with_a_base_path_redirects_within_it() {
    let site = TestSite::new("authoring");
    site.write(
        "book.toml",
        "[book]\ntitle = \"Fixture help\"\n\n[build]\nbase-url = \"https://example.com/help/\"\n",
    );
    assert_eq!(
        built(&site)("_redirects"),
        "/help/fixes/delete-old-backups/ /help/fixes/free-up-storage/ 301\n/help/help/storage.html /help/fixes/free-up-storage/ 301\n\
         /help/troubleshoot/:symptom/ /help/troubleshoot/:symptom.html 301\n\
         /help/causes/:cause/print/ /help/causes/:cause/print.html 301\n"
    );
}

#[test]
fn tags_have_an_index_and_a_page_each_and_articles_link_to_them() {
    let site = TestSite::new("authoring");
    let file = built(&site);
    let index = file("tags/index.html");
    let listed: Vec<&str> = index
        .split("<a class=\"tag\" href=\"../tags/")
        .skip(1)
        .map(|rest| &rest[..rest.find('/').unwrap()])
        .collect();
    assert_eq!(listed, ["iphone", "storage", "wi-fi"]);
    assert!(index.contains(">iPhone<span class=\"tag-count\"><span class=\"visually-hidden\">, </span>3<span class=\"visually-hidden\"> articles</span></span></a>"), "{index}");
    let iphone = file("tags/iphone/index.html");
    let articles: Vec<&str> = iphone
        .split("<h2 class=\"card-title\"><a href=\"../../")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert_eq!(
        articles,
        [
            "guides/how-it-works/",
            "causes/storage-full/",
            "fixes/free-up-storage/"
        ],
        "in display order"
    );
    assert!(iphone.contains("<h1>iPhone</h1>"));
    let fix = file("fixes/free-up-storage/index.html");
    assert!(fix.contains("<p class=\"visually-hidden\" id=\"article-tags\">Tags</p>\n<ul class=\"tag-list\" aria-labelledby=\"article-tags\">\n<li><a class=\"tag\" href=\"../../tags/iphone/\" rel=\"tag\">iPhone</a></li>\n<li><a class=\"tag\" href=\"../../tags/storage/\" rel=\"tag\">Storage</a></li>\n</ul>"));
    assert!(
        fix.contains("<li><a href=\"../../tags/\">Tags</a></li>"),
        "the footer links the index"
    );
    assert!(file("sitemap.xml").contains("<loc>https://help.example.com/tags/iphone/</loc>"));
}

#[test]
fn the_extra_table_reaches_the_templates() {
    let site = TestSite::new("authoring");
    assert!(
        built(&site)("fixes/free-up-storage/index.html")
            .contains("<p class=\"fix-icon\">icon: cloud</p>")
    );
}

/// The `authoring` fixture with `edit` applied: `check` prints exactly `expected` and exits
/// `code`; with errors, `build` prints the same and writes nothing.
#[track_caller]
fn assert_check(edit: impl FnOnce(&TestSite), code: i32, expected: &str) -> TestSite {
    let site = TestSite::new("authoring");
    edit(&site);
    let check: Run = site.remedy(&["check"]);
    check.expect_code(code).expect_stderr(expected);
    if code == 1 {
        let before = site.top_level();
        site.remedy(&["build"])
            .expect_code(1)
            .expect_stderr(expected);
        assert_eq!(site.top_level(), before, "a failed build wrote files");
    }
    site
}

/// Replaces `from` by `to` in a file of the site.
fn replace(site: &TestSite, path: &str, from: &str, to: &str) {
    let text = fs::read_to_string(site.path(path)).unwrap();
    assert!(text.contains(from), "{path} has no {from:?}");
    site.write(path, &text.replacen(from, to, 1));
}

const FIX: &str = "content/fixes/free-up-storage/index.md";
const GUIDE: &str = "content/guides/how-it-works.md";

#[test]
fn a_missing_image_suggests_a_file_of_the_folder() {
    assert_check(
        |site| replace(site, FIX, "](screen.svg)", "](screen.png)"),
        1,
        r#"error: image `screen.png` not found: `content/fixes/free-up-storage/screen.png` does not exist
  --> content/fixes/free-up-storage/index.md:14:49
   |
14 | ![The storage screen, with its bar nearly full](screen.png)
   |                                                 ^^^^^^^^^^
   |
   = help: did you mean `screen.svg`?

error: 1 problem found; nothing was written
"#,
    );
}

#[test]
fn an_image_in_an_article_without_a_folder_says_how_to_make_one() {
    assert_check(
        |site| {
            site.write(
                GUIDE,
                &format!(
                    "{}\n![Where](where.png)\n",
                    fs::read_to_string(site.path(GUIDE)).unwrap()
                ),
            )
        },
        1,
        r#"error: image `where.png` not found: `content/guides/how-it-works/where.png` does not exist
  --> content/guides/how-it-works.md:17:10
   |
17 | ![Where](where.png)
   |          ^^^^^^^^^
   |
   = help: an article with images is a folder: move `content/guides/how-it-works.md` to `content/guides/how-it-works/index.md` and put `where.png` beside it

error: 1 problem found; nothing was written
"#,
    );
}

#[test]
fn no_alt_text_is_a_warning_and_an_error_when_strict() {
    let site = assert_check(
        |site| replace(site, FIX, "![A small bar]", "![]"),
        0,
        r#"warning: image `img/bar.gif` has no alt text
  --> content/fixes/free-up-storage/index.md:29:5
   |
29 | ![](img/bar.gif "The bar")
   |     ^^^^^^^^^^^
   |
   = help: describe what it shows for readers who cannot see it: `![The iCloud Backup switch, turned on](…)`

1 warning, no errors
"#,
    );
    let strict = site.remedy(&["check", "--strict"]);
    strict.expect_code(1);
    assert!(
        strict
            .stderr
            .starts_with("warning: image `img/bar.gif` has no alt text\n"),
        "{strict}"
    );
}

#[test]
fn an_image_over_a_megabyte_is_a_warning() {
    assert_check(
        |site| {
            // A GIF header saying 3 × 2, padded past 1 MB.
            let mut big = fs::read(site.path("content/fixes/free-up-storage/img/bar.gif")).unwrap();
            big.resize(1_300_000, 0);
            fs::write(site.path("content/fixes/free-up-storage/img/bar.gif"), big).unwrap();
        },
        0,
        r#"warning: image `img/bar.gif` is 1.2 MB: images over 1 MB make the page slow to load
  --> content/fixes/free-up-storage/index.md:29:16
   |
29 | ![A small bar](img/bar.gif "The bar")
   |                ^^^^^^^^^^^
   |
   = help: resize or compress it: a screenshot rarely needs more than 300 KB

1 warning, no errors
"#,
    );
}

#[test]
fn an_article_written_both_as_a_file_and_as_a_folder_is_refused() {
    assert_check(
        |site| {
            site.write(
                "content/fixes/free-up-storage.md",
                "+++\ntitle = \"Free up storage\"\n+++\n",
            )
        },
        1,
        r#"error: the article `fixes/free-up-storage` is written twice: as `content/fixes/free-up-storage/index.md` and as `content/fixes/free-up-storage.md`
--> content/fixes/free-up-storage.md
 = help: keep one: an article with files beside it is a folder, `content/fixes/free-up-storage/index.md`

error: 1 problem found; nothing was written
"#,
    );
}

#[test]
fn a_file_in_no_article_folder_is_not_published_and_says_so() {
    assert_check(
        |site| site.write("content/guides/diagram.svg", "<svg/>"),
        0,
        r#"warning: file is not published: it is in no article's folder
--> content/guides/diagram.svg
 = help: files are published beside an article written as a folder: `content/<kind>/<slug>/index.md` and the files next to it

1 warning, no errors
"#,
    );
}

#[test]
fn an_unknown_snippet_suggests_the_closest_name() {
    assert_check(
        |site| {
            replace(
                site,
                GUIDE,
                "{{#snippet back-up-now}}",
                "{{#snippet backup-now}}",
            )
        },
        1,
        r#"error: no snippet `backup-now`: `snippets/backup-now.md` does not exist
  --> content/guides/how-it-works.md:15:1
   |
15 | {{#snippet backup-now}}
   | ^^^^^^^^^^^^^^^^^^^^^^^
   |
   = help: did you mean `back-up-now`?

error: 1 problem found; nothing was written
"#,
    );
}

#[test]
fn a_snippet_that_includes_itself_is_located_in_the_snippet() {
    assert_check(
        |site| {
            site.write("snippets/note.md", "A note.\n\n{{#snippet more}}\n");
            site.write("snippets/more.md", "More.\n\n{{#snippet note}}\n");
            replace(
                site,
                GUIDE,
                "In the cloud.",
                "In the cloud.\n\n{{#snippet note}}",
            );
        },
        1,
        r#"error: snippet `note` includes itself: `note` → `more` → `note`
 --> snippets/more.md:3:1
  |
3 | {{#snippet note}}
  | ^^^^^^^^^^^^^^^^^
  |
  = help: remove one of the `{{#snippet}}` paragraphs of the cycle

error: 1 problem found; nothing was written
"#,
    );
}

#[test]
fn a_broken_link_in_a_snippet_is_reported_in_the_snippet_once() {
    assert_check(
        |site| {
            replace(
                site,
                "snippets/back-up-now.md",
                "#where-backups-live",
                "#where-backup-lives",
            )
        },
        1,
        r#"error: broken anchor: `guides/how-it-works` has no heading with id `where-backup-lives`
 --> snippets/back-up-now.md:1:108
  |
1 | Open **Settings > [your name] > iCloud > iCloud Backup** and tap **Back Up Now** (see [where backups live](@/guides/how-it-works.md#where-backup-lives)).
  |                                                                                                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = help: did you mean `#where-backups-live`?

error: 1 problem found; nothing was written
"#,
    );
}

#[test]
fn aliases_that_clash_or_leave_the_site_are_located() {
    assert_check(
        |site| {
            replace(
                site,
                GUIDE,
                "tags = [",
                "aliases = [\"../../etc\", \"fixes/free-up-storage/\", \"/style.css\", \"help/storage.html\", \"tags/old/\"]\ntags = [",
            );
        },
        1,
        r#"error: alias `../../etc` leads out of the site
 --> content/guides/how-it-works.md:4:12
  |
4 | aliases = ["../../etc", "fixes/free-up-storage/", "/style.css", "help/storage.html", "tags/old/"]
  |            ^^^^^^^^^^^
  |
  = help: write the old path from the site's root, such as `causes/old-slug/`

error: alias `fixes/free-up-storage/` clashes with the article `fixes/free-up-storage`: both would be `fixes/free-up-storage/index.html`
 --> content/guides/how-it-works.md:4:25
  |
4 | aliases = ["../../etc", "fixes/free-up-storage/", "/style.css", "help/storage.html", "tags/old/"]
  |                         ^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = help: an alias is an old path that no page or file of the site has now

error: alias `/style.css` clashes with the static file `style.css`: both would be `style.css`
 --> content/guides/how-it-works.md:4:51
  |
4 | aliases = ["../../etc", "fixes/free-up-storage/", "/style.css", "help/storage.html", "tags/old/"]
  |                                                   ^^^^^^^^^^^^
  |
  = help: an alias is an old path that no page or file of the site has now

error: alias `help/storage.html` clashes with the alias `help/storage.html` of `fixes/free-up-storage`: both would be `help/storage.html`
 --> content/guides/how-it-works.md:4:65
  |
4 | aliases = ["../../etc", "fixes/free-up-storage/", "/style.css", "help/storage.html", "tags/old/"]
  |                                                                 ^^^^^^^^^^^^^^^^^^^
  |
  = help: an alias is an old path that no page or file of the site has now

error: alias `tags/old/` is in `tags/`, a folder of the site's own files
 --> content/guides/how-it-works.md:4:86
  |
4 | aliases = ["../../etc", "fixes/free-up-storage/", "/style.css", "help/storage.html", "tags/old/"]
  |                                                                                      ^^^^^^^^^^^
  |
  = help: an alias is an old path of the article; `search/`, `js/`, `css/`, `troubleshoot/`, `static/`, `tags/` are Remedy's

error: 5 problems found; nothing was written
"#,
    );
}

/// The parts of a split sitemap are the sitemap's even while one file holds it: the parts come
/// with the site's size, which an alias must not depend on.
#[test]
fn an_alias_cannot_take_a_sitemap_part() {
    assert_check(
        |site| {
            replace(
                site,
                GUIDE,
                "tags = [",
                "aliases = [\"sitemap2.xml\", \"sitemap10.xml/\", \"sitemap-old.xml\"]\ntags = [",
            );
        },
        1,
        r#"error: alias `sitemap2.xml` is where a part of the site's sitemap goes
 --> content/guides/how-it-works.md:4:12
  |
4 | aliases = ["sitemap2.xml", "sitemap10.xml/", "sitemap-old.xml"]
  |            ^^^^^^^^^^^^^^
  |
  = help: a sitemap of more than 50000 pages is split into `sitemap1.xml`, `sitemap2.xml`, …, which are Remedy's

error: alias `sitemap10.xml/` is where a part of the site's sitemap goes
 --> content/guides/how-it-works.md:4:28
  |
4 | aliases = ["sitemap2.xml", "sitemap10.xml/", "sitemap-old.xml"]
  |                            ^^^^^^^^^^^^^^^^
  |
  = help: a sitemap of more than 50000 pages is split into `sitemap1.xml`, `sitemap2.xml`, …, which are Remedy's

error: 2 problems found; nothing was written
"#,
    );
}

#[test]
fn a_tag_spelt_two_ways_is_one_tag_with_a_warning() {
    let site = assert_check(
        |site| replace(site, GUIDE, "tags = [\"iPhone\"", "tags = [\"IPHONE\""),
        0,
        r#"warning: tag `IPHONE` is shown as `iPhone`, the spelling most articles use
 --> content/guides/how-it-works.md:4:9
  |
4 | tags = ["IPHONE", "Wi-Fi"]
  |         ^^^^^^^^
  |
  = help: write `iPhone` here too

1 warning, no errors
"#,
    );
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let page = fs::read_to_string(site.path("public/guides/how-it-works/index.html")).unwrap();
    assert!(page.contains("href=\"../../tags/iphone/\" rel=\"tag\">iPhone</a>"));
}

#[test]
fn tab_syntax_mistakes_are_located() {
    assert_check(
        |site| replace(site, FIX, "=== \"Mac\"\n\n    1.", "=== Mac\n\n    1."),
        1,
        r#"error: tab label `Mac` is not in double quotes
  --> content/fixes/free-up-storage/index.md:24:5
   |
24 | === Mac
   |     ^^^
   |
   = help: write `=== "Mac"`

error: 1 problem found; nothing was written
"#,
    );
    assert_check(
        |site| {
            replace(
                site,
                FIX,
                "=== \"Mac\"\n\n    1. Open **System Settings**.\n    2.",
                "=== \"Mac\"\n\n1. Open **System Settings**.\n2.",
            )
        },
        1,
        r#"error: tab `Mac` has no content
  --> content/fixes/free-up-storage/index.md:24:5
   |
24 | === "Mac"
   |     ^^^^^
   |
   = help: indent the tab's content by four spaces, under its `===` line

error: 1 problem found; nothing was written
"#,
    );
}
