//! Theme text in the site's language: a site with `language = "fr"` reads the default theme's
//! French strings and French dates, a site's own `i18n/<code>.toml` overrides a string, an
//! unknown key there is a located warning, and a language the theme has no text for falls back
//! to English with one warning. The scripts' strings in a browser are in
//! [`i18n_browser`](crate::i18n_browser).

use std::fs;

use crate::support::TestSite;

fn page(site: &TestSite, path: &str) -> String {
    fs::read_to_string(site.path(&format!("public/{path}"))).unwrap()
}

#[test]
fn a_french_site_reads_the_theme_in_french_with_french_dates() {
    let site = TestSite::new("french");
    site.remedy(&["build"]).expect_code(0);
    let article = page(&site, "causes/icloud-storage-full/index.html");
    for expected in [
        "<h2 id=\"toc-heading\">Sur cette page</h2>",
        "<span class=\"meta-updated\">Mis à jour le <time datetime=\"2026-11-24\">24 novembre 2026</time></span>",
        "<li><a href=\"#main\">Aller au contenu</a></li>",
        "<h2 id=\"next-steps-heading\">Et ensuite ?</h2>",
        "<h3 class=\"next-heading\">Voir aussi</h3>",
        "placeholder=\"Symptôme ou erreur\"",
        "<script type=\"application/json\" id=\"remedy-strings\">{\"language\":\"fr\",\"search\":{",
    ] {
        assert!(article.contains(expected), "lacks {expected}:\n{article}");
    }
    for english in [
        "On this page",
        "Updated",
        "November",
        "Next steps",
        "Skip to content",
    ] {
        assert!(!article.contains(english), "English `{english}` left");
    }
    let home = page(&site, "index.html");
    assert!(home.contains("<h2 id=\"browse-heading\">Parcourir par thème</h2>"));
    // The standard kinds take their French titles, as book.toml sets none.
    assert!(home.contains(">Solutions</a></li>"), "{home}");
    assert!(home.contains(">Codes d’erreur</a></li>"), "{home}");
    let troubleshooter = page(&site, "troubleshoot/index.html");
    assert!(troubleshooter.contains("<h1>Assistant de dépannage</h1>"));
    assert!(
        troubleshooter.contains("\"troubleshoot\":{"),
        "{troubleshooter}"
    );
    // French plural rules: 1 → "1 solution", several → "solutions".
    let causes = page(&site, "causes/index.html");
    assert!(
        causes.contains("<span class=\"card-fixes\">2 solutions</span>"),
        "{causes}"
    );
}

#[test]
fn a_site_overrides_a_string_and_is_warned_of_an_unknown_key() {
    let site = TestSite::new("french");
    site.write(
        "i18n/fr.toml",
        "on_this_page = \"Dans cet article\"\non_this_pag = \"Dans cet article\"\n",
    );
    let check = site.remedy(&["check"]);
    check.expect_code(0);
    assert!(
        check.stderr.contains(
            "warning: unknown theme text `on_this_pag`\n --> i18n/fr.toml:2:1\n  |\n2 | on_this_pag = \"Dans cet article\"\n  | ^^^^^^^^^^^\n  |\n  = help: did you mean `on_this_page`?"
        ),
        "{check}"
    );
    site.remedy(&["check", "--strict"]).expect_code(1);
    site.remedy(&["build"]).expect_code(0);
    let article = page(&site, "causes/icloud-storage-full/index.html");
    assert!(
        article.contains("<h2 id=\"toc-heading\">Dans cet article</h2>"),
        "{article}"
    );
    // The rest stays the theme's French.
    assert!(article.contains("Mis à jour le"));
}

#[test]
fn a_language_without_theme_text_shows_english_with_one_warning() {
    let site = TestSite::new("basic");
    let book = fs::read_to_string(site.path("book.toml")).unwrap();
    site.write(
        "book.toml",
        &book.replacen("[book]\n", "[book]\nlanguage = \"nl\"\n", 1),
    );
    let check = site.remedy(&["check"]);
    check.expect_code(0);
    assert_eq!(
        check
            .stderr
            .matches("the theme has no text in `nl`: pages show its English text")
            .count(),
        1,
        "{check}"
    );
    site.remedy(&["build"]).expect_code(0);
    let home = page(&site, "index.html");
    assert!(home.contains("<html lang=\"nl\""), "{home}");
    assert!(home.contains("Browse by topic"), "{home}");
}
