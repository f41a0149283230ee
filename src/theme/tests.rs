//! Unit tests of [`super`].

use super::*;

fn load_with_override(name: &str, text: &str) -> Vec<String> {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join(SITE_TEMPLATES_DIR).join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    match load(temp.path(), &Config::default()) {
        Err(Error::Content(diagnostics)) => diagnostics.iter().map(|d| d.to_string()).collect(),
        other => panic!("expected template problems, got {other:?}"),
    }
}

#[test]
fn problems_found_after_parsing_point_into_the_template() {
    // Tera reports these as one text of reports rather than as a located error.
    let problems = load_with_override(
        "article.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ article.title | shout }}\n{% include \"nope.html\" %}\n{% endblock main %}\n{% block sidebar %}{% endblock sidebar %}\n",
    );
    assert_eq!(
        problems,
        [
            "error: template error: unknown filter `shout`\n --> templates/article.html:3:20\n  |\n3 | {{ article.title | shout }}\n  |                    ^^^^^",
            "error: template error: unknown template `nope.html`\n --> templates/article.html:4:12\n  |\n4 | {% include \"nope.html\" %}\n  |            ^^^^^^^^^^^",
            "error: template error: block `sidebar` is not defined in any parent template\n --> templates/article.html:6:10\n  |\n6 | {% block sidebar %}{% endblock sidebar %}\n  |          ^^^^^^^",
        ]
    );
}

#[test]
fn syntax_errors_point_into_the_template() {
    let problems = load_with_override("home.html", "<h1>{{ site.title }</h1>\n");
    assert_eq!(
        problems,
        [
            "error: template error: found `}` but expected }}\n --> templates/home.html:1:19\n  |\n1 | <h1>{{ site.title }</h1>\n  |                   ^"
        ]
    );
}

/// Regression: a `static/` folder linked to `/etc` published every file of `/etc`.
#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_refused_and_links_within_it_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    let site = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path().join(SITE_STATIC_DIR)).unwrap();
    std::fs::create_dir(site.path().join(SITE_TEMPLATES_DIR)).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.path().join("templates/leak.html"),
    )
    .unwrap();
    let problems = match load(site.path(), &Config::default()) {
        Err(Error::Content(diagnostics)) => diagnostics,
        other => panic!("expected symlink problems, got {other:?}"),
    };
    let target = outside.path().canonicalize().unwrap();
    let messages: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        messages,
        [
            format!(
                "error: symlink points outside the site: `{}/secret.txt`\n--> templates/leak.html\n = help: copy the file into the site instead of linking to it",
                target.display()
            ),
            format!(
                "error: symlink points outside the site: `{}`\n--> static\n = help: copy the file into the site instead of linking to it",
                target.display()
            ),
        ]
    );

    // A link that stays inside the site is followed, as in `content/`.
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("assets")).unwrap();
    std::fs::write(site.path().join("assets/logo.svg"), "<svg/>").unwrap();
    std::fs::create_dir(site.path().join(SITE_STATIC_DIR)).unwrap();
    std::os::unix::fs::symlink(
        site.path().join("assets/logo.svg"),
        site.path().join("static/logo.svg"),
    )
    .unwrap();
    let theme = load(site.path(), &Config::default()).unwrap();
    assert_eq!(theme.assets["logo.svg"].bytes, b"<svg/>");
}
