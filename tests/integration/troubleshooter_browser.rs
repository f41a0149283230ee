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

/// Opens every "more" of the symptoms and waits until each of the `all` symptoms is a checkbox.
fn open_every_more(session: &Session, all: u64) {
    assert!(all > 50, "{all} symptoms");
    session.script(
        "Array.prototype.forEach.call(document.querySelectorAll('.ts-more-symptoms'), \
           function (d) { d.open = true; }); return true",
    );
    session.wait_for(
        "every symptom as a checkbox",
        &format!("return document.querySelectorAll('input.ts-pick').length === {all}"),
    );
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

    // The symptoms shown are checkboxes; those behind "more" become checkboxes when first
    // shown, by the filter or by opening "more"; with none picked every cause is listed.
    let counts = session.script(
        "return [document.querySelectorAll('li[data-symptom]').length, \
           document.querySelectorAll('input.ts-pick').length, \
           document.querySelectorAll('.ts-more-symptoms li[data-symptom]:not(.ts-pickable)').length]",
    );
    let (all, pickers, waiting) = (
        counts[0].as_u64().unwrap(),
        counts[1].as_u64().unwrap(),
        counts[2].as_u64().unwrap(),
    );
    assert!(
        all > 50 && waiting > 10 && pickers + waiting == all,
        "{counts}"
    );
    session.script(
        "var f = document.getElementById('ts-filter-input'); f.value = 'forever'; \
         f.dispatchEvent(new Event('input')); return true",
    );
    let found = session.wait_for(
        "a symptom behind \"more\" found by the filter, as a checkbox",
        "var shown = Array.prototype.filter.call(document.querySelectorAll('li[data-symptom]'), \
           function (li) { return !li.hidden; }); \
         return shown.length > 0 && shown.every(function (li) { \
           return li.querySelector('input.ts-pick') && /forever/i.test(li.textContent); }) \
           && shown.map(function (li) { return li.textContent; })",
    );
    assert!(
        found
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "Estimating time remaining forever"),
        "{found}"
    );
    session.script(
        "var f = document.getElementById('ts-filter-input'); f.value = ''; \
         f.dispatchEvent(new Event('input')); return true",
    );
    open_every_more(&session, all);
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

/// The bundled site built with `[troubleshooter] index-causes = 4` (it has 10 causes), so its
/// index lists symptoms only and the script reads causes from the symptoms' pages, and with
/// `page-causes = 1`, so each of those pages shows one cause in full and the others as links.
fn on_demand_build() -> std::path::PathBuf {
    let root = support::scratch_dir("troubleshooter-on-demand");
    support::copy_bundled_site(&root);
    let config = std::fs::read_to_string(root.join("book.toml")).unwrap();
    let config = config.replace(
        "[troubleshooter]\n",
        "[troubleshooter]\nindex-causes = 4\npage-causes = 1\n",
    );
    assert!(config.contains("index-causes = 4"), "{config}");
    std::fs::write(root.join("book.toml"), config).unwrap();
    support::remedy(&root, &["build", "--quiet"]).expect_code(0);
    root.join("public")
}

/// Two symptoms of `build` and a cause that the first's page lists as a link and the
/// second's shows in full.
fn brief_then_full(build: &std::path::Path) -> (String, String, String) {
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(build.join("troubleshoot")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some(symptom) = name.strip_suffix(".html") else {
            continue;
        };
        if symptom == "index" {
            continue;
        }
        let tags = crate::html::tags(&std::fs::read_to_string(&path).unwrap());
        let of_class = |class: &str| -> Vec<String> {
            tags.iter()
                .filter(|t| t.attribute("class") == Some(class))
                .map(|t| t.attribute("data-cause").unwrap().to_string())
                .collect()
        };
        pages.push((
            symptom.to_string(),
            of_class("cause-block"),
            of_class("cause-link"),
        ));
    }
    pages.sort();
    for (first, _, links) in &pages {
        for (second, full, _) in &pages {
            if let Some(cause) = links.iter().find(|cause| full.contains(cause)) {
                return (first.clone(), second.clone(), cause.clone());
            }
        }
    }
    panic!("no cause is a link on one page and in full on another");
}

/// Opens the troubleshooter with `?symptoms=` and waits until no symptom page is being read.
fn open_picked(session: &Session, port: u16, symptoms: &[&str]) -> Vec<(String, String)> {
    open(
        session,
        &format!(
            "http://127.0.0.1:{port}/troubleshoot/index.html?symptoms={}",
            symptoms.join(",")
        ),
    );
    session.wait_for(
        "the symptoms' pages to be read",
        "return !document.getElementById('troubleshooter').hasAttribute('data-loading')",
    );
    visible_causes(session)
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn a_large_troubleshooter_reads_causes_from_the_symptom_pages_and_ranks_them_alike() {
    let on_demand = on_demand_build();
    let index = std::fs::read_to_string(on_demand.join("troubleshoot/index.html")).unwrap();
    assert!(!index.contains("cause-block"), "the index lists no cause");
    assert!(
        !index.contains("data-causes=\""),
        "the chips carry no causes"
    );
    let full = support::serve_folder(bundled_build().dir.clone());
    let port = support::serve_folder(on_demand.clone());
    let session = support::browser();

    // Nothing ticked: no cause shown, the reader is told to tick, every symptom is a checkbox.
    let none = open_picked(&session, port, &[]);
    assert!(none.is_empty(), "{none:?}");
    assert_eq!(
        status(&session),
        "Tick what you see and its likely causes appear here."
    );
    let all = session.script("return document.querySelectorAll('li[data-symptom]').length");
    open_every_more(&session, all.as_u64().unwrap());

    // Whatever is ticked, the causes, their order and their notes are the full index's, whether
    // the symptoms' pages show them in full or as links.
    let mut briefs_seen = 0;

    for picked in [
        &["backup-stops-halfway", "battery-died-during-backup"][..],
        &["error-9006"],
        &["error-9006", "backup-stops-halfway", "wi-fi-keeps-dropping"],
        &["battery-died-during-backup"],
    ] {
        let expected = open_picked(&session, full, picked);
        assert!(
            !expected.is_empty(),
            "{picked:?} shows causes on the full index"
        );
        let got = open_picked(&session, port, picked);
        assert_eq!(got, expected, "{picked:?}");
        // A cause that a ticked symptom's page shows in full has its fixes; one that every
        // such page lists as a link only is shown by its title and summary.
        let in_full: std::collections::BTreeSet<String> = picked
            .iter()
            .flat_map(|symptom| {
                let page =
                    std::fs::read_to_string(on_demand.join(format!("troubleshoot/{symptom}.html")))
                        .unwrap();
                crate::html::tags(&page)
                    .into_iter()
                    .filter(|t| t.attribute("class") == Some("cause-block"))
                    .map(|t| t.attribute("data-cause").unwrap().to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        let brief = session.script(
            "return Array.prototype.filter.call(document.querySelectorAll('.cause-block'), \
               function (b) { return !b.hidden; }).map(function (b) { \
               return [b.getAttribute('data-cause'), b.classList.contains('cause-brief'), \
                 b.querySelectorAll('.fix-item').length, \
                 b.querySelector('.cause-title a').getAttribute('href')]; })",
        );
        for shown in brief.as_array().unwrap() {
            let cause = shown[0].as_str().unwrap();
            let is_brief = shown[1].as_bool().unwrap();
            assert_eq!(is_brief, !in_full.contains(cause), "{picked:?}: {cause}");
            if is_brief {
                assert_eq!(shown[2], Value::from(0), "{cause}");
                assert_eq!(shown[3], Value::from(format!("../{cause}/")), "{cause}");
            }
        }
        briefs_seen += brief
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b[1] == Value::Bool(true))
            .count();
    }
    assert!(briefs_seen > 0, "no cause was shown from a link");

    // A cause read first as a link gets its full block, fixes and all, once a symptom whose
    // page shows it in full is ticked too.
    let (first, second, cause) = brief_then_full(&on_demand);

    // On a symptom's page, the status counts the causes listed as links too, as the page's
    // lead does.
    open(
        &session,
        &format!("http://127.0.0.1:{port}/troubleshoot/{first}.html"),
    );
    let counts = session.script(
        "return [document.querySelectorAll('.cause-blocks > .cause-block').length, \
           document.querySelectorAll('.ts-more-causes .cause-link').length]",
    );
    let (full, links) = (counts[0].as_u64().unwrap(), counts[1].as_u64().unwrap());
    assert!(full >= 1 && links >= 1, "{first}: {counts:?}");
    let all_causes = format!("{} likely causes", full + links);
    let said = status(&session);
    assert!(
        said.starts_with(&format!("{all_causes}; ")),
        "{first}: {said}"
    );
    let lead =
        std::fs::read_to_string(on_demand.join(format!("troubleshoot/{first}.html"))).unwrap();
    assert!(
        lead.contains(&format!("{} possible causes", full + links)),
        "{first}: the lead counts {all_causes}"
    );

    open_picked(&session, port, &[first.as_str()]);
    let is_brief = format!(
        "var b = document.querySelector('.cause-block[data-cause=\"{cause}\"]'); \
         return b ? b.classList.contains('cause-brief') : null"
    );
    assert_eq!(
        session.script(&is_brief),
        Value::Bool(true),
        "{first}: {cause}"
    );
    open_every_more(&session, all.as_u64().unwrap());
    session.script(&format!(
        "document.getElementById('ts-pick-{second}').click(); return true"
    ));
    session.wait_for(
        "the second symptom's page to be read",
        &format!(
            "var b = document.querySelector('.cause-block[data-cause=\"{cause}\"]'); \
             return !!b && !b.classList.contains('cause-brief') && !b.hidden"
        ),
    );
    let blocks = session.script(&format!(
        "return [document.querySelectorAll('.cause-block[data-cause=\"{cause}\"]').length, \
           document.querySelectorAll('.cause-block[data-cause=\"{cause}\"] .ts-tried').length]"
    ));
    assert_eq!(blocks[0], Value::from(1), "one block for {cause}");
    assert!(
        blocks[1].as_u64().unwrap() > 0,
        "{cause}'s fixes get Tried it boxes"
    );
    let lead_hidden = session.script("return document.querySelector('.ts-on-demand').hidden");
    assert_eq!(lead_hidden, Value::Bool(true));

    // A block read from a symptom's page gets its "Tried it" boxes, and its links still work.
    let fix = session.script(
        "var box = document.querySelector('.cause-block:not([hidden]) .ts-tried'); \
         box.click(); return box.value",
    );
    let fix = fix.as_str().unwrap().to_string();
    let item_tried = session.script(&format!(
        "return document.querySelector('.fix-item[data-fix=\"{fix}\"]').classList.contains('is-tried')"
    ));
    assert_eq!(item_tried, Value::Bool(true));
    let href = session.script("return document.querySelector('.cause-block .cause-title a').href");
    assert!(
        href.as_str()
            .unwrap()
            .starts_with(&format!("http://127.0.0.1:{port}/causes/")),
        "{href}"
    );

    // A symptom whose page cannot be read is named, with a link to its page.
    std::fs::remove_file(on_demand.join("troubleshoot/error-9006.html")).unwrap();
    open_picked(&session, port, &["error-9006"]);
    let said = status(&session);
    assert!(said.contains("could not be loaded"), "{said}");
    let link = session.script("return document.querySelector('#ts-status a').href");
    assert_eq!(
        link,
        Value::from(format!(
            "http://127.0.0.1:{port}/troubleshoot/error-9006.html"
        ))
    );

    // From file:// a page cannot read another: the symptoms stay links to their pages.
    open(
        &session,
        &format!(
            "file://{}",
            on_demand.join("troubleshoot/index.html").display()
        ),
    );
    let pickers = session.script("return document.querySelectorAll('input.ts-pick').length");
    assert_eq!(pickers, Value::from(0));
    let links = session.script(
        "return document.querySelectorAll('.ts-symptoms li[data-symptom] > a[href$=\".html\"]').length",
    );
    assert!(links.as_u64().unwrap() > 50, "{links}");
}
