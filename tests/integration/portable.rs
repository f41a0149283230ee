//! A site opened from a disk (`file://`), with no server: the default build with its scripts,
//! and the portable build (`[build] portable = true`, `remedy build --portable`) with no script
//! at all. In the portable build every internal link, form action and asset of every page
//! names a file that is there; `book.toml`'s setting and the flag make the same site. In
//! headless Chromium, a reader goes from page to page by clicking, through the header, cards,
//! breadcrumbs, article bodies, the pager, the troubleshooter and the search form, and lands
//! on a page each time, never on a folder listing.

use std::fs;
use std::path::Path;

use crate::html::{self, tags};
use crate::support::webdriver::{Session, keys};
use crate::support::{self, TestSite, bundled_build, portable_build, remedy};

/// The internal addresses of a page (links, form actions, scripts, styles, images): neither
/// absolute nor fragments.
fn internal_addresses(html: &str) -> Vec<String> {
    tags(html)
        .iter()
        .flat_map(|tag| {
            ["href", "action", "src"]
                .into_iter()
                .filter_map(|name| tag.attribute(name).map(str::to_string))
        })
        .filter(|address| {
            !address.starts_with('#')
                && !address.starts_with('/')
                && !address.contains("://")
                && !address.starts_with("mailto:")
        })
        .collect()
}

#[test]
fn every_internal_address_of_a_portable_build_names_a_file() {
    let dir = portable_build();
    let pages = html::pages(dir);
    assert!(pages.len() > 100, "{} pages", pages.len());
    let mut checked = 0;
    for (page, text) in &pages {
        let folder = Path::new(page).parent().unwrap_or(Path::new(""));
        for address in internal_addresses(text) {
            let path = address.split(['?', '#']).next().unwrap_or_default();
            assert!(
                !path.is_empty() && !path.ends_with('/'),
                "{page}: `{address}` names a folder, which a browser shows as a listing"
            );
            let target = dir.join(folder).join(path);
            assert!(
                target.is_file(),
                "{page}: `{address}` names no file ({})",
                target.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 5000, "only {checked} addresses");
    // What stays absolute stays as it was: canonical URLs, feeds, structured data.
    let cause = &pages["causes/icloud-storage-full/index.html"];
    assert!(cause.contains(
        "<link rel=\"canonical\" href=\"https://iphone-backup-help.example.com/causes/icloud-storage-full/\">"
    ));
    let feed = fs::read_to_string(dir.join("feed.xml")).unwrap();
    assert!(feed.contains("href=\"https://iphone-backup-help.example.com/causes/"));
    assert!(!feed.contains("index.html"));
}

#[test]
fn the_default_build_links_folders_and_the_setting_equals_the_flag() {
    // The default build is unchanged: folders, as a web server serves them.
    let default = fs::read_to_string(bundled_build().dir.join("causes/index.html")).unwrap();
    assert!(default.contains("href=\"../causes/icloud-storage-full/\""));
    assert!(!default.contains("index.html\""));
    let site = TestSite::new("basic");
    site.remedy(&["build", "--portable", "--out", "flag"])
        .expect_code(0);
    let config = fs::read_to_string(site.path("book.toml")).unwrap();
    let with_setting = if config.contains("[build]") {
        config.replace("[build]", "[build]\nportable = true")
    } else {
        format!("{config}\n[build]\nportable = true\n")
    };
    site.write("book.toml", &with_setting);
    site.remedy(&["build", "--out", "setting"]).expect_code(0);
    support::assert_same_tree(
        &browser_files(&site.path("flag")),
        &browser_files(&site.path("setting")),
        "--portable and [build] portable = true",
    );
    let home = fs::read_to_string(site.path("setting/index.html")).unwrap();
    assert!(home.contains("href=\"causes/index.html\""), "{home}");
    assert!(home.contains("action=\"search/index.html\""), "{home}");
}

/// The files of a build a browser reads: all but the tantivy index, which holds segment ids
/// and timestamps of its own (see `reproducible`).
fn browser_files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut tree = support::read_tree(dir);
    tree.retain(|path, _| !path.contains("search/index/"));
    tree
}

/// Opens `page` of `dir` from `file://`.
fn open(session: &Session, dir: &Path, page: &str) {
    session.goto(&format!("file://{}/{page}", dir.display()));
}

/// Clicks the first element matching `css` and checks where the browser went: a page of the
/// site (its file), not a folder listing.
fn follow(session: &Session, css: &str, expected_end: &str) {
    let element = session
        .find(css)
        .unwrap_or_else(|| panic!("no `{css}` on {}", session.url()));
    session.tap(&element);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !session.url().contains(expected_end) {
        assert!(
            std::time::Instant::now() < deadline,
            "clicking `{css}` led to {}, not {expected_end}",
            session.url()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let url = session.url();
    let path = url.split(['?', '#']).next().unwrap_or_default();
    assert!(path.ends_with(".html"), "`{css}` led to a folder: {url}");
    let title = session.title();
    assert!(
        !title.starts_with("Index of") && !title.is_empty(),
        "`{css}` led to {url}, titled {title:?}"
    );
}

/// Checks that the open page has the theme's style sheet: `style.css` sets the body's margin to
/// nothing, where a browser's own is 8px.
fn assert_styled(session: &Session) {
    let margin = session.script("return getComputedStyle(document.body).marginTop");
    assert_eq!(
        margin,
        serde_json::json!("0px"),
        "{} has no style sheet",
        session.url()
    );
}

/// The reader's walk through the site, the same with and without scripts.
fn walk_the_site(session: &Session, dir: &Path) {
    open(session, dir, "index.html");
    // The header's sections, a card, the breadcrumbs.
    follow(session, ".site-nav a[href*='causes']", "/causes/index.html");
    follow(
        session,
        ".card-title a[href*='icloud-storage-full']",
        "/causes/icloud-storage-full/index.html",
    );
    // A link in the article's body, then the pager, then the breadcrumbs.
    follow(
        session,
        ".content a[href*='fixes/free-up-icloud-storage']",
        "/fixes/free-up-icloud-storage/index.html",
    );
    follow(session, ".pager a[rel='next']", "/fixes/");
    follow(session, ".breadcrumbs a", "/index.html");
    // The troubleshooter: a symptom's page, one of its causes, its print view.
    follow(
        session,
        ".symptoms .troubleshoot-entry a",
        "/troubleshoot/index.html",
    );
    // A symptom page and a print view are files one folder up from an article's page: their
    // style sheet and their links back (breadcrumbs, the cause, its fixes) still resolve.
    open(session, dir, "troubleshoot/icloud-storage-full.html");
    assert_styled(session);
    follow(
        session,
        ".breadcrumbs a[href*='troubleshoot']",
        "/troubleshoot/index.html",
    );
    open(session, dir, "troubleshoot/icloud-storage-full.html");
    follow(
        session,
        ".cause-title a",
        "/causes/icloud-storage-full/index.html",
    );
    follow(
        session,
        ".next-steps .print-link a",
        "/causes/icloud-storage-full/print.html",
    );
    assert_styled(session);
    follow(
        session,
        ".checklist-link a",
        "/fixes/free-up-icloud-storage/index.html",
    );
    open(session, dir, "causes/icloud-storage-full/print.html");
    follow(
        session,
        ".checklist-source a",
        "/causes/icloud-storage-full/index.html",
    );
    open(session, dir, "causes/icloud-storage-full/print.html");
    follow(session, ".brand", "/index.html");
    // The footer's search link.
    follow(
        session,
        ".footer-nav a[href*='search']",
        "/search/index.html",
    );
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn from_file_urls_with_scripts_every_link_and_the_search_form_open_a_page() {
    let dir = &bundled_build().dir;
    let session = support::browser();
    walk_the_site(&session, dir);
    // Enter in the header's search field submits the form to the search page's file, which
    // shows the results.
    open(&session, dir, "causes/index.html");
    let input = session.find("#search-input").unwrap();
    session.send_keys(&input, "icloud storage full");
    session.send_keys(&input, keys::ENTER);
    session.wait_for(
        "the search page's results",
        "return location.pathname.endsWith('/search/index.html') && \
         document.querySelectorAll('#search-results .search-hit').length > 0",
    );
    // The troubleshooter's script runs on a symptom page, a file of the troubleshooter's folder.
    open(&session, dir, "troubleshoot/icloud-storage-full.html");
    session.wait_for(
        "the troubleshooter's script on a symptom page",
        "return document.getElementById('troubleshooter').getAttribute('data-ready') === 'true'",
    );
    // A link made by a script after loading (the troubleshooter's bar) is fixed when followed.
    open(&session, dir, "troubleshoot/index.html");
    session.wait_for(
        "the troubleshooter's script",
        "return document.getElementById('troubleshooter').getAttribute('data-ready') === 'true'",
    );
    session.script(
        "var a = document.createElement('a'); a.id = 'made-later'; a.textContent = 'later'; \
         a.setAttribute('href', '../faq/'); document.querySelector('main').appendChild(a); \
         return true",
    );
    follow(&session, "#made-later", "/faq/index.html");
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn from_file_urls_without_scripts_a_portable_build_opens_every_page() {
    let dir = portable_build();
    let session = support::browser();
    // Scripts off for every page this session opens.
    session.cdp(
        "Emulation.setScriptExecutionDisabled",
        serde_json::json!({"value": true}),
    );
    open(&session, dir, "index.html");
    // The site's script would have made the menu link a button.
    let menu = session.script("return document.querySelector('.menu-button').tagName");
    assert_eq!(menu, serde_json::json!("A"), "a script ran");
    walk_the_site(&session, dir);
    // The search form goes to the search page's file (which says search needs scripts).
    open(&session, dir, "causes/index.html");
    let input = session.find("#search-input").unwrap();
    session.send_keys(&input, "storage");
    session.send_keys(&input, keys::ENTER);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !session.url().contains("/search/index.html?q=storage") {
        assert!(std::time::Instant::now() < deadline, "{}", session.url());
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // The 404 page, opened from a disk, leads home.
    open(&session, dir, "404.html");
    follow(&session, ".back-home a", "/index.html");
    // The phone menu works without scripts: its button opens the list of sections.
    session.cdp(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true}),
    );
    // The button jumps to `#site-nav`; a smooth scroll there would move the link while it is
    // tapped, so the jump is made instant.
    session.cdp(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]}),
    );
    open(&session, dir, "causes/index.html");
    let button = session.find(".menu-button").expect("a menu button");
    session.tap(&button);
    follow(&session, ".site-nav a[href*='faq']", "/faq/index.html");
}

#[test]
fn a_portable_build_is_reproducible_and_its_own_markdown_links_name_files() {
    let dir = portable_build();
    let page = fs::read_to_string(dir.join("causes/icloud-storage-full/index.html")).unwrap();
    assert!(page.contains("href=\"../../fixes/free-up-icloud-storage/index.html\""));
    let again = crate::support::scratch_dir("bundled-site-portable-again");
    let out = again.join("public");
    remedy(
        crate::support::bundled_root(),
        &[
            "build",
            "--portable",
            "--quiet",
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .expect_code(0);
    support::assert_same_tree(
        &browser_files(dir),
        &browser_files(&out),
        "two portable builds",
    );
}
