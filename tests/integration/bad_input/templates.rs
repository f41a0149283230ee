//! Themes that do not exist or are paths, and templates with syntax errors, that include or
//! extend themselves, or are not UTF-8.

use std::fs;
use std::time::Duration;

use super::{assert_no_crash, assert_refused, first_reported, run_with_deadline, with_config};
use crate::support::TestSite;

#[test]
fn theme_that_does_not_exist() {
    let site = with_config("[book]\ntitle = \"Help\"\n[build]\ntheme = \"fancy\"\n");
    assert_refused(
        &site,
        1,
        "book.toml: theme `fancy` not found: there is no folder `themes/fancy`",
    );
}

#[test]
fn theme_name_that_is_a_path() {
    let site = with_config("[book]\ntitle = \"Help\"\n[build]\ntheme = \"../other\"\n");
    assert_refused(&site, 1, "book.toml:4:9: `../other` is not a theme name");
}

#[test]
fn template_syntax_error() {
    let site = TestSite::new("basic");
    site.write("templates/home.html", "<h1>{{ site.title }</h1>\n");
    assert_refused(
        &site,
        1,
        "templates/home.html:1:19: template error: found `}` but expected }}",
    );
}

#[test]
fn template_that_includes_itself() {
    let site = TestSite::new("basic");
    site.write("templates/article.html", "{% include \"article.html\" %}\n");
    assert_refused(
        &site,
        1,
        "templates/article.html: template error: `article.html` includes itself (article.html → article.html)",
    );
}

#[test]
fn templates_that_include_each_other() {
    let site = TestSite::new("basic");
    site.write(
        "templates/article.html",
        "{% include \"partials/a.html\" %}\n",
    );
    site.write(
        "templates/partials/a.html",
        "{% include \"article.html\" %}\n",
    );
    assert_refused(
        &site,
        1,
        "templates/article.html: template error: `article.html` includes itself (article.html → partials/a.html → article.html)",
    );
}

#[test]
fn template_that_extends_itself() {
    let site = TestSite::new("basic");
    site.write(
        "templates/article.html",
        "{% extends \"article.html\" %}{% block main %}{% endblock main %}\n",
    );
    let check = site.remedy(&["check"]);
    assert_no_crash(&check);
    let first = first_reported(&check.stderr);
    assert!(first.starts_with("templates/article.html"), "{check}");
    assert!(first.contains("extends itself"), "{check}");
    assert_refused(&site, 1, &first);
}

#[test]
fn template_not_utf8() {
    let site = TestSite::new("basic");
    fs::create_dir(site.path("templates")).unwrap();
    fs::write(site.path("templates/article.html"), b"<h1>\xff</h1>").unwrap();
    assert_refused(
        &site,
        1,
        "templates/article.html: template is not valid UTF-8",
    );
}

/// Regression (issue 15, row 12): nested `range(end=100000)` loops hung the build while its
/// memory grew. The page stops at its work limit, and the error names the template; the site's
/// other 100 articles fail at once with it instead of each running into the limit too.
#[test]
fn a_template_that_writes_without_end_is_stopped() {
    let site = TestSite::new("basic");
    for n in 0..100 {
        site.write(
            &format!("content/guides/more-{n}.md"),
            &format!("+++\ntitle = \"More {n}\"\n+++\n\n## Where backups live\n"),
        );
    }
    site.write(
        "templates/article.html",
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{{ i }},{{ j }};\
         {% endfor %}{% endfor %}\n",
    );
    let build = run_with_deadline(&site, &["build"], Duration::from_secs(60));
    assert_no_crash(&build);
    build.expect_code(1);
    let first = first_reported(&build.stderr);
    assert!(
        first
            == "templates/article.html: template `article.html` wrote more than 64 MB for one page"
            || first
                == "templates/article.html: template `article.html` took more than 10 seconds for one page",
        "{build}"
    );
}

/// Regression (row 12): a component calling itself four times at every level.
#[test]
fn a_component_that_recurses_fourfold_is_stopped() {
    let site = TestSite::new("basic");
    site.write(
        "templates/article.html",
        "{% component tree(depth) %}<i>{{ depth }}</i>{% if depth > 0 %}\
         {{<tree depth={depth - 1}/>}}{{<tree depth={depth - 1}/>}}\
         {{<tree depth={depth - 1}/>}}{{<tree depth={depth - 1}/>}}{% endif %}\
         {% endcomponent tree %}{{<tree depth={18}/>}}\n",
    );
    let build = run_with_deadline(&site, &["build"], Duration::from_secs(120));
    assert_no_crash(&build);
    build.expect_code(1);
    assert!(
        first_reported(&build.stderr)
            .starts_with("templates/article.html: template `article.html` "),
        "{build}"
    );
}
