//! The troubleshooter's script in headless Chromium, on the bundled site opened from `file://`
//! URLs: picking several symptoms ranks the causes by how many they explain, ticking fixes is
//! remembered across pages and reloads, and once every fix shown is tried the "Still stuck?"
//! box is pointed out. Uses the WebDriver client in `support::webdriver`.
//!
//! The test needs Chromium and chromedriver: it is ignored by a plain `cargo test` and run by
//! `cargo test -- --include-ignored`, as `.ci/run` does.

use serde_json::Value;

use crate::support::webdriver::Session;
use crate::support::{self, bundled_build};

fn open(session: &Session, url: &str) {
    session.goto(url);
    session.wait_for(
        "the troubleshooter's script",
        "var t = document.getElementById('troubleshooter'); \
         return t && t.getAttribute('data-ready') === 'true'",
    );
}

/// The visible cause blocks: `[slug, text of their "explains" note]`.
fn visible_causes(session: &Session) -> Vec<(String, String)> {
    let value = session.script(
        "return Array.prototype.filter.call(document.querySelectorAll('.cause-block'), \
           function (b) { return !b.hidden; }).map(function (b) { \
           var n = b.querySelector('.ts-explains'); \
           return [b.getAttribute('data-cause'), n ? n.textContent : '']; })",
    );
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| {
            (
                pair[0].as_str().unwrap().to_string(),
                pair[1].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn status(session: &Session) -> String {
    session
        .script("return document.getElementById('ts-status').textContent")
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn a_reader_picks_symptoms_ticks_fixes_and_is_sent_on_when_stuck() {
    let dir = &bundled_build().dir;
    let index = format!("file://{}", dir.join("troubleshoot/index.html").display());
    let session = support::browser();
    open(&session, &index);
    session.script("localStorage.clear(); return true");
    open(&session, &index);

    // Symptoms are checkboxes; with none picked every cause is listed.
    let pickers = session.script("return document.querySelectorAll('input.ts-pick').length");
    assert!(pickers.as_u64().unwrap() > 50, "{pickers}");
    assert_eq!(visible_causes(&session).len(), 10);
    assert!(
        status(&session).starts_with("Pick what you see"),
        "{}",
        status(&session)
    );

    // Two symptoms: the cause explaining both comes first, then those explaining one, by weight.
    for slug in ["backup-stops-halfway", "battery-died-during-backup"] {
        session.script(&format!(
            "document.getElementById('ts-pick-{slug}').click(); return true"
        ));
    }
    let causes = visible_causes(&session);
    assert_eq!(
        causes[0],
        (
            "causes/low-battery".to_string(),
            "Explains 2 of your 2 symptoms".to_string()
        ),
        "{causes:?}"
    );
    assert!(causes.len() > 1 && causes.len() < 10, "{causes:?}");
    assert!(
        causes[1..]
            .iter()
            .all(|(_, note)| note == "Explains 1 of your 2 symptoms"),
        "{causes:?}"
    );
    let heading = session.script("return document.getElementById('ts-causes-heading').textContent");
    assert_eq!(heading, Value::from("Likely causes"));

    // Tick the first fix of the first cause: it is remembered, everywhere it is listed.
    let fix = session.script(
        "var box = document.querySelector('.cause-block:not([hidden]) .ts-tried'); \
         box.click(); return box.value",
    );
    let fix = fix.as_str().unwrap().to_string();
    session.wait_for(
        "the fix to show as tried",
        &format!(
            "var items = document.querySelectorAll('.fix-item[data-fix=\"{fix}\"]'); \
             return Array.prototype.every.call(items, function (i) {{ \
               return i.classList.contains('is-tried'); }})"
        ),
    );
    assert!(
        status(&session).contains("left to try"),
        "{}",
        status(&session)
    );

    // A reload keeps the symptoms picked and the fix tried.
    open(&session, &index);
    let picked = session.script(
        "return Array.prototype.filter.call(document.querySelectorAll('input.ts-pick'), \
           function (b) { return b.checked; }).map(function (b) { return b.value; }).sort()",
    );
    assert_eq!(
        picked,
        serde_json::json!(["backup-stops-halfway", "battery-died-during-backup"])
    );
    let checked = session.script(&format!(
        "return document.querySelector('.fix-item[data-fix=\"{fix}\"] .ts-tried').checked"
    ));
    assert_eq!(checked, Value::Bool(true));

    // Having tried every fix shown, the reader is pointed at "Still stuck?".
    session.script(
        "Array.prototype.forEach.call( \
           document.querySelectorAll('.cause-block:not([hidden]) .ts-tried'), \
           function (b) { if (!b.checked) b.click(); }); return true",
    );
    session.wait_for(
        "the still-stuck box to be pointed out",
        "return document.getElementById('still-stuck').classList.contains('is-highlighted')",
    );
    assert!(
        status(&session).contains("Still stuck?"),
        "{}",
        status(&session)
    );
    // From `file://`, the site's script points the link at the page's file.
    let escalation = session.script("return document.querySelector('#still-stuck a').href");
    assert!(
        escalation
            .as_str()
            .unwrap()
            .ends_with("/fixes/contact-apple-support/index.html"),
        "{escalation}"
    );

    // A symptom page shows the same tried fixes, and `?symptoms=` preselects on the index.
    let symptom = format!(
        "file://{}",
        dir.join("troubleshoot/error-9006.html").display()
    );
    open(&session, &symptom);
    let tried = session.script("return document.querySelectorAll('.fix-item.is-tried').length");
    assert!(tried.as_u64().unwrap() > 0, "{tried}");
    open(&session, &format!("{index}?symptoms=error-9006"));
    let causes: Vec<String> = visible_causes(&session).into_iter().map(|c| c.0).collect();
    assert_eq!(
        causes,
        ["causes/icloud-storage-full", "causes/backup-too-large"]
    );

    // "Forget the fixes I tried" clears them.
    session.script("document.querySelector('.ts-forget').click(); return true");
    let tried = session.script("return document.querySelectorAll('.fix-item.is-tried').length");
    assert_eq!(tried, Value::from(0));

    // The print view gets a print button.
    let print = format!(
        "file://{}",
        dir.join("causes/icloud-storage-full/print.html").display()
    );
    session.goto(&print);
    session.wait_for(
        "the print button",
        "return !!document.querySelector('.print-button')",
    );
}
