//! Search in every language the analysis supports: each WebAssembly analysis module (what the
//! browser runs) against the native analysis, text by text, over a corpus per language; a French
//! fixture site (`tests/fixtures/french`, `[book] language = "fr"`) searched alike by
//! `remedy search` and the browser client, under Node and in Chromium; the language recorded in
//! both indexes, and an index of another analysis refused; the English fallback, with a
//! warning, for a language search has no rules for.
//!
//! The corpora are `tests/data/analysis/<code>.txt` (see `tests/data/README.md`) and, for
//! English, `tests/data/words.txt` and the bundled knowledge base. The tests that run the
//! modules need `node` (and Chromium for the browser one): they are ignored by a plain
//! `cargo test` and run by `cargo test -- --include-ignored`, as `.ci/run` does.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use remedy::search::analysis::{self, Language, Role};
use remedy::search::export::module;
use remedy::search::{index, searcher};

use super::js::{bundled_texts, run_client_on, slugs};
use crate::support::{self, TestSite};

/// Texts that reach the corners of the rules, analysed in every language.
const TRICKY: &[&str] = &[
    "won’t back up",
    "iPhone's",
    "E-1234 and 0x8007000E",
    "iOS 17.1.2.",
    "Wi-Fi Wi\u{2011}Fi wi\u{2010}fi",
    "ÉCRAN cassé",
    "naïve café",
    "ΣΊΣΥΦΟΣ",
    "İstanbul",
    "backup to",
    "how do i",
    "x\u{301}y e\u{301}te\u{301} n\u{303}",
    "１２３ full-width",
    "日本語のテキスト",
    "a—b",
    "end.",
    "rock'n'roll",
    "l'",
    "'l'iPhone'",
    "qu'",
    "dell'",
    "a'b'c'd",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂 emoji",
    "",
    " ",
    "ǅemal ǈudevit",
    "ﬁle ﬂow",
    "ÅNGSTRÖM Ærø Œuvre STRASSE Straße",
];

/// The corpus of one language, one text per line (comment lines too: they are text).
fn corpus(language: Language) -> Vec<String> {
    let mut texts = Vec::new();
    if language == Language::English {
        // Every word of the word list, forty to a text: the index terms of a text are its
        // words' terms, so batching checks every word while keeping the run short.
        let list = std::fs::read_to_string(support::repo().join("tests/data/words.txt"))
            .expect("tests/data/words.txt");
        let words: Vec<&str> = list.lines().filter(|l| !l.is_empty()).collect();
        texts.extend(words.chunks(40).map(|chunk| chunk.join(" ")));
        texts.extend(
            bundled_texts()
                .iter()
                .flat_map(|t| t.split('\n').map(str::to_string))
                .filter(|t| !t.trim().is_empty()),
        );
    } else {
        let path = support::repo().join(format!("tests/data/analysis/{}.txt", language.code()));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        texts.extend(text.lines().filter(|l| !l.is_empty()).map(str::to_string));
    }
    texts
}

/// What the native analysis makes of a text, in the shape `analysis_parity.js` prints.
fn native(text: &str, language: Language) -> serde_json::Value {
    let words = |keep_last: bool| -> Vec<serde_json::Value> {
        analysis::query_words(text, keep_last, language)
            .into_iter()
            .map(|w| {
                let role = match w.role {
                    Role::Required => "required",
                    Role::Optional => "optional",
                    Role::Unfinished => "unfinished",
                };
                serde_json::json!([role, w.code, w.typed, w.term])
            })
            .collect()
    };
    let utf16 = |byte: usize| text[..byte].encode_utf16().count();
    let terms: Vec<serde_json::Value> = analysis::index_terms(text, language)
        .into_iter()
        .map(|t| serde_json::json!([utf16(t.span.start), utf16(t.span.end), t.term]))
        .collect();
    serde_json::json!([words(true), words(false), terms])
}

#[test]
#[ignore = "needs node"]
fn every_webassembly_module_analyses_like_the_native_code() {
    let node = support::node();
    let dir = support::scratch_dir("analysis-parity");
    let mut report = Vec::new();
    let mut differences = Vec::new();
    for language in Language::ALL {
        // Its own corpus, the other languages' (a module must not differ on foreign text
        // either) and the corners.
        let mut texts = corpus(language);
        for other in Language::ALL {
            if other != language && other != Language::English {
                texts.extend(corpus(other));
            }
        }
        texts.extend(TRICKY.iter().map(|t| t.to_string()));
        let input = dir.join(format!("{}.json", language.code()));
        std::fs::write(&input, serde_json::to_string(&texts).unwrap()).unwrap();
        let module =
            support::repo().join(format!("wasm/modules/analysis-{}.wasm", language.code()));
        // The module as the manifest carries it.
        let encoded = module::encode(module::bytes(language));
        let spec = dir.join(format!("{}-analysis.json", language.code()));
        let spec_json = serde_json::json!({
            "id": analysis::analysis_id(language),
            "module": { "common": encoded.common, "text": encoded.text },
        });
        std::fs::write(&spec, spec_json.to_string()).unwrap();
        let output = Command::new(&node)
            .arg(support::repo().join("tests/search/js/analysis_parity.js"))
            .arg(&module)
            .arg(&spec)
            .arg(&input)
            .output()
            .expect("run node");
        assert!(
            output.status.success(),
            "{}: the module did not run:\n{}",
            language.code(),
            String::from_utf8_lossy(&output.stderr)
        );
        let wasm: Vec<serde_json::Value> =
            serde_json::from_slice(&output.stdout).expect("the parity script prints JSON");
        assert_eq!(wasm.len(), texts.len(), "{}", language.code());
        let before = differences.len();
        for (text, wasm) in texts.iter().zip(&wasm) {
            let native = native(text, language);
            if &native != wasm {
                differences.push(format!(
                    "{} {text:?}\n  native {native}\n  wasm   {wasm}",
                    language.code()
                ));
            }
        }
        report.push(format!(
            "{}: {} texts, {} differ",
            language.code(),
            texts.len(),
            differences.len() - before
        ));
    }
    println!("analysis parity: {}", report.join("; "));
    differences.truncate(20);
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

// ---- the French fixture --------------------------------------------------------------------

/// The French fixture, built once.
fn french_build() -> &'static Path {
    static BUILD: OnceLock<PathBuf> = OnceLock::new();
    BUILD.get_or_init(|| {
        let root = support::scratch_dir("french-site");
        support::copy_tree(&support::fixtures_dir().join("french"), &root);
        let options = remedy::BuildOptions {
            root: root.clone(),
            ..remedy::BuildOptions::default()
        };
        remedy::build(&options).expect("the French fixture builds");
        root
    })
}

/// French queries as readers type them: with and without accents, elisions, typos, codes. Most
/// are from the French edition's labelled queries (`queries-fr.toml` of the `french` branch).
const FRENCH_QUERIES: &[&str] = &[
    "erreur 9006",
    "echec de la sauvegarde icloud 9007",
    "stockage icloud saturé",
    "stockage icloud sature",
    "memoire pleine",
    "stokage icloud plein",
    "acheter plus de stockage icloud",
    "5 go gratuits",
    "trop de photos",
    "réduire la taille de la sauvegarde",
    "reduire la taille de la sauvegarde",
    "la sauvegarde s'arrête au milieu",
    "la sauvegarde s arrete au milieu",
    "sauvegarde bloquée",
    "sauvegarde bloquee",
    "batterie faible",
    "l'iphone s'éteint pendant la sauvegarde",
    "wifi instable",
    "wi-fi qui coupe",
    "réinitialiser les réglages réseau",
    "reinitialiser reglages reseau",
    "pourquoi la sauvegarde échoue",
    "pourquoi ma sauvegarde ne se termine pas",
    "comment sauvegarder mon iphone",
    "charger avant la sauvegarde",
    "sauvegarde automatique",
    "supprimer les anciennes sauvegardes",
    "sauvegarde trop volumineuse",
    "pas assez d'espace",
    "espace insuffisant",
    "sauve",
    "sauvegarde icl",
    // Found only through the built-in French synonyms: the fixture never says "relancer" nor
    // "planté", and the browser must expand them as the CLI does.
    "relancer",
    "plantée",
    "sauvegarde plantée",
];

#[test]
fn a_french_site_records_its_language_in_both_indexes() {
    let root = french_build();
    let meta = std::fs::read_to_string(root.join("public/search/index/remedy-search.json"))
        .expect("the index record");
    let meta: serde_json::Value = serde_json::from_str(&meta).unwrap();
    assert_eq!(meta["language"], "fr", "{meta}");
    assert_eq!(meta["analysis"], analysis::analysis_id(Language::French));
    let manifest = std::fs::read_to_string(root.join("public/search/manifest.js")).unwrap();
    assert!(manifest.contains("\"language\":\"fr\""), "{manifest:.300}");
    assert!(
        manifest.contains(&format!(
            "\"id\":\"{}\"",
            analysis::analysis_id(Language::French)
        )),
        "the manifest names the French analysis"
    );
    let module = module::encode(module::bytes(Language::French));
    assert!(
        manifest.contains(&format!(
            "\"module\":{{\"common\":\"{}\",\"text\":{}}}",
            module.common,
            serde_json::Value::String(module.text)
        )),
        "the manifest carries the French module"
    );
}

#[test]
fn french_queries_find_french_articles_with_or_without_accents() {
    let root = french_build();
    let open = index::open(&root.join("public/search/index")).expect("open the index");
    assert_eq!(open.language, Language::French);
    let top = |query: &str| -> Vec<String> {
        searcher::search(&open, query, 3)
            .expect("search")
            .into_iter()
            .map(|h| h.slug)
            .collect()
    };
    for (query, answer) in [
        ("erreur 9006", "errors/9006"),
        ("stockage icloud saturé", "causes/icloud-storage-full"),
        ("stockage icloud sature", "causes/icloud-storage-full"),
        ("STOCKAGE ICLOUD SATURÉ", "causes/icloud-storage-full"),
        (
            "la sauvegarde s'arrête à mi-chemin",
            "faq/backup-fails-halfway",
        ),
        (
            "la sauvegarde s arrete a mi chemin",
            "faq/backup-fails-halfway",
        ),
        ("batterie faible", "causes/low-battery"),
        // The built-in French synonyms: "relancer" finds "redémarrez", never written
        // "relancer" in the fixture.
        ("relancer", "fixes/use-stronger-wifi"),
        (
            "réinitialiser les réglages réseau",
            "fixes/reset-network-settings",
        ),
        (
            "reinitialiser les reglages reseau",
            "fixes/reset-network-settings",
        ),
    ] {
        let found = top(query);
        assert!(
            found.iter().any(|s| s == answer),
            "{query:?}: {answer} not in the top 3 {found:?}"
        );
    }
}

#[test]
#[ignore = "needs node"]
fn remedy_search_and_the_browser_client_agree_on_a_french_site() {
    let node = support::node();
    let root = french_build();
    let open = index::open(&root.join("public/search/index")).expect("open the index");
    let queries: Vec<String> = FRENCH_QUERIES.iter().map(|q| q.to_string()).collect();
    let js = slugs(&run_client_on(
        &node,
        &root.join("public"),
        &serde_json::json!(queries),
        &["5"],
        "french",
    ));
    let mut differences = Vec::new();
    let mut empty = Vec::new();
    for (query, js) in queries.iter().zip(&js) {
        let cli: Vec<String> = searcher::search(&open, query, 5)
            .expect("search")
            .into_iter()
            .map(|h| h.slug)
            .collect();
        if cli.is_empty() {
            empty.push(query.clone());
        }
        if &cli != js {
            differences.push(format!("{query:?}\n  cli {cli:?}\n  js  {js:?}"));
        }
    }
    println!(
        "French top-5 parity: {} queries, {} differ",
        queries.len(),
        differences.len()
    );
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    assert!(empty.is_empty(), "queries that found nothing: {empty:?}");
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn the_browser_searches_a_french_site_from_file_urls() {
    let root = french_build();
    let session = support::browser();
    session.goto(&format!(
        "file://{}",
        root.join("public/index.html").display()
    ));
    let results = session.async_script(
        "var done = arguments[arguments.length - 1]; \
         window.Remedy.search('sauvegarde bloquee a mi chemin', {limit: 3}).then(function (r) { \
           done(r.map(function (h) { return [h.slug, h.highlights.title.length]; })); \
         }, function (e) { done(String(e)); });",
    );
    assert_eq!(
        results[0][0], "faq/backup-fails-halfway",
        "the first result: {results}"
    );
    let reports = crate::accessibility::csp_violations(&session);
    assert!(reports.is_empty(), "CSP violations: {reports:?}");
}

// ---- languages search has no rules for, and indexes of another analysis ---------------------

#[test]
fn a_language_without_rules_falls_back_to_english_with_a_warning() {
    let site = TestSite::new("basic");
    site.write(
        "book.toml",
        "[book]\ntitle = \"Hulp\"\nlanguage = \"nl\"\n\n[build]\nbase-url = \"https://help.example.com/\"\n",
    );
    let build = site.remedy(&["build"]);
    build.expect_code(0);
    assert!(
        build
            .stderr
            .contains("warning: search has no rules for `nl`")
            && build.stderr.contains("--> book.toml:3:12"),
        "{}",
        build.stderr
    );
    assert!(
        build.stderr.contains(
            "search uses English stemming and stop words; it has rules for `en`, `fr`, `de`, \
             `es`, `pt`, `it`"
        ),
        "{}",
        build.stderr
    );
    let meta =
        std::fs::read_to_string(site.path("public/search/index/remedy-search.json")).unwrap();
    assert!(meta.contains("\"language\": \"en\""), "{meta}");
    let html = std::fs::read_to_string(site.path("public/index.html")).unwrap();
    assert!(
        html.contains("<html lang=\"nl\""),
        "the page keeps its language"
    );
    site.remedy(&["check", "--strict"]).expect_code(1);
    site.remedy(&["search", "storage"]).expect_code(0);
}

#[test]
fn a_regional_tag_uses_its_language_s_rules() {
    let site = TestSite::new("basic");
    site.write(
        "book.toml",
        "[book]\ntitle = \"Aide\"\nlanguage = \"fr-CA\"\n",
    );
    let build = site.remedy(&["build"]);
    build.expect_code(0);
    assert!(!build.stderr.contains("no rules"), "{}", build.stderr);
    let meta =
        std::fs::read_to_string(site.path("public/search/index/remedy-search.json")).unwrap();
    assert!(meta.contains("\"language\": \"fr\""), "{meta}");
}

#[test]
fn an_index_made_by_another_analysis_is_refused() {
    let site = TestSite::new("basic");
    site.remedy(&["build"]).expect_code(0);
    let path = site.path("public/search/index/remedy-search.json");
    let meta = std::fs::read_to_string(&path).unwrap();
    let id = analysis::analysis_id(Language::English);
    for (what, changed) in [
        (
            "other sources",
            meta.replace(&id, &id.replace(&id[id.len() - 4..], "0000")),
        ),
        (
            "another language",
            meta.replace("\"language\": \"en\"", "\"language\": \"fr\""),
        ),
        (
            "a language without rules",
            meta.replace("\"language\": \"en\"", "\"language\": \"nl\""),
        ),
    ] {
        assert_ne!(changed, meta, "{what}");
        std::fs::write(&path, &changed).unwrap();
        let run = site.remedy(&["search", "storage"]);
        run.expect_code(2);
        assert!(
            run.stderr
                .contains("the search index was made by another version of remedy")
                && run.stderr.contains("run `remedy build` first"),
            "{what}: {}",
            run.stderr
        );
    }
}
