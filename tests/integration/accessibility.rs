//! The bundled site in headless Chromium: axe-core finds no violation on the home page, a kind
//! index, a cause, two fixes with tabs, the tag index and a tag page, the restore procedure and
//! the search page with results open, pages of lists split by `[build] paginate` with their
//! pagers (on a phone too), in the
//! light and in the dark colour scheme (colour contrast included); the reader can reach search
//! and open an answer with the keyboard alone, seeing where the focus is at every step; and no
//! page reports a Content-Security-Policy violation.
//!
//! axe-core comes from npm, pinned in `tests/browser/package.json` and its lock file, and is
//! installed into `tests/browser/node_modules` by `.ci/run` (`npm ci`). Chromium is driven
//! through the WebDriver client in `support::webdriver`. The tests need Chromium and
//! chromedriver (and the axe test axe-core): they are ignored by a plain `cargo test` and run
//! by `cargo test -- --include-ignored`, as `.ci/run` does.

use serde_json::{Value, json};

use crate::support::webdriver::{Session, keys};
use crate::support::{self, bundled_build};

/// The pages checked, as paths in the build dir (`?q=` opens the search page's results, here
/// with a word no article mentions and a kind chip pressed, `?symptoms=` the troubleshooter
/// with symptoms picked).
const PAGES: [&str; 12] = [
    "index.html",
    "causes/index.html",
    "causes/icloud-storage-full/index.html",
    // Tabs (made WAI-ARIA tabs by js/tabs.js) and an illustration of the article's folder.
    "fixes/free-up-icloud-storage/index.html",
    "fixes/update-ios/index.html",
    "tags/index.html",
    "tags/icloud-storage/index.html",
    "restore/restore-from-icloud-backup/index.html",
    "search/index.html?q=viber%20backup%20fails&kind=faq",
    "troubleshoot/index.html?symptoms=backup-stops-halfway,battery-died-during-backup",
    "troubleshoot/error-9006.html",
    "causes/icloud-storage-full/print.html",
];

fn url(page: &str) -> String {
    format!("file://{}/{page}", bundled_build().dir.display())
}

/// Pages of lists split by `[build] paginate` (the bundled site at two articles a page, see
/// [`crate::pagination`]): a kind's cards, the error table and a tag's cards, each with its
/// pager, checked like [`PAGES`] and on a phone.
const SPLIT_PAGES: [&str; 3] = [
    "fixes/page/4/index.html",
    "errors/page/2/index.html",
    "tags/battery/page/2/index.html",
];

fn split_url(page: &str) -> String {
    format!(
        "file://{}/{page}",
        crate::pagination::split_build().display()
    )
}

/// Switches `prefers-color-scheme` through the DevTools protocol.
fn emulate_scheme(session: &Session, scheme: &str) {
    session.cdp(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
    );
    let applied = session.script(&format!(
        "return matchMedia('(prefers-color-scheme: {scheme})').matches"
    ));
    assert_eq!(applied, true, "the {scheme} scheme was not applied");
}

/// Runs axe, then decides by hand the colour-contrast checks axe leaves open because a
/// pseudo-element (a step number's badge) sits beside the text: the text colour against the
/// first opaque background behind it, 4.5:1 (3:1 for large text). Checks left open because the
/// header's result list covers the text are not contrast problems of that text; the same page
/// is checked without the list open.
const AXE_RUN: &str = r#"
var done = arguments[arguments.length - 1];
function rgb(text) {
  var m = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)/.exec(text);
  return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null;
}
function luminance(c) {
  var v = c.slice(0, 3).map(function (x) {
    x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}
function background(el) {
  for (var e = el; e; e = e.parentElement) {
    var c = rgb(getComputedStyle(e).backgroundColor);
    if (c && c[3] >= 1) return c;
  }
  return rgb(getComputedStyle(document.documentElement).backgroundColor) || [255, 255, 255, 1];
}
function byHand(el) {
  var s = getComputedStyle(el), fg = rgb(s.color), bg = background(el);
  if (!fg || fg[3] < 1) return {ok: false, why: 'colour ' + s.color};
  var hi = Math.max(luminance(fg), luminance(bg)), lo = Math.min(luminance(fg), luminance(bg));
  var ratio = (hi + 0.05) / (lo + 0.05);
  var size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight, 10) >= 700;
  var need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
  return {ok: ratio >= need, why: ratio.toFixed(2) + ':1 (' + s.color + ' on rgb(' + bg.slice(0, 3) + '), needs ' + need + ')'};
}
axe.run(document, {resultTypes: ['violations', 'incomplete']}).then(function (r) {
  var violations = r.violations.map(function (v) {
    return v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(function (n) {
      return n.target.join(' ') + ' [' + n.failureSummary + ']';
    }).join('; ');
  });
  var open = [], decided = 0;
  r.incomplete.forEach(function (v) {
    v.nodes.forEach(function (n) {
      var key = ((n.any[0] || {}).data || {}).messageKey;
      if (v.id === 'color-contrast' && key === 'pseudoContent') {
        var result = byHand(document.querySelector(n.target.join(' ')));
        decided += 1;
        if (!result.ok) violations.push('color-contrast (by hand): ' + n.target.join(' ') + ' ' + result.why);
      } else {
        open.push(v.id + ' ' + n.target.join(' ') + ': ' + key);
      }
    });
  });
  done({violations: violations, passes: r.passes.length, decided: decided, open: open});
}, function (e) { done({error: String(e)}); });
"#;

/// What axe found on the open page.
struct AxeResult {
    /// Violations, as readable lines.
    violations: Vec<String>,
    /// Rules that passed.
    passes: usize,
    /// Contrast checks axe left open that [`AXE_RUN`] decided by hand.
    decided: usize,
    /// Checks still open (`rule target: reason`).
    open: Vec<String>,
}

/// Runs axe on the open page.
fn axe_violations(session: &Session, axe: &str) -> AxeResult {
    if session.script("return typeof axe") != "object" {
        session.script(&format!("{axe}\nreturn true;"));
    }
    let result = session.async_script(AXE_RUN);
    assert!(result.get("error").is_none(), "axe failed: {result}");
    let strings = |key: &str| -> Vec<String> {
        result[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    AxeResult {
        violations: strings("violations"),
        passes: result["passes"].as_u64().unwrap_or(0) as usize,
        decided: result["decided"].as_u64().unwrap_or(0) as usize,
        open: strings("open"),
    }
}

/// Content-Security-Policy violations the page has reported since it loaded.
pub fn csp_violations(session: &Session) -> Vec<String> {
    let reports = session.async_script(
        "var done = arguments[arguments.length - 1]; \
         if (typeof ReportingObserver === 'undefined') { done(['no ReportingObserver']); return; } \
         var seen = []; \
         var keep = function (list) { list.forEach(function (r) { \
           seen.push((r.body.effectiveDirective || '') + ' blocked ' + (r.body.blockedURL || '') + \
                     ' at ' + (r.body.sourceFile || '') + ':' + (r.body.lineNumber || '')); }); }; \
         var observer = new ReportingObserver(keep, {types: ['csp-violation'], buffered: true}); \
         observer.observe(); \
         setTimeout(function () { keep(observer.takeRecords()); observer.disconnect(); done(seen); }, 200);",
    );
    reports
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap_or_default().to_string())
        .collect()
}

fn wait_for_results(session: &Session, page: &str) {
    if page.starts_with("search/") {
        session.wait_for(
            "results on the search page",
            "return document.querySelector('#search-results .search-hit')",
        );
    }
    if page.starts_with("troubleshoot/") {
        session.wait_for(
            "the troubleshooter's script",
            "var t = document.getElementById('troubleshooter'); \
             return t && t.getAttribute('data-ready') === 'true'",
        );
    }
    if page.ends_with("/print.html") {
        session.wait_for(
            "the print button",
            "return document.querySelector('.print-button')",
        );
    }
}

#[test]
#[ignore = "needs chromium, chromedriver and axe-core (npm ci in tests/browser)"]
fn axe_finds_no_violations_in_light_and_dark() {
    let axe = support::axe_source();
    let session = support::browser();
    let mut problems = Vec::new();
    let mut summary = Vec::new();
    for scheme in ["light", "dark"] {
        emulate_scheme(&session, scheme);
        let pages = PAGES
            .iter()
            .map(|page| (url(page), page.to_string()))
            .chain(
                SPLIT_PAGES
                    .iter()
                    .map(|page| (split_url(page), format!("(paginate = 2) {page}"))),
            );
        for (address, page) in pages {
            session.goto(&address);
            wait_for_results(&session, &page);
            let found = axe_violations(&session, &axe);
            summary.push(format!(
                "{scheme} {page}: {} violations, {} rules passed, {} contrast checks decided by \
                 hand, open: {:?}",
                found.violations.len(),
                found.passes,
                found.decided,
                found.open
            ));
            // axe looked at the page: rules passed as well as none failed.
            assert!(found.passes > 0, "{scheme} {page}: axe passed no rule");
            // Only the header's list may leave checks open (the text it covers).
            problems.extend(
                found
                    .open
                    .iter()
                    .map(|o| format!("{scheme} {page}: open {o}")),
            );
            problems.extend(
                found
                    .violations
                    .into_iter()
                    .map(|v| format!("{scheme} {page}: {v}")),
            );
        }
        // The header's result list, open over the home page.
        session.goto(&url("index.html"));
        let input = session.find("#search-input").expect("a search field");
        session.send_keys(&input, "backup stops");
        session.wait_for(
            "results under the header's field",
            "var p = document.getElementById('search-popup'); return p && !p.hidden && p.querySelector('.search-hit')",
        );
        session.send_keys(&input, keys::ARROW_DOWN);
        let found = axe_violations(&session, &axe);
        summary.push(format!(
            "{scheme} home with results open: {} violations, {} rules passed, {} contrast checks \
             decided by hand, {} open (text under the list, or the list's scrolling)",
            found.violations.len(),
            found.passes,
            found.decided,
            found.open.len()
        ));
        problems.extend(
            found
                .open
                .iter()
                .filter(|o| {
                    let covered = o.starts_with("color-contrast") && o.ends_with(": bgOverlap");
                    let list_scrolls = o.starts_with("scrollable-region-focusable #search-popup");
                    !(covered || list_scrolls)
                })
                .map(|o| format!("{scheme} home with results open: open {o}")),
        );
        problems.extend(
            found
                .violations
                .into_iter()
                .map(|v| format!("{scheme} home with results open: {v}")),
        );
        // On a phone: the menu open, the troubleshooter's bar after a tick, its filter
        // matching nothing.
        session.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true}),
        );
        let phone_states: [(&str, &str, &str); 3] = [
            (
                "causes/icloud-storage-full/index.html",
                "menu open",
                "document.querySelector('.menu-button').click(); return true",
            ),
            (
                "troubleshoot/index.html",
                "a symptom ticked",
                "localStorage.clear(); \
                 document.getElementById('ts-pick-icloud-storage-full').click(); return true",
            ),
            (
                "troubleshoot/index.html",
                "filtered to nothing",
                "var f = document.getElementById('ts-filter-input'); f.value = 'zzz'; \
                 f.dispatchEvent(new Event('input')); return true",
            ),
        ];
        for page in SPLIT_PAGES {
            session.goto(&split_url(page));
            let found = axe_violations(&session, &axe);
            summary.push(format!(
                "{scheme} phone (paginate = 2) {page}: {} violations, {} rules passed",
                found.violations.len(),
                found.passes
            ));
            problems.extend(
                found
                    .open
                    .iter()
                    .chain(&found.violations)
                    .map(|v| format!("{scheme} phone (paginate = 2) {page}: {v}")),
            );
        }
        for (page, state, setup) in phone_states {
            session.goto(&url(page));
            wait_for_results(&session, page);
            session.script(setup);
            let found = axe_violations(&session, &axe);
            summary.push(format!(
                "{scheme} phone {page}, {state}: {} violations, {} rules passed",
                found.violations.len(),
                found.passes
            ));
            // The open menu covers the text under it: axe leaves that text's contrast open.
            let covered = |o: &&String| {
                state == "menu open"
                    && o.starts_with("color-contrast")
                    && o.ends_with(": bgOverlap")
            };
            problems.extend(
                found
                    .open
                    .iter()
                    .filter(|o| !covered(o))
                    .chain(&found.violations)
                    .map(|v| format!("{scheme} phone {page}, {state}: {v}")),
            );
        }
        session.cdp("Emulation.clearDeviceMetricsOverride", json!({}));
    }
    println!("axe-core:\n  {}", summary.join("\n  "));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn no_page_reports_a_content_security_policy_violation() {
    let session = support::browser();
    // The detector works: an inline style the policy forbids is reported.
    session.goto(&url("index.html"));
    session.script(
        "var d = document.createElement('div'); d.setAttribute('style', 'color: red'); \
         document.body.appendChild(d); return true;",
    );
    let reports = csp_violations(&session);
    assert!(
        reports.iter().any(|r| r.starts_with("style-src")),
        "a forbidden inline style was not reported: {reports:?}"
    );
    let mut problems = Vec::new();
    for page in PAGES.iter().chain(&["404.html", "faq/index.html"]) {
        session.goto(&url(page));
        wait_for_results(&session, page);
        if *page == "index.html" {
            let input = session.find("#search-input").expect("a search field");
            session.send_keys(&input, "error 9006");
            session.wait_for(
                "results under the header's field",
                "var p = document.getElementById('search-popup'); return p && !p.hidden && p.querySelector('.search-hit')",
            );
        }
        problems.extend(
            csp_violations(&session)
                .into_iter()
                .map(|r| format!("{page}: {r}")),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// What has the focus, and whether it shows: how it and its parent look focused is compared
/// with how they look once it is blurred (outline, shadow, border, background, text).
fn focused(session: &Session) -> Value {
    session.script(
        "var e = document.activeElement; \
         var look = function (el) { if (!el) return ''; var s = getComputedStyle(el); \
           return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor, \
                   s.backgroundColor, s.color, s.textDecorationLine].join('|'); }; \
         var both = function () { return look(e) + ' / ' + look(e.parentElement); }; \
         var focused = both(); e.blur(); var blurred = both(); e.focus({preventScroll: true}); \
         return {id: e.id, tag: e.tagName, text: (e.textContent || '').trim().slice(0, 40), \
                 href: e.getAttribute('href'), visible: focused !== blurred, \
                 refocused: document.activeElement === e};",
    )
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn a_reader_searches_and_opens_an_answer_with_the_keyboard_alone() {
    let session = support::browser();
    for scheme in ["light", "dark"] {
        emulate_scheme(&session, scheme);
        session.goto(&url("causes/index.html"));

        // Tab from the top of the page: the skip links first, then the search field.
        let mut walk = Vec::new();
        let mut reached = false;
        for _ in 0..6 {
            session.press(&["\u{E004}"]); // Tab
            let now = focused(&session);
            assert_eq!(
                now["visible"], true,
                "{scheme}: the focus is not visible on {now}"
            );
            walk.push(now.clone());
            if now["id"] == "search-input" {
                reached = true;
                break;
            }
        }
        assert!(
            reached,
            "{scheme}: Tab never reached the search field: {walk:?}"
        );
        assert_eq!(
            walk[0]["href"], "#main",
            "{scheme}: the first stop: {walk:?}"
        );

        // Type, move through the results with the arrows, open one with Enter.
        let input = session.find("#search-input").expect("a search field");
        session.send_keys(&input, "backup half");
        session.wait_for(
            "results under the field",
            "var p = document.getElementById('search-popup'); return p && !p.hidden && p.querySelector('.search-hit')",
        );
        session.press(&[keys::ARROW_DOWN]);
        session.press(&[keys::ARROW_DOWN]);
        session.press(&["\u{E013}"]); // Arrow up
        let state = session.script(
            "var i = document.getElementById('search-input'); \
             return [i.getAttribute('aria-expanded'), i.getAttribute('aria-activedescendant'), \
                     document.activeElement === i, \
                     document.getElementById('search-hit-0').getAttribute('aria-selected')]",
        );
        assert_eq!(
            state,
            json!(["true", "search-hit-0", true, "true"]),
            "{scheme}: arrows should select the first result and keep typing in the field"
        );
        let href = session.script("return document.getElementById('search-hit-0').href");
        session.press(&[keys::ENTER]);
        session.wait_for(
            "Enter to open the selected answer",
            &format!("return location.href === {href}"),
        );
        let heading = session.script(
            "return document.querySelector('h1') && document.querySelector('h1').textContent",
        );
        assert!(
            heading.as_str().is_some_and(|h| !h.is_empty()),
            "{scheme}: {heading}"
        );

        // On the answer, the skip link takes the focus to the content.
        session.press(&["\u{E004}"]);
        assert_eq!(focused(&session)["href"], "#main");
        session.press(&[keys::ENTER]);
        session.wait_for(
            "the skip link to move the focus to the content",
            "return document.activeElement && document.activeElement.id === 'main'",
        );
    }
}
