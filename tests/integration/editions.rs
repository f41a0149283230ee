//! Editions (`[languages.<code>]`) on the `editions` fixture: English by default, French with
//! two of four articles translated (one of them stale, a cause whose fix `restart` is not
//! translated, and without the original's explicit `{#what-happens}` id) and German with one.
//! The built site: each edition under its folder, fallbacks listed with their language and
//! linking to the original, the language switcher, `hreflang` alternates, one sitemap with
//! alternates, per-edition search from the CLI; `check`'s translation health; each misuse of
//! a translation with its exact diagnostic; two builds byte for byte the same.

use std::fs;

use crate::support::{TestSite, assert_same_tree, read_tree};

/// Builds `site` and returns a reader of its build dir's files.
fn built(site: &TestSite) -> impl Fn(&str) -> String + '_ {
    site.remedy(&["build", "--quiet"]).expect_code(0);
    move |path: &str| {
        fs::read_to_string(site.path(&format!("public/{path}")))
            .unwrap_or_else(|e| panic!("public/{path}: {e}"))
    }
}

#[test]
fn check_reports_translation_health_per_edition() {
    let site = TestSite::new("editions");
    let run = site.remedy(&["check"]);
    run.expect_code(0);
    for expected in [
        "warning: stale translation: `content/causes/storage-full.md` was updated on 2026-03-01, this translation on 2026-01-15\n --> content/causes/storage-full.fr.md:5:1\n",
        "warning: translated cause whose fixes are not translated: `content/fixes/restart.md`\n --> content/causes/storage-full.fr.md:2:1\n",
        "warning: no heading with id `what-happens`, which `content/fixes/clear-space/index.md` links to in the original\n--> content/causes/storage-full.fr.md\n = help: give the translated heading the original's id: `## … {#what-happens}`\n",
        "`de`: 1 of 4 articles translated (25%)\n`fr`: 2 of 4 articles translated (50%)\n",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{run}");
    }
    site.remedy(&["check", "--strict"]).expect_code(1);
}

#[test]
fn a_translation_without_an_original_is_a_warning() {
    let site = TestSite::new("editions");
    site.write(
        "content/fixes/gone.fr.md",
        "+++\ntitle = \"Disparu\"\n+++\n\nTexte.\n",
    );
    let run = site.remedy(&["check"]);
    assert!(
        run.stderr.contains(
            "warning: translation without an original: there is no `content/fixes/gone.md`\n--> content/fixes/gone.fr.md\n = help: rename it after the article it translates, or delete it\n"
        ),
        "{run}"
    );
}

#[test]
fn a_translation_may_not_give_what_comes_from_the_original() {
    let site = TestSite::new("editions");
    site.write(
        "content/fixes/restart.fr.md",
        "+++\ntitle = \"Redémarrer\"\nweight = 3\nfixes = []\n\n[extra]\nfixes = 1\n+++\n\nTexte.\n",
    );
    let run = site.remedy(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error: `weight` comes from the original `content/fixes/restart.md`\n --> content/fixes/restart.fr.md:3:1\n  |\n3 | weight = 3\n  | ^^^^^^\n  |\n  = help: a translation gives only `title`, `summary`, `symptoms`, `effort`, `updated`, `draft`, `aliases`, `tags`, `extra`\n"
        ),
        "{run}"
    );
    assert!(run.stderr.contains("error: `fixes` comes from the original `content/fixes/restart.md`\n --> content/fixes/restart.fr.md:4:1\n"), "{run}");
    assert!(
        run.stderr.contains("error: 2 problems found"),
        "only top-level keys: {run}"
    );
}

#[test]
fn a_translation_into_a_language_the_site_has_not_is_an_error() {
    let site = TestSite::new("editions");
    site.write(
        "content/fixes/restart.it.md",
        "+++\ntitle = \"Riavviare\"\n+++\n\nTesto.\n",
    );
    site.remedy(&["check"]).expect_code(1).expect_stderr(
        "error: `it` is not a language of this site\n--> content/fixes/restart.it.md\n = help: add `[languages.it]` to book.toml\n\nerror: 1 problem found; nothing was written\n",
    );
}

#[test]
fn a_language_table_for_the_default_language_is_an_error() {
    let site = TestSite::new("editions");
    let toml = fs::read_to_string(site.path("book.toml")).unwrap();
    site.write(
        "book.toml",
        &format!("{toml}\n[languages.en]\ntitle = \"Help\"\n"),
    );
    let run = site.remedy(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("error: `en` is the default language\n  --> book.toml:19:12\n"),
        "{run}"
    );
}

#[test]
fn each_edition_is_published_under_its_folder_with_fallbacks() {
    let site = TestSite::new("editions");
    let read = built(&site);
    assert!(
        site.path("public/fr/causes/storage-full/index.html")
            .exists()
    );
    assert!(site.path("public/fr/fixes/clear-space/index.html").exists());
    assert!(
        !site.path("public/fr/fixes/restart").exists(),
        "an article not translated has no page in the edition"
    );
    assert!(
        !site.path("public/fr/style.css").exists(),
        "assets are published once"
    );
    assert!(!site.path("public/fr/sitemap.xml").exists());
    assert!(site.path("public/fr/feed.xml").exists());
    assert!(site.path("public/fr/search/manifest.js").exists());

    let cause = read("fr/causes/storage-full/index.html");
    assert!(cause.starts_with("<!DOCTYPE html>\n<html lang=\"fr\" data-root=\"../../\""));
    assert!(cause.contains("<link rel=\"stylesheet\" href=\"../../../style.css?v="));
    // A link to a translated article stays in the edition; to one that is not, it goes to
    // the original's page.
    assert!(
        cause.contains("<a href=\"../../fixes/clear-space/#%C3%A9tapes\">"),
        "{cause}"
    );
    assert!(
        cause.contains("<a href=\"../../../fixes/restart/\">redémarrer</a>"),
        "{cause}"
    );
    let kind = read("fr/fixes/index.html");
    assert!(
        kind.contains("<title>Solutions"),
        "the edition's kind title"
    );
    assert!(kind.contains("href=\"../../fixes/restart/\""), "{kind}");
    // The fallback is listed with its language.
    assert!(kind.contains(
        "<h2 class=\"card-title\"><a href=\"../../fixes/restart/\">Restart the iPhone</a></h2>\n<p class=\"card-summary\">Turn it off and on again.</p>\n<div class=\"card-meta\"><span class=\"badge badge-language\"><span class=\"visually-hidden\">Pas encore traduit :</span> <span lang=\"en\">English</span></span>"
    ), "{kind}");
    let troubleshooter = read("fr/troubleshoot/index.html");
    assert!(
        troubleshooter.contains("<span class=\"badge badge-language\"><span class=\"visually-hidden\">Pas encore traduit :</span> <span lang=\"en\">English</span></span>")
    );
}

#[test]
fn each_edition_reads_the_theme_text_of_its_language() {
    let site = TestSite::new("editions");
    let read = built(&site);
    let cause = read("fr/causes/storage-full/index.html");
    for french in [
        "<nav class=\"language-switcher\" aria-label=\"Langues\">",
        "<time datetime=\"2026-01-15\">15 janvier 2026</time>",
        "\"language\":\"fr\"",
        "<nav class=\"footer-nav\" aria-label=\"Pied de page\">",
    ] {
        assert!(cause.contains(french), "{french}: {cause}");
    }
    // The standard kinds get their French titles where book.toml sets none (it sets `fix`).
    for (path, title) in [
        ("fr/practices/index.html", "<title>Bonnes pratiques · "),
        ("fr/errors/index.html", "<title>Codes d’erreur · "),
        ("fr/fixes/index.html", "<title>Solutions · "),
        (
            "fr/troubleshoot/index.html",
            "<title>Assistant de dépannage · ",
        ),
    ] {
        let page = read(path);
        assert!(page.contains(title), "{path}: {page}");
    }
    // The search reads French strings: the French index's manifest carries them, and the
    // page what is said when that index cannot load.
    let search = read("fr/search/index.html");
    assert!(
        search.contains("id=\"remedy-strings\">{\"language\":\"fr\",\"search\":{\"load_failed\":\"La recherche n’a pas pu charger son index."),
        "{search}"
    );
    let manifest = read("fr/search/manifest.js");
    assert!(
        manifest.contains("\"strings\":{\"announce_results_one\":\"{count} r\\u00e9sultat, utilisez les fl\\u00e8ches pour choisir\""),
        "{manifest}"
    );
    assert!(
        search.contains("placeholder=\"Symptôme ou erreur\""),
        "{search}"
    );
    // The German edition reads German, the default edition English.
    let german = read("de/guides/how-backup-works/index.html");
    assert!(german.contains("aria-label=\"Sprachen\""), "{german}");
    let english = read("causes/storage-full/index.html");
    assert!(english.contains("aria-label=\"Languages\""));
    assert!(
        english.contains("<time datetime=\"2026-03-01\">1 March 2026</time>"),
        "{english}"
    );
}

#[test]
fn an_edition_has_its_own_synonyms() {
    let site = TestSite::new("editions");
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let french = site.remedy(&["search", "--lang", "fr", "--json", "saturé"]);
    french.expect_code(0);
    let answer: serde_json::Value = serde_json::from_str(&french.stdout).unwrap();
    assert_eq!(
        answer["results"][0]["url"], "/fr/causes/storage-full/",
        "{answer}"
    );
    let english = site.remedy(&["search", "--json", "saturé"]);
    let answer: serde_json::Value = serde_json::from_str(&english.stdout).unwrap();
    assert_eq!(answer["results"], serde_json::json!([]), "{answer}");
    let filtered = site.remedy(&[
        "search", "--lang", "fr", "--kind", "fix", "--json", "espace",
    ]);
    let answer: serde_json::Value = serde_json::from_str(&filtered.stdout).unwrap();
    assert_eq!(
        answer["results"][0]["url"], "/fr/fixes/clear-space/",
        "{answer}"
    );
    assert!(
        answer["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|hit| hit["kind"] == "fix"),
        "{answer}"
    );
}

#[test]
fn every_page_has_alternates_and_a_language_switcher() {
    let site = TestSite::new("editions");
    let read = built(&site);
    let english = read("causes/storage-full/index.html");
    for alternate in [
        "<link rel=\"alternate\" hreflang=\"en\" href=\"/causes/storage-full/\">\n<link rel=\"alternate\" hreflang=\"x-default\" href=\"/causes/storage-full/\">\n",
        "<link rel=\"alternate\" hreflang=\"fr\" href=\"/fr/causes/storage-full/\">\n",
    ] {
        assert!(english.contains(alternate), "{alternate}");
    }
    assert!(
        !english.contains("hreflang=\"de\" href"),
        "no German page: no alternate"
    );
    let switcher = "<nav class=\"language-switcher\" aria-label=\"Languages\">\n<ul>\n<li><a href=\"../../causes/storage-full/\" lang=\"en\" hreflang=\"en\" aria-current=\"true\">English</a></li>\n<li><a href=\"../../de/causes/\" lang=\"de\" hreflang=\"de\">Deutsch</a></li>\n<li><a href=\"../../fr/causes/storage-full/\" lang=\"fr\" hreflang=\"fr\">Français</a></li>\n</ul>\n</nav>";
    assert!(english.contains(switcher), "{english}");
    let german_guide = read("de/guides/how-backup-works/index.html");
    assert!(german_guide.contains(
        "<a href=\"../../../guides/how-backup-works/\" lang=\"en\" hreflang=\"en\">English</a>"
    ));
    assert!(
        german_guide
            .contains("<a href=\"../../../fr/guides/\" lang=\"fr\" hreflang=\"fr\">Français</a>")
    );
    let french_home = read("fr/index.html");
    assert!(french_home.contains("<a href=\"../de/\" lang=\"de\" hreflang=\"de\">Deutsch</a>"));

    let sitemap = read("sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(sitemap.contains(
        "<url><loc>/fr/causes/storage-full/</loc><lastmod>2026-01-15</lastmod><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"/causes/storage-full/\"/><xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"/causes/storage-full/\"/><xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"/fr/causes/storage-full/\"/></url>"
    ), "{sitemap}");
    assert!(
        !sitemap.contains("/fr/fixes/restart/"),
        "fallbacks have no page"
    );
}

#[test]
fn search_takes_the_edition_from_lang() {
    let site = TestSite::new("editions");
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let french = site.remedy(&["search", "--lang", "fr", "stockage insuffisant"]);
    french.expect_code(0);
    assert!(
        french
            .stdout
            .starts_with(" 1. Stockage plein (cause)\n    /fr/causes/storage-full/\n"),
        "{french}"
    );
    let code = site.remedy(&["search", "--lang", "fr", "9006"]);
    assert!(
        code.stdout.contains("/fr/causes/storage-full/"),
        "error codes in every edition: {code}"
    );
    let english = site.remedy(&["search", "storage full"]);
    assert!(
        english.stdout.starts_with(" 1. Storage is full (cause)\n"),
        "{english}"
    );
    let fallback = site.remedy(&["search", "--lang", "fr", "restart"]);
    assert!(
        !fallback.stdout.contains("restart/"),
        "fallbacks are in the default edition's index only: {fallback}"
    );
    site.remedy(&["search", "--lang", "it", "x"])
        .expect_code(2)
        .expect_stderr("error: --lang: the site has no edition `it` (it has `en`, `de`, `fr`)\n");
}

#[test]
fn two_builds_with_editions_are_byte_identical() {
    let site = TestSite::new("editions");
    site.remedy(&["build", "--quiet"]).expect_code(0);
    // The tantivy indexes hold segment ids and timestamps of their own (see `reproducible`).
    let tree = || {
        let mut tree = read_tree(&site.path("public"));
        tree.retain(|path, _| !path.contains("search/index/"));
        tree
    };
    let first = tree();
    assert!(first.keys().any(|path| path.starts_with("fr/search/")));
    site.remedy(&["build", "--quiet"]).expect_code(0);
    assert_same_tree(&first, &tree(), "two builds with editions");
}
