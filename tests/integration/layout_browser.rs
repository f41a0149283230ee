//! The bundled site's layout on phones, in headless Chromium with a phone's viewport emulated:
//! no page of any kind (pages of lists split by `[build] paginate` too) scrolls sideways on a
//! 320px screen; the header is one row with the
//! sections behind a menu button; and on the troubleshooter, ticking a symptom on a 390×844
//! phone puts a link to its most likely cause on screen at once (on a desktop, the causes
//! stand beside the symptoms). Printed, a page is its content: no navigation, search, menus
//! or buttons, and boxes without their coloured backgrounds, in either colour scheme.
//!
//! The tests need Chromium and chromedriver: they are ignored by a plain `cargo test` and run by
//! `cargo test -- --include-ignored`, as `.ci/run` does.

use serde_json::{Value, json};

use crate::support::webdriver::Session;
use crate::support::{self, bundled_build, portable_build};

/// A page of every kind (the troubleshooter with symptoms ticked, search with results).
const PAGES: [&str; 20] = [
    "index.html",
    "guides/index.html",
    "causes/index.html",
    "fixes/index.html",
    "errors/index.html",
    "guides/how-icloud-backup-works/index.html",
    "causes/icloud-storage-full/index.html",
    "fixes/free-up-icloud-storage/index.html",
    "practices/keep-icloud-storage-free/index.html",
    "restore/restore-from-icloud-backup/index.html",
    "errors/9006/index.html",
    "faq/why-does-backup-fail/index.html",
    "troubleshoot/index.html",
    "troubleshoot/index.html?symptoms=icloud-storage-full,backup-stops-halfway,error-9006",
    "troubleshoot/icloud-storage-full.html",
    "causes/icloud-storage-full/print.html",
    "search/index.html?q=backup%20fails",
    "search/index.html?q=zzzz%20nothing",
    "practices/index.html",
    "faq/index.html",
];

/// Emulates a phone's (or a desktop's) screen for the pages opened next.
fn screen(session: &Session, width: u32, height: u32) {
    session.cdp(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 800}),
    );
}

/// Opens a page from `file://` and waits for its scripts to have done their work.
fn open(session: &Session, url: &str) {
    session.goto(url);
    session.wait_for(
        "the page and its scripts",
        "if (document.readyState !== 'complete') return false; \
         var t = document.getElementById('troubleshooter'); \
         if (t && document.querySelector('script[src*=\"troubleshoot.js\"]') && \
             t.getAttribute('data-ready') !== 'true') return false; \
         var r = document.getElementById('search-results'); \
         if (r && location.search && !r.hasAttribute('data-query')) return false; \
         return true",
    );
}

/// The elements sticking out past the right edge of the screen (outside a scrolling box).
const OVERFLOWING: &str = r#"
var width = document.documentElement.clientWidth, found = [];
function scrolls(e) {
  for (var p = e.parentElement; p && p !== document.body; p = p.parentElement) {
    var o = getComputedStyle(p).overflowX;
    if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
  }
  return false;
}
document.querySelectorAll('body *').forEach(function (e) {
  var r = e.getBoundingClientRect();
  if (r.width && r.right > width + 0.5 && !scrolls(e)) {
    found.push(e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '') +
      ' right=' + Math.round(r.right));
  }
});
return {scrollWidth: document.documentElement.scrollWidth, width: width, found: found.slice(0, 8)};
"#;

#[test]
#[ignore = "needs chromium and chromedriver"]
fn no_page_scrolls_sideways_on_a_320px_phone() {
    let session = support::browser();
    screen(&session, 320, 640);
    let mut urls: Vec<String> = PAGES
        .iter()
        .map(|page| format!("file://{}/{page}", bundled_build().dir.display()))
        .collect();
    // The 404 page links from the site's base path; opened from a disk, the portable one works.
    urls.push(format!("file://{}/404.html", portable_build().display()));
    // Pages of split lists, with their pagers (see `crate::pagination`).
    let split = crate::pagination::split_build();
    for page in [
        "fixes/index.html",
        "fixes/page/4/index.html",
        "errors/page/2/index.html",
        "fr/tags/sauvegarde-icloud/page/5/index.html",
    ] {
        urls.push(format!("file://{}/{page}", split.display()));
    }
    for url in &urls {
        open(&session, url);
        let measured = session.script(OVERFLOWING);
        assert!(
            measured["scrollWidth"].as_f64() <= measured["width"].as_f64()
                && measured["found"].as_array().is_some_and(Vec::is_empty),
            "{url} scrolls sideways at 320px: {measured}"
        );
    }
    // With the menu open too.
    open(&session, &urls[6]);
    session.tap(&session.find(".menu-button").unwrap());
    let measured = session.script(OVERFLOWING);
    assert_eq!(measured["found"], json!([]), "the open menu: {measured}");
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn the_phone_header_is_one_row_with_the_sections_behind_a_menu_button() {
    let session = support::browser();
    screen(&session, 390, 844);
    let dir = &bundled_build().dir;
    open(
        &session,
        &format!(
            "file://{}/causes/icloud-storage-full/index.html",
            dir.display()
        ),
    );
    let header = session.script(
        "function box(s) { var r = document.querySelector(s).getBoundingClientRect(); \
           return [Math.round(r.top), Math.round(r.bottom), Math.round(r.height)]; } \
         return {header: box('.site-header'), brand: box('.brand'), search: box('#search-input'), \
           menu: box('.menu-button'), nav: getComputedStyle(document.getElementById('site-nav')).display}",
    );
    let height = header["header"][2].as_i64().unwrap();
    assert!(height <= 72, "the header is {height}px tall: {header}");
    let middle =
        |name: &str| (header[name][0].as_i64().unwrap() + header[name][1].as_i64().unwrap()) / 2;
    for part in ["brand", "search", "menu"] {
        assert!(
            (middle(part) - middle("menu")).abs() <= 4,
            "{part} is not on the header's row: {header}"
        );
    }
    assert_eq!(header["nav"], json!("none"), "{header}");
    // The button opens every section, and Escape closes them.
    session.tap(&session.find(".menu-button").unwrap());
    let open_menu = session.script(
        "var links = document.querySelectorAll('#site-nav ul a'); \
         return {expanded: document.querySelector('.menu-button').getAttribute('aria-expanded'), \
           shown: Array.prototype.filter.call(links, function (a) { \
             var r = a.getBoundingClientRect(); return r.height > 0 && r.bottom <= innerHeight; }).length, \
           links: links.length}",
    );
    assert_eq!(open_menu["expanded"], json!("true"), "{open_menu}");
    assert!(
        open_menu["shown"].as_u64() >= Some(8) && open_menu["shown"] == open_menu["links"],
        "{open_menu}"
    );
    session.press(&[crate::support::webdriver::keys::ESCAPE]);
    let closed =
        session.script("return getComputedStyle(document.getElementById('site-nav')).display");
    assert_eq!(closed, json!("none"));
}

/// A link to a cause page that the reader can see without scrolling: inside the screen and
/// not covered by anything else. Its text, or null.
const CAUSE_LINK_IN_SIGHT: &str = r#"
var links = document.querySelectorAll('main a[href*="causes/"]');
for (var i = 0; i < links.length; i++) {
  // A link wrapped onto two lines is in sight when its first line is.
  var a = links[i], r = a.getClientRects()[0] || a.getBoundingClientRect(), href = a.getAttribute('href');
  if (!/causes\/[^\/]+\/(index\.html)?$/.test(href) || !r.width || !r.height) continue;
  if (r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth) continue;
  var top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  if (top && (top === a || a.contains(top))) return a.textContent;
}
return null;
"#;

#[test]
#[ignore = "needs chromium and chromedriver"]
fn ticking_a_symptom_shows_its_likely_cause_without_scrolling() {
    let session = support::browser();
    let url = format!(
        "file://{}/troubleshoot/index.html",
        bundled_build().dir.display()
    );
    for (width, height) in [(390, 844), (1366, 900)] {
        screen(&session, width, height);
        open(&session, &url);
        session.script("localStorage.clear(); return true");
        open(&session, &url);
        let label = session
            .find("label[for='ts-pick-icloud-storage-full']")
            .expect("the symptom's label");
        session.tap(&label);
        session.wait_for(
            "the tick to count",
            "return document.getElementById('ts-pick-icloud-storage-full').checked",
        );
        let scrolled = session.script("return window.scrollY");
        let seen = session.wait_for("a cause link in sight", CAUSE_LINK_IN_SIGHT);
        assert_eq!(
            seen,
            Value::from("Not enough iCloud storage"),
            "{width}×{height}, scrolled {scrolled}"
        );
        if width < 800 {
            let bar = session.script(
                "var b = document.querySelector('.ts-bar'); \
                 return b && !b.hidden ? b.textContent : null",
            );
            assert!(
                bar.as_str()
                    .is_some_and(|t| t.starts_with("1 likely cause")),
                "{bar}"
            );
            // "Show" leads down to the causes, and the bar steps aside.
            session.tap(&session.find(".ts-bar-show").unwrap());
            session.wait_for(
                "the causes on screen and the bar gone",
                "var r = document.getElementById('ts-causes').getBoundingClientRect(); \
                 return r.top < innerHeight && document.querySelector('.ts-bar').hidden",
            );
        }
    }
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn printed_pages_leave_out_the_site_s_chrome_and_the_boxes_backgrounds() {
    let session = support::browser();
    let dir = &bundled_build().dir;
    for scheme in ["light", "dark"] {
        session.cdp(
            "Emulation.setEmulatedMedia",
            json!({"media": "print", "features": [{"name": "prefers-color-scheme", "value": scheme}]}),
        );
        for page in [
            "causes/icloud-storage-full/index.html",
            "errors/9006/index.html",
            "troubleshoot/index.html",
        ] {
            open(&session, &format!("file://{}/{page}", dir.display()));
            let printed = session.script(
                "function shown(s) { return Array.prototype.some.call(document.querySelectorAll(s), \
                   function (e) { return getComputedStyle(e).display !== 'none'; }); } \
                 var boxes = document.querySelectorAll('.alert, .troubleshoot-entry, .still-stuck, .cause-block'); \
                 return {chrome: ['.site-nav', '.search-form', '.menu-button', '.breadcrumbs', '.pager', \
                   '.toc', '.footer-nav', '.print-link', '.ts-bar', '.ts-tools'].filter(shown), \
                   backgrounds: Array.prototype.map.call(boxes, function (e) { \
                     return getComputedStyle(e).backgroundColor; }).filter(function (c) { \
                     return c !== 'rgba(0, 0, 0, 0)' && c !== 'rgb(255, 255, 255)'; }), \
                   boxes: boxes.length, \
                   text: getComputedStyle(document.body).color}",
            );
            assert_eq!(printed["chrome"], json!([]), "{scheme} {page}: {printed}");
            assert_eq!(
                printed["backgrounds"],
                json!([]),
                "{scheme} {page}: {printed}"
            );
            assert_eq!(
                printed["text"],
                json!("rgb(0, 0, 0)"),
                "{scheme} {page}: {printed}"
            );
        }
    }
}
