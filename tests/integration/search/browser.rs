//! The search UI in real headless Chromium, driven through chromedriver: type a symptom,
//! results appear under the field, arrow + Enter opens the answer; the keyboard shortcuts; the
//! search page and its no-results state; `window.Remedy.search` and `window.Remedy.query`; the
//! notice for words no article mentions and the "See all" option; the filter chips of the search
//! page; and an article whose title, summary and body hold `<img src=x onerror=...>` showing as
//! text. It runs from `file://` (scripts loaded as files) and over HTTP.
//!
//! The tests need Chromium and chromedriver: they are ignored by a plain `cargo test` and run by
//! `cargo test -- --include-ignored`, as `.ci/run` does.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::support;
use crate::support::webdriver::{Session, keys};

const HOSTILE: &str = "<img src=x onerror=window.__remedyXss=1>";

/// The bundled site plus an article that tries to inject markup through search results.
fn hostile_site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = support::scratch_dir("search-browser-site");
        support::copy_bundled_site(&root);
        let article = format!(
            "+++\ntitle = \"Battery {HOSTILE} overheats\"\n\
             summary = \"When the {HOSTILE} battery overheats during a backup.\"\n\
             symptoms = [\"battery overheats\"]\n+++\n\n\
             The phone gets hot: {HOSTILE} let it cool down before backing up.\n"
        );
        std::fs::write(root.join("content/causes/overheating.md"), article).expect("write");
        let options = remedy::BuildOptions {
            root: root.clone(),
            ..remedy::BuildOptions::default()
        };
        remedy::build(&options).expect("the fixture builds");
        root
    })
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Types a query into the header's field and waits for results under it.
fn type_query(session: &Session, query: &str) -> String {
    let input = session.find("#search-input").expect("a search field");
    session.clear(&input);
    session.send_keys(&input, query);
    session.wait_for(
        &format!("results for {query:?}"),
        &format!(
            "var p = document.getElementById('search-popup'); \
             return p && !p.hidden && p.getAttribute('data-query') === {:?}",
            query.trim()
        ),
    );
    input
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn a_reader_finds_and_opens_an_answer_from_file_urls() {
    let site = hostile_site();
    let session = support::browser();
    session.goto(&file_url(&site.join("public/index.html")));

    // `/` focuses the search field.
    session.press(&["/"]);
    session.wait_for(
        "`/` to focus the search field",
        "return document.activeElement && document.activeElement.id === 'search-input'",
    );

    // Typing a symptom shows results; arrow down selects the first, Enter opens it.
    let input = type_query(&session, "backup stops halfway");
    let first = session.script(
        "var hit = document.querySelector('#search-popup .search-hit a'); \
         return [hit.href, hit.querySelector('.search-hit-title').textContent, \
                 hit.querySelector('.search-hit-kind').textContent, \
                 hit.querySelectorAll('mark').length]",
    );
    let href = first[0].as_str().unwrap().to_string();
    assert!(
        href.ends_with("/faq/backup-fails-halfway/index.html"),
        "first result {first}"
    );
    assert_eq!(first[2], "FAQ", "singular kind label of {first}");
    assert!(first[3].as_u64().unwrap() > 0, "no highlight in {first}");
    session.send_keys(&input, keys::ARROW_DOWN);
    session.wait_for(
        "the first result to be selected",
        "var o = document.querySelector('#search-hit-0'); \
         return o.getAttribute('aria-selected') === 'true' && \
                document.getElementById('search-input').getAttribute('aria-activedescendant') === 'search-hit-0'",
    );
    session.send_keys(&input, keys::ENTER);
    session.wait_for(
        "Enter to open the answer",
        &format!("return location.href === {href:?}"),
    );
    let heading = session.script("return document.querySelector('h1').textContent");
    assert_eq!(heading, "Why does my iPhone backup fail halfway?");

    // Ctrl+K focuses the field from anywhere; Esc closes the list.
    session.script("document.activeElement.blur()");
    session.press(&[keys::CONTROL, "k"]);
    session.wait_for(
        "Ctrl+K to focus the search field",
        "return document.activeElement && document.activeElement.id === 'search-input'",
    );
    let input = type_query(&session, "error 9006");
    let top = session.script("return document.querySelector('#search-popup .search-hit a').href");
    assert!(
        top.as_str().unwrap().ends_with("/errors/9006/index.html"),
        "{top}"
    );
    session.send_keys(&input, keys::ESCAPE);
    session.wait_for(
        "Esc to close the list",
        "return document.getElementById('search-popup').hidden && \
         document.getElementById('search-input').getAttribute('aria-expanded') === 'false'",
    );

    // Nothing found: say so and point to the troubleshooter, the FAQ and the guides.
    type_query(&session, "zzyzx qwertyuiop");
    let empty = session.script(
        "var e = document.querySelector('#search-popup .search-empty'); \
         return e && [e.textContent, Array.from(e.querySelectorAll('a')).map(a => a.href)]",
    );
    assert!(empty[0].as_str().unwrap().contains("No results"), "{empty}");
    let links = empty[1].to_string();
    assert!(
        links.contains("/troubleshoot/index.html")
            && links.contains("/faq/index.html")
            && links.contains("/guides/index.html"),
        "{empty}"
    );
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn content_reaches_the_page_as_text_only() {
    let site = hostile_site();
    let session = support::browser();

    // In the list under the field.
    session.goto(&file_url(&site.join("public/index.html")));
    type_query(&session, "overheats");
    let shown = session.script(
        "var p = document.getElementById('search-popup'); \
         return [p.querySelector('.search-hit-title').textContent, \
                 p.querySelector('.search-hit-excerpt').textContent, \
                 p.querySelectorAll('img').length, typeof window.__remedyXss]",
    );
    assert_eq!(shown[0], format!("Battery {HOSTILE} overheats"), "{shown}");
    assert!(shown[1].as_str().unwrap().contains(HOSTILE), "{shown}");
    assert_eq!(shown[2], 0, "an <img> element reached the results: {shown}");
    assert_eq!(shown[3], "undefined", "the injected handler ran: {shown}");

    // On the search page, which follows ?q=.
    let page = site.join("public/search/index.html");
    session.goto(&format!("{}?q=battery%20overheats", file_url(&page)));
    session.wait_for(
        "results on the search page",
        "return document.querySelector('#search-results .search-hit')",
    );
    let shown = session.script(
        "var r = document.getElementById('search-results'); \
         return [r.querySelector('.search-hit-title').textContent, r.querySelectorAll('img').length, \
                 typeof window.__remedyXss, document.getElementById('search-input').value]",
    );
    assert_eq!(shown[0], format!("Battery {HOSTILE} overheats"), "{shown}");
    assert_eq!(shown[1], 0, "{shown}");
    assert_eq!(shown[2], "undefined", "{shown}");
    assert_eq!(shown[3], "battery overheats", "{shown}");
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn the_client_api_works_over_http() {
    let site = hostile_site();
    let port = support::serve_folder(site.join("public"));
    let session = support::browser();
    session.goto(&format!("http://127.0.0.1:{port}/causes/low-battery/"));
    let results = session.async_script(
        "var done = arguments[arguments.length - 1]; \
         window.Remedy.search('error 9006', {limit: 3}).then(done, function (e) { done(String(e)); });",
    );
    let first = &results[0];
    assert_eq!(first["slug"], "errors/9006", "{results}");
    assert_eq!(first["kind"], "error", "{results}");
    assert_eq!(first["url"], "/errors/9006/", "{results}");
    assert!(
        first["title"].as_str().unwrap().contains("9006"),
        "{results}"
    );
    assert!(first["score"].as_f64().unwrap() > 0.0, "{results}");
    assert!(
        first["excerpt"].as_str().unwrap().contains("9006"),
        "{results}"
    );
    assert_eq!(results.as_array().unwrap().len(), 3, "{results}");

    // The search page over HTTP, reached by submitting the header's form.
    let input = session.find("#search-input").expect("a search field");
    session.send_keys(&input, "restor ");
    session.send_keys(&input, keys::ENTER);
    session.wait_for(
        "the search page's results",
        "return location.pathname === '/search/' && document.querySelector('#search-results .search-hit a')",
    );
    let top = session.script("return document.querySelector('#search-results .search-hit a').href");
    assert_eq!(
        top,
        format!("http://127.0.0.1:{port}/restore/restore-from-icloud-backup/")
    );
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn a_word_no_article_mentions_is_named_above_the_closest_results() {
    let site = hostile_site();
    let session = support::browser();
    session.goto(&file_url(&site.join("public/index.html")));

    // On the home page, in the list under the large field: the notice first, then the results
    // (read left to right, not centred like the hero), then the way to all of them.
    type_query(&session, "Viber messages not backing up");
    let shown = session.script(
        "var p = document.getElementById('search-popup'); \
         var notice = p.querySelector('.search-notice'); \
         var first = p.firstElementChild; \
         var all = p.querySelector('.search-all-link'); \
         return [notice && notice.textContent, first === notice, \
                 notice && notice.querySelector('a').href, \
                 getComputedStyle(p.querySelector('.search-hit-title')).textAlign, \
                 p.querySelectorAll('.search-hit').length, all && all.textContent, all && all.href, \
                 all && all.getAttribute('role')]",
    );
    let notice = shown[0].as_str().expect("a notice");
    assert!(
        notice.starts_with("No article mentions \u{201c}viber\u{201d}"),
        "{shown}"
    );
    assert_eq!(shown[1], true, "the notice comes first: {shown}");
    assert!(
        shown[2]
            .as_str()
            .unwrap()
            .ends_with("/troubleshoot/index.html"),
        "{shown}"
    );
    assert!(
        matches!(shown[3].as_str(), Some("left" | "start")),
        "results are left-aligned: {shown}"
    );
    assert_eq!(shown[4], 8, "{shown}");
    let all = shown[5].as_str().unwrap();
    assert!(
        all.starts_with("See all ") && all.ends_with(" results"),
        "{shown}"
    );
    assert!(
        shown[6]
            .as_str()
            .unwrap()
            .ends_with("/search/index.html?q=Viber+messages+not+backing+up"),
        "{shown}"
    );
    assert_eq!(shown[7], "option", "{shown}");

    // A query the site covers has no notice.
    type_query(&session, "icloud storage full");
    let notices =
        session.script("return document.querySelectorAll('#search-popup .search-notice').length");
    assert_eq!(notices, 0);

    // On the search page too, above the count and the results.
    let page = site.join("public/search/index.html");
    session.goto(&format!(
        "{}?q=airpods%20keep%20disconnecting",
        file_url(&page)
    ));
    session.wait_for(
        "results on the search page",
        "return document.querySelector('#search-results .search-hit')",
    );
    let shown = session.script(
        "var r = document.getElementById('search-results'); \
         return [r.firstElementChild.className, r.querySelector('.search-notice').textContent, \
                 r.querySelector('.search-count').textContent]",
    );
    assert_eq!(shown[0], "search-notice", "{shown}");
    assert!(
        shown[1]
            .as_str()
            .unwrap()
            .contains("\u{201c}airpods\u{201d}"),
        "{shown}"
    );
    assert!(
        shown[2]
            .as_str()
            .unwrap()
            .contains("for \u{201c}airpods keep disconnecting\u{201d}"),
        "{shown}"
    );

    // Markup typed into the query stays text, in the notice and in the count.
    let input = session.find("#search-input").expect("the page's field");
    session.clear(&input);
    session.send_keys(&input, &format!("viber {HOSTILE}"));
    session.wait_for(
        "the hostile query's answer",
        "var r = document.getElementById('search-results'); \
         return r.getAttribute('data-query') && r.getAttribute('data-query').indexOf('viber <img') === 0",
    );
    let shown = session.script(
        "var r = document.getElementById('search-results'); \
         return [r.querySelectorAll('img').length, typeof window.__remedyXss, \
                 r.querySelector('.search-notice') !== null]",
    );
    assert_eq!(shown[0], 0, "{shown}");
    assert_eq!(shown[1], "undefined", "{shown}");
    assert_eq!(shown[2], true, "{shown}");
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn filter_chips_narrow_the_search_page_by_kind_and_tag() {
    let site = support::TestSite::new("search-filters");
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let port = support::serve_folder(site.path("public"));
    let session = support::browser();
    session.goto(&format!("http://127.0.0.1:{port}/search/?q=battery"));
    session.wait_for(
        "results and chips",
        "return document.querySelector('#search-results .search-hit') && \
                document.querySelector('#search-filters .search-chip')",
    );
    let state = || {
        session.script(
            "return {slugs: Array.from(document.querySelectorAll('#search-results .search-hit a')) \
                       .map(function (a) { return new URL(a.href).pathname; }), \
                     pressed: Array.from(document.querySelectorAll('.search-chip[aria-pressed=true]')) \
                       .map(function (c) { return c.textContent; }), \
                     count: document.querySelector('.search-count').textContent, \
                     search: location.search}",
        )
    };
    let chips = session.script(
        "return Array.from(document.querySelectorAll('#search-filters .search-filter-group')).map( \
           function (g) { return [g.querySelector('.search-filter-label').textContent, \
             Array.from(g.querySelectorAll('.search-chip')).map(function (c) { return c.textContent; })]; })",
    );
    assert_eq!(
        chips,
        serde_json::json!([
            ["Kind", ["Guides", "Causes", "Fixes", "FAQ"]],
            ["Tags", ["iPad", "iPhone", "Mac"]]
        ])
    );
    let before = state();
    assert_eq!(before["slugs"].as_array().unwrap().len(), 5, "{before}");

    // A kind: only fixes, the chip pressed, the address keeps it.
    session.script(
        "Array.from(document.querySelectorAll('.search-chip')).filter(function (c) { \
           return c.textContent === 'Fixes'; })[0].click()",
    );
    session.wait_for(
        "the fixes only",
        "return document.querySelectorAll('#search-results .search-hit').length === 2",
    );
    let fixes = state();
    assert_eq!(
        fixes["slugs"],
        serde_json::json!(["/fixes/calibrate-battery/", "/fixes/restart-device/"]),
        "{fixes}"
    );
    assert_eq!(fixes["pressed"], serde_json::json!(["Fixes"]), "{fixes}");
    assert_eq!(fixes["search"], "?q=battery&kind=fix", "{fixes}");
    assert!(
        fixes["count"].as_str().unwrap().ends_with(" in Fixes"),
        "{fixes}"
    );

    // And a tag: fixes for the Mac.
    session.script(
        "Array.from(document.querySelectorAll('.search-chip')).filter(function (c) { \
           return c.textContent === 'Mac'; })[0].click()",
    );
    session.wait_for(
        "fixes for the Mac",
        "return document.querySelectorAll('#search-results .search-hit').length === 1",
    );
    let mac = state();
    assert_eq!(
        mac["slugs"],
        serde_json::json!(["/fixes/restart-device/"]),
        "{mac}"
    );
    assert_eq!(mac["search"], "?q=battery&kind=fix&tag=Mac", "{mac}");

    // The address alone brings the same page back, chips pressed.
    session.goto(&format!(
        "http://127.0.0.1:{port}/search/?q=battery&kind=fixes&tag=mac"
    ));
    session.wait_for(
        "the filtered page",
        "return document.querySelectorAll('#search-results .search-hit').length === 1 && \
                document.querySelectorAll('.search-chip[aria-pressed=true]').length === 2",
    );
    assert_eq!(state()["pressed"], serde_json::json!(["Fixes", "Mac"]));

    // Unpressing both gives every result back; `Remedy.query` filters the same way.
    session.script(
        "document.querySelectorAll('.search-chip[aria-pressed=true]').forEach(function (c) { c.click(); })",
    );
    session.wait_for(
        "every result again",
        "return document.querySelectorAll('#search-results .search-hit').length === 5",
    );
    let answer = session.async_script(
        "var done = arguments[arguments.length - 1]; \
         window.Remedy.query('battery', {filters: {kind: ['cause'], tags: ['iphone']}}) \
           .then(done, function (e) { done(String(e)); });",
    );
    assert_eq!(answer["query"], "battery", "{answer}");
    assert_eq!(answer["total"], 1, "{answer}");
    assert_eq!(answer["unmatched"], serde_json::json!([]), "{answer}");
    assert_eq!(
        answer["results"][0]["slug"], "causes/battery-drains",
        "{answer}"
    );
    assert_eq!(answer["results"][0]["kindSingular"], "Cause", "{answer}");
}

/// The search box's strings travel in the index's manifest; what it says when the index cannot
/// load is on every page, in the page's language.
#[test]
#[ignore = "needs chromium and chromedriver"]
fn an_index_that_cannot_load_is_said_in_the_page_s_words() {
    let root = support::scratch_dir("search-without-index");
    support::copy_bundled_site(&root);
    support::remedy(&root, &["build", "--quiet"]).expect_code(0);
    std::fs::remove_file(root.join("public/search/manifest.js")).unwrap();
    std::fs::remove_file(root.join("public/fr/search/manifest.js")).unwrap();
    let session = support::browser();
    for (page, said) in [
        (
            "public/index.html",
            "Search could not load its index. Browse the sections instead.",
        ),
        (
            "public/fr/index.html",
            "La recherche n’a pas pu charger son index. Parcourez plutôt les rubriques.",
        ),
    ] {
        session.goto(&file_url(&root.join(page)));
        let input = session.find("#search-input").expect("a search field");
        session.send_keys(&input, "backup");
        session.wait_for(
            "the search to give up",
            "var e = document.querySelector('#search-popup .search-empty'); \
             return !!e && e.textContent.length > 0",
        );
        let text = session
            .script("return document.querySelector('#search-popup .search-empty').textContent");
        assert_eq!(text, said, "{page}");
    }
}
