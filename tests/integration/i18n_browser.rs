//! The scripts speak the page's language: on a French site, in headless Chromium, the
//! troubleshooter's script shows its hint, status, plural forms and buttons in French, and the
//! search box and page their results, the "no results" box, the notice for a word no article
//! holds, the kind labels and the filter chips, from the page's `remedy-strings` data block;
//! and on a phone the search field shows its placeholder whole in each shipped language.
//!
//! Needs Chromium and chromedriver: ignored by a plain `cargo test`, run by
//! `cargo test -- --include-ignored`, as `.ci/run` does.

use crate::support::{self, TestSite};

fn text_of(session: &support::webdriver::Session, selector: &str) -> String {
    session
        .script(&format!(
            "var e = document.querySelector('{selector}'); return e ? e.textContent : null"
        ))
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn the_troubleshooter_speaks_french_on_a_french_site() {
    let site = TestSite::new("french");
    site.remedy(&["build"]).expect_code(0);
    let index = format!(
        "file://{}",
        site.path("public/troubleshoot/index.html").display()
    );
    let session = support::browser();
    session.goto(&index);
    session.wait_for(
        "the troubleshooter's script",
        "var t = document.getElementById('troubleshooter'); \
         return t && t.getAttribute('data-ready') === 'true'",
    );
    session.script("localStorage.clear(); return true");

    assert_eq!(
        text_of(&session, ".ts-hint"),
        "Cochez tout ce que vous constatez : les causes qui en expliquent le plus passent en tête."
    );
    assert_eq!(
        text_of(&session, "#ts-status"),
        "Choisissez ce que vous constatez pour classer les causes. 4 causes sont affichées."
    );
    let placeholder =
        session.script("return document.getElementById('ts-filter-input').placeholder");
    assert_eq!(placeholder.as_str(), Some("Filtrer, p. ex. stockage"));
    assert!(
        text_of(&session, ".ts-tried-label").starts_with("Essayé"),
        "{}",
        text_of(&session, ".ts-tried-label")
    );

    // One symptom: French plural forms ("1 symptôme", "solutions à essayer").
    session.script("document.querySelector('input.ts-pick').click(); return true");
    let status = text_of(&session, "#ts-status");
    assert!(
        status.contains(" pour 1 symptôme ; ") && status.contains("solution"),
        "{status}"
    );
    assert_eq!(text_of(&session, "#ts-causes-heading"), "Causes probables");
    assert_eq!(text_of(&session, ".ts-explains"), "Explique votre symptôme");

    // A filter that matches nothing says so in French.
    session.script(
        "var i = document.getElementById('ts-filter-input'); i.value = 'zzz'; \
         i.dispatchEvent(new Event('input')); return true",
    );
    assert!(
        text_of(&session, ".ts-no-match").starts_with(
            "Aucun symptôme ne correspond à « zzz ». Lancer une recherche sur le site"
        ),
        "{}",
        text_of(&session, ".ts-no-match")
    );
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn the_search_box_speaks_french_on_a_french_site() {
    let site = TestSite::new("french");
    site.remedy(&["build"]).expect_code(0);
    let session = support::browser();
    session.goto(&format!(
        "file://{}",
        site.path("public/index.html").display()
    ));
    let input = session.find("#search-input").expect("a search field");
    for (query, selector, expected) in [
        (
            "zzzqqq",
            ".search-empty-title",
            "Aucun résultat pour « zzzqqq »",
        ),
        (
            "zzzqqq",
            ".search-empty p:nth-child(2)",
            "Vérifiez l’orthographe, utilisez moins de mots ou saisissez simplement le code d’erreur.",
        ),
    ] {
        session.clear(&input);
        session.send_keys(&input, query);
        session.wait_for(
            &format!("results for {query:?}"),
            &format!(
                "var p = document.getElementById('search-popup'); \
                 return p && !p.hidden && p.getAttribute('data-query') === {query:?}"
            ),
        );
        assert_eq!(text_of(&session, selector), expected);
    }
    // A word no article holds gets the notice, in French quotation marks; the last option
    // opens the search page; each result is labelled with its kind's French singular.
    session.clear(&input);
    session.send_keys(&input, "stockage zorglub");
    session.wait_for(
        "results for \"stockage zorglub\"",
        "var p = document.getElementById('search-popup'); \
         return p && !p.hidden && p.getAttribute('data-query') === 'stockage zorglub'",
    );
    assert_eq!(
        text_of(&session, ".search-notice-title"),
        "Aucun article ne mentionne « zorglub »"
    );
    let notice = text_of(&session, ".search-notice p:nth-child(2)");
    assert!(
        notice.starts_with("Les résultats les plus proches ci-dessous correspondent")
            && notice.ends_with(
                "Ce n’est pas ce qu’il vous faut ? Partez de ce que vous constatez dans l’assistant de dépannage."
            ),
        "{notice}"
    );
    let all = text_of(&session, ".search-all-link");
    assert!(
        all.starts_with("Voir ") && all.contains(" résultat"),
        "{all}"
    );
    let labels = session.script(
        "return Array.from(document.querySelectorAll('.search-hit-kind')).map(e => e.textContent)",
    );
    let labels: Vec<&str> = labels
        .as_array()
        .expect("labels")
        .iter()
        .filter_map(|l| l.as_str())
        .collect();
    assert!(!labels.is_empty());
    for label in &labels {
        assert!(
            [
                "Guide",
                "Cause",
                "Solution",
                "Code d’erreur",
                "Question fréquente"
            ]
            .contains(label),
            "{labels:?}"
        );
    }
    // The search page counts its results with French plural forms.
    session.goto(&format!(
        "file://{}?q=stockage",
        site.path("public/search/index.html").display()
    ));
    session.wait_for(
        "the search page's results",
        "return !!document.querySelector('#search-results .search-count')",
    );
    let count = text_of(&session, "#search-results .search-count");
    assert!(count.ends_with(" résultats pour « stockage »"), "{count}");
    let label = session.script(
        "return document.querySelector('#search-results .search-hits').getAttribute('aria-label')",
    );
    assert_eq!(label.as_str(), Some("Résultats de la recherche"));
    // A kind chosen in the address: the chips are labelled in French and the count names it.
    session.goto(&format!(
        "file://{}?q=stockage&kind=fix",
        site.path("public/search/index.html").display()
    ));
    session.wait_for(
        "the filtered results",
        "return !!document.querySelector('#search-results .search-count') && \
         !document.getElementById('search-filters').hidden",
    );
    let count = text_of(&session, "#search-results .search-count");
    assert!(
        count.ends_with(" pour « stockage » dans Solutions"),
        "{count}"
    );
    assert_eq!(text_of(&session, ".search-filter-label"), "Type");
    let pressed = text_of(&session, ".search-chip[aria-pressed=true]");
    assert_eq!(pressed, "Solutions");
}

/// Whether the search field's placeholder is shown whole: its text, in the input's font, fits
/// the input's box less its padding. Returns `[fits, text width, room, placeholder]`.
const PLACEHOLDER_FITS: &str = r#"
var input = document.getElementById('search-input');
var style = getComputedStyle(input);
var context = document.createElement('canvas').getContext('2d');
context.font = style.font;
var text = context.measureText(input.placeholder).width;
var room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
return [text <= room, Math.round(text), Math.round(room), input.placeholder];
"#;

/// On a phone (390px and 320px wide), the large search fields of the home and search pages
/// show their placeholder whole in every language the theme ships, beside their button: the
/// French "Symptôme ou erreur" was clipped beside "Rechercher". Each language's strings are
/// put into the bundled site's French and English pages, so the test needs no other edition.
#[test]
#[ignore = "needs chromium and chromedriver"]
fn the_search_placeholder_fits_beside_its_button_on_a_phone() {
    let build = support::bundled_build();
    let session = support::browser();
    let mut clipped = Vec::new();
    for language in ["en", "fr", "de", "es", "pt", "it"] {
        let path = support::repo().join(format!("themes/default/i18n/{language}.toml"));
        let strings: toml::Table = std::fs::read_to_string(&path)
            .unwrap()
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = |key: &str| {
            strings
                .get(key)
                .and_then(toml::Value::as_str)
                .unwrap_or_else(|| panic!("{language}: no `{key}`"))
                .to_string()
        };
        let (placeholder, button) = (text("search_placeholder"), text("search"));
        for width in [390, 320] {
            session.cdp(
                "Emulation.setDeviceMetricsOverride",
                serde_json::json!({"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": true}),
            );
            for page in [
                "index.html",
                "fr/index.html",
                "search/index.html",
                "fr/search/index.html",
            ] {
                session.goto(&format!("file://{}", build.dir.join(page).display()));
                session.script(&format!(
                    "document.getElementById('search-input').placeholder = {}; \
                     document.querySelector('#search-input + button .search-button-label').textContent = {}; \
                     return true",
                    serde_json::json!(placeholder),
                    serde_json::json!(button)
                ));
                let fits = session.script(PLACEHOLDER_FITS);
                if fits[0] != serde_json::json!(true) {
                    clipped.push(format!("{language} {page} at {width}px: {fits}"));
                }
            }
        }
    }
    assert!(
        clipped.is_empty(),
        "clipped placeholders:\n{}",
        clipped.join("\n")
    );
}
