//! Every URL in the built bundled site that points into the site leads to a file, and every
//! `#fragment` to an id on the target page; no template syntax is left unrendered.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::html::{anchors, pages, tags};
use crate::support::{BUNDLED_BASE_URL, TestSite, bundled_build, bundled_root, remedy, repo};

/// The attributes that hold URLs a reader's browser follows or loads.
const URL_ATTRIBUTES: [&str; 3] = ["href", "src", "action"];

/// Where a URL found on a page leads inside the build dir.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// Outside the site (another host, `mailto:`, ...).
    External,
    /// A file of the build dir (`/`-separated) and an optional fragment.
    File(String, Option<String>),
    /// Inside the site by its shape, but above the build dir's root.
    Escapes,
}

/// Resolves `url`, found on the page at `page` (a build-dir path such as
/// `causes/x/index.html`), against a site published at `base_url`.
fn resolve(page: &str, url: &str, base_url: &str, build_dir: &Path) -> Target {
    let base_path = base_url
        .find("://")
        .and_then(|i| base_url[i + 3..].find('/').map(|j| &base_url[i + 3 + j..]))
        .unwrap_or("/");
    let (url, fragment) = match url.split_once('#') {
        Some((url, fragment)) => (url, Some(fragment.to_string())),
        None => (url, None),
    };
    let url = url.split('?').next().unwrap_or("");
    let mut segments: Vec<&str> = Vec::new();
    let path = if let Some(inside) = url.strip_prefix(base_url) {
        inside
    } else if url.starts_with("//") || has_scheme(url) {
        return Target::External;
    } else if url.starts_with('/') {
        match url.strip_prefix(base_path) {
            Some(inside) => inside,
            None => return Target::Escapes,
        }
    } else {
        segments.extend(page.split('/'));
        segments.pop(); // the page's own file name
        if url.is_empty() {
            // `#fragment` alone, or `?query`: this very page.
            return Target::File(page.to_string(), fragment);
        }
        url
    };
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if segments.pop().is_none() {
                    return Target::Escapes;
                }
            }
            other => segments.push(other),
        }
    }
    let mut file = segments.join("/");
    if path.is_empty() || path.ends_with('/') || build_dir.join(&file).is_dir() {
        if !file.is_empty() {
            file.push('/');
        }
        file.push_str("index.html");
    }
    Target::File(file, fragment)
}

fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(colon) => {
            let scheme = &url[..colon];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !scheme.contains('/')
        }
        None => false,
    }
}

/// Every URL a page points at: `href`, `src` and `action` attributes, and any other attribute
/// holding an absolute URL into the site (`og:url`).
fn urls_of(html: &str, base_url: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for tag in tags(html) {
        for (name, value) in &tag.attributes {
            if URL_ATTRIBUTES.contains(&name.as_str()) || value.starts_with(base_url) {
                urls.push(value.clone());
            }
        }
    }
    urls
}

/// Checks every internal URL of every page of `build_dir`; returns one line per problem.
/// Also returns how many internal URLs were checked.
fn broken_links(build_dir: &Path, base_url: &str) -> (Vec<String>, usize) {
    let pages = pages(build_dir);
    let mut anchors_by_page: BTreeMap<&str, HashSet<String>> = BTreeMap::new();
    for (path, html) in &pages {
        anchors_by_page.insert(path, anchors(html));
    }
    let mut problems = Vec::new();
    let mut checked = 0;
    for (page, html) in &pages {
        for url in urls_of(html, base_url) {
            checked += 1;
            match resolve(page, &url, base_url, build_dir) {
                Target::External => checked -= 1,
                Target::Escapes => problems.push(format!("{page}: `{url}` leaves the site")),
                Target::File(file, fragment) => {
                    if !build_dir.join(&file).is_file() {
                        problems.push(format!("{page}: `{url}` → `{file}` does not exist"));
                        continue;
                    }
                    let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
                        continue;
                    };
                    match anchors_by_page.get(file.as_str()) {
                        Some(ids) if ids.contains(&fragment) => {}
                        Some(_) => problems
                            .push(format!("{page}: `{url}` → `{file}` has no id `{fragment}`")),
                        None => problems.push(format!(
                            "{page}: `{url}` has a fragment, but `{file}` is not a page"
                        )),
                    }
                }
            }
        }
    }
    (problems, checked)
}

#[test]
fn every_internal_url_of_the_bundled_site_resolves() {
    let build = bundled_build();
    let (problems, checked) = broken_links(&build.dir, BUNDLED_BASE_URL);
    assert!(
        checked > 1000,
        "only {checked} internal URLs: is the reader broken?"
    );
    assert!(
        problems.is_empty(),
        "{} broken internal URLs:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_internal_url_resolves_when_the_site_is_published_under_a_path() {
    // Served from https://example.org/help/, the 404 page's root-relative URLs must carry
    // `/help/`, and absolute URLs the whole base.
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("public");
    let base_url = "https://example.org/help/";
    let out_arg = out.to_str().unwrap();
    remedy(
        bundled_root(),
        &["build", "--out", out_arg, "--base-url", base_url],
    )
    .expect_code(0);
    let (problems, checked) = broken_links(&out, base_url);
    assert!(checked > 1000, "only {checked} internal URLs");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let not_found = std::fs::read_to_string(out.join("404.html")).unwrap();
    assert!(not_found.contains("href=\"/help/"), "{not_found}");
}

/// The ids used more than once on a page.
fn duplicate_ids(html: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut duplicates: Vec<String> = tags(html)
        .iter()
        .filter_map(|tag| tag.attribute("id"))
        .filter(|id| !seen.insert(id.to_string()))
        .map(str::to_string)
        .collect();
    duplicates.dedup();
    duplicates
}

#[test]
fn no_page_of_the_bundled_site_has_duplicate_ids() {
    // The check sees a duplicate when there is one.
    assert_eq!(
        duplicate_ids("<h2 id=\"a\">x</h2><p id=\"b\"></p><h3 id=\"a\">y</h3>"),
        ["a"]
    );
    let build = bundled_build();
    let pages = pages(&build.dir);
    assert!(pages.len() > 50, "only {} pages", pages.len());
    let problems: Vec<String> = pages
        .iter()
        .filter_map(|(path, html)| {
            let duplicates = duplicate_ids(html);
            (!duplicates.is_empty()).then(|| format!("{path}: {duplicates:?}"))
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn headings_named_like_the_theme_s_own_elements_get_other_ids() {
    // `## Main` must not become a second `id="main"`: the skip link would jump to it.
    let site = TestSite::new("basic");
    site.write(
        "content/guides/how-it-works.md",
        "+++\ntitle = \"How backups work\"\n+++\n\n## Where backups live\n\n## Main\n\n\
         See [main](#main-1).\n",
    );
    site.remedy(&["build"]).expect_code(0);
    let page = site.path("public/guides/how-it-works/index.html");
    let html = std::fs::read_to_string(page).unwrap();
    assert_eq!(duplicate_ids(&html), Vec::<String>::new());
    assert!(html.contains("<h2 id=\"main-1\">Main</h2>"), "{html}");
}

#[test]
fn no_page_has_unrendered_template_syntax() {
    let build = bundled_build();
    let pages = pages(&build.dir);
    assert!(pages.len() > 50, "only {} pages", pages.len());
    // The theme's templates hold the syntax that must not survive rendering.
    let base = std::fs::read_to_string(repo().join("themes/default/templates/base.html")).unwrap();
    assert!(base.contains("{{") && base.contains("{%"), "{base}");
    let mut problems = Vec::new();
    for (path, html) in pages {
        for syntax in ["{{", "{%", "{#"] {
            if let Some(at) = html.find(syntax) {
                let context: String = html[at..].chars().take(60).collect();
                problems.push(format!("{path}: `{context}`"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn urls_resolve_like_a_browser_would() {
    let dir = Path::new("/nonexistent");
    let base = "https://help.example.com/";
    let file =
        |f: &str, fragment: Option<&str>| Target::File(f.to_string(), fragment.map(str::to_string));
    let page = "causes/x/index.html";
    assert_eq!(
        resolve(page, "../../style.css?v=1", base, dir),
        file("style.css", None)
    );
    assert_eq!(
        resolve(page, "../y/#steps", base, dir),
        file("causes/y/index.html", Some("steps"))
    );
    assert_eq!(resolve(page, "../../", base, dir), file("index.html", None));
    assert_eq!(
        resolve(page, "#top", base, dir),
        file("causes/x/index.html", Some("top"))
    );
    assert_eq!(
        resolve(page, "https://help.example.com/fixes/", base, dir),
        file("fixes/index.html", None)
    );
    assert_eq!(
        resolve("404.html", "/feed.xml", base, dir),
        file("feed.xml", None)
    );
    assert_eq!(
        resolve(page, "https://apple.com/", base, dir),
        Target::External
    );
    assert_eq!(
        resolve(page, "mailto:help@example.com", base, dir),
        Target::External
    );
    assert_eq!(resolve(page, "../../../x", base, dir), Target::Escapes);
    let sub = "https://example.com/help/";
    assert_eq!(
        resolve("404.html", "/help/style.css", sub, dir),
        file("style.css", None)
    );
    assert_eq!(resolve("404.html", "/other/", sub, dir), Target::Escapes);
}

#[test]
fn the_link_checker_reports_missing_files_and_anchors() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::write(
        dir.join("a/index.html"),
        "<h2 id=\"steps\">Steps</h2><a href=\"#steps\">ok</a><a href=\"../#nowhere\">x</a>\
         <img src=\"../missing.png\"><a href=\"https://other.example/\">out</a>",
    )
    .unwrap();
    std::fs::write(dir.join("index.html"), "<a href=\"a/#steps\">ok</a>").unwrap();
    let (problems, checked) = broken_links(dir, "https://help.example.com/");
    assert_eq!(checked, 4);
    assert_eq!(
        problems,
        [
            "a/index.html: `../#nowhere` → `index.html` has no id `nowhere`",
            "a/index.html: `../missing.png` → `missing.png` does not exist",
        ]
    );
}
