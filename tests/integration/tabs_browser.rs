//! The tabs' script (`js/tabs.js`) in headless Chromium, on the `authoring` fixture with a guide
//! of two tab sets that share a label, opened from `file://` URLs: each set becomes the
//! WAI-ARIA tabs pattern (roles, states, one panel shown, the static labels hidden); the arrow
//! keys, Home and End move between tabs and show them, Tab moves into the panel; picking a
//! label switches every set that has it and is remembered on the next page; a link to a
//! heading in a hidden panel shows it; printing shows every panel with its label.
//!
//! The test needs Chromium and chromedriver: it is ignored by a plain `cargo test` and run by
//! `cargo test -- --include-ignored`, as `.ci/run` does.

use serde_json::{Value, json};

use crate::support::webdriver::{Session, keys};
use crate::support::{self, TestSite};

/// The guide: two tab sets, both with a "Mac" tab, and a heading inside a tab.
const GUIDE: &str = "+++\ntitle = \"How backups work\"\nsummary = \"Where backups live and when they run.\"\ntags = [\"iPhone\", \"Wi-Fi\"]\nweight = 10\nupdated = 2026-11-04\n+++\n\n## Where backups live\n\nIn the cloud. See [the Windows way](#on-windows).\n\n=== \"iPhone\"\n\n    Phone first.\n\n=== \"Mac\"\n\n    Mac first.\n\n=== \"Windows\"\n\n    Windows first.\n\nBetween the sets.\n\n=== \"Mac\"\n\n    Mac second.\n\n=== \"Windows\"\n\n    ### On Windows\n\n    Windows second.\n\n## Starting one yourself\n\n{{#snippet back-up-now}}\n";

fn open(session: &Session, url: &str) {
    session.goto(url);
    session.wait_for(
        "the tabs' script",
        "return document.querySelectorAll('.tabs.tabs-ready').length > 0",
    );
}

/// For each tab set of the page: the labels of its tabs and the one selected.
fn selected(session: &Session) -> Value {
    session.script(
        "return Array.prototype.map.call(document.querySelectorAll('.tabs'), function (set) { \
           var tabs = set.querySelectorAll('[role=tab]'); \
           var on = Array.prototype.filter.call(tabs, function (t) { \
             return t.getAttribute('aria-selected') === 'true'; }); \
           return on.map(function (t) { return t.textContent; }).join(); })",
    )
}

/// The text of the focused element.
fn focused(session: &Session) -> Value {
    session.script("return document.activeElement.textContent.trim()")
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn tabs_follow_the_aria_pattern_switch_together_and_are_remembered() {
    let site = TestSite::new("authoring");
    site.write("content/guides/how-it-works.md", GUIDE);
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let url = |page: &str| format!("file://{}", site.path(&format!("public/{page}")).display());
    let guide = url("guides/how-it-works/index.html");
    let session = support::browser();
    open(&session, &guide);
    session.script("localStorage.clear(); return true");
    open(&session, &guide);

    // The WAI-ARIA tabs pattern: a tablist of tabs, each controlling its panel, one shown.
    let structure = session.script(
        "var set = document.querySelector('.tabs'); \
         var list = set.querySelector('[role=tablist]'); \
         var tabs = Array.prototype.slice.call(list.querySelectorAll('[role=tab]')); \
         return tabs.map(function (tab) { \
           var panel = document.getElementById(tab.getAttribute('aria-controls')); \
           return [tab.tagName, tab.textContent, tab.getAttribute('aria-selected'), tab.tabIndex, \
             panel.getAttribute('role'), panel.getAttribute('aria-labelledby') === tab.id, \
             panel.hidden, getComputedStyle(panel.querySelector('.tab-label')).display]; })",
    );
    assert_eq!(
        structure,
        json!([
            [
                "BUTTON", "iPhone", "true", 0, "tabpanel", true, false, "none"
            ],
            ["BUTTON", "Mac", "false", -1, "tabpanel", true, true, "none"],
            [
                "BUTTON", "Windows", "false", -1, "tabpanel", true, true, "none"
            ],
        ])
    );
    assert_eq!(selected(&session), json!(["iPhone", "Mac"]));

    // Keyboard: the arrows move and show (wrapping), Home and End go to the ends.
    session.script("document.querySelector('[role=tab][aria-selected=true]').focus(); return true");
    session.press(&[keys::ARROW_RIGHT]);
    assert_eq!(focused(&session), json!("Mac"));
    assert_eq!(selected(&session), json!(["Mac", "Mac"]), "Mac everywhere");
    session.press(&[keys::END]);
    assert_eq!(focused(&session), json!("Windows"));
    assert_eq!(selected(&session), json!(["Windows", "Windows"]));
    session.press(&[keys::ARROW_RIGHT]);
    assert_eq!(focused(&session), json!("iPhone"), "the arrows wrap");
    session.press(&[keys::ARROW_LEFT]);
    assert_eq!(focused(&session), json!("Windows"));
    session.press(&[keys::HOME]);
    assert_eq!(focused(&session), json!("iPhone"));
    assert_eq!(
        selected(&session),
        json!(["iPhone", "Windows"]),
        "a set without the label keeps its tab"
    );
    // Tab leaves the tab list for the shown panel.
    session.press(&[keys::TAB]);
    assert_eq!(
        session.script(
            "var e = document.activeElement; return [e.getAttribute('role'), e.innerText.trim()]"
        ),
        json!(["tabpanel", "Phone first."])
    );

    // A click picks the label in every set, and the next page with that label shows it.
    session.script(
        "document.querySelectorAll('.tabs')[1].querySelector('[role=tab]').click(); return true",
    );
    assert_eq!(selected(&session), json!(["Mac", "Mac"]));
    open(&session, &url("fixes/free-up-storage/index.html"));
    assert_eq!(
        selected(&session),
        json!(["Mac"]),
        "remembered across pages"
    );
    open(&session, &guide);
    assert_eq!(
        selected(&session),
        json!(["Mac", "Mac"]),
        "and on coming back"
    );

    // A link to a heading inside a hidden panel shows that panel.
    session.script("document.querySelector('a[href=\"#on-windows\"]').click(); return true");
    session.wait_for(
        "the panel holding the heading to show",
        "return !document.getElementById('on-windows').closest('[role=tabpanel]').hidden",
    );
    assert_eq!(selected(&session), json!(["Mac", "Windows"]));

    // Printing shows every panel, each with its label, and no tab list.
    session.cdp("Emulation.setEmulatedMedia", json!({"media": "print"}));
    let printed = session.script(
        "return [ \
           Array.prototype.every.call(document.querySelectorAll('.tab-panel'), function (p) { \
             return getComputedStyle(p).display !== 'none' \
               && getComputedStyle(p.querySelector('.tab-label')).display !== 'none'; }), \
           Array.prototype.every.call(document.querySelectorAll('[role=tablist]'), function (l) { \
             return getComputedStyle(l).display === 'none'; })]",
    );
    assert_eq!(printed, json!([true, true]));
    session.cdp("Emulation.setEmulatedMedia", json!({"media": ""}));

    // No Content-Security-Policy violation: the script sets no inline style.
    let violations = session.async_script(
        "var done = arguments[arguments.length - 1]; var seen = []; \
         document.addEventListener('securitypolicyviolation', function (e) { seen.push(e.violatedDirective); }); \
         document.querySelectorAll('[role=tab]')[2].click(); \
         setTimeout(function () { done(seen); }, 200);",
    );
    assert_eq!(violations, json!([]));
}
