//! Markdown that writes raw HTML by a side door while `allow-html = false`: heading attributes
//! (`{onclick=...}`) and links that run script (`javascript:`, `vbscript:`, `data:` pages,
//! however they are spelled). Each is refused with its place; `{#id}` and `{.class}` stay
//! allowed, and with `allow-html = true` the writer is trusted with all of it.

use super::{LINKED_HEADING, assert_refused, built_page, with_article};

const NO_HTML: &str = "[book]\ntitle = \"Fixture help\"\n[build]\nbase-url = \"https://help.example.com/\"\nallow-html = false\n";

fn without_html(body: &str) -> crate::support::TestSite {
    let site = with_article(&format!(
        "+++\ntitle = \"How it works\"\n+++\n\n{LINKED_HEADING}{body}"
    ));
    site.write("book.toml", NO_HTML);
    site
}

/// Regression (issue 15, row 6): the attributes were written into the page.
#[test]
fn heading_attributes_are_refused_without_html() {
    let site = without_html("## Hi {onclick=alert(1) style=color:red}\n");
    assert_refused(
        &site,
        1,
        "content/guides/how-it-works.md:7:7: heading attribute `onclick` is raw HTML, and \
         `allow-html` is off",
    );
}

#[test]
fn heading_ids_and_classes_stay_allowed_without_html() {
    let site = without_html("## Hi {#greeting .wide}\n");
    let page = built_page(&site);
    assert!(
        page.contains("<h2 id=\"greeting\" class=\"wide\">Hi</h2>"),
        "{page}"
    );
}

/// Regression (row 6): `javascript:` links passed through; only the default theme's CSP
/// stopped them.
#[test]
fn script_links_are_refused_without_html() {
    for (link, scheme) in [
        ("[x](javascript:alert(1))", "javascript:"),
        ("[x](JavaScript:alert(1))", "javascript:"),
        ("<javascript:alert(1)>", "javascript:"),
        ("[x](<java&#9;script:alert(1)>)", "javascript:"),
        ("[x](vbscript:msgbox)", "vbscript:"),
        ("[x](data:text/html,<script>alert(1)</script>)", "data:"),
    ] {
        let site = without_html(&format!("See {link}.\n"));
        let check = site.remedy(&["check"]);
        check.expect_code(1);
        assert!(
            check.stderr.starts_with(&format!(
                "error: a `{scheme}` link runs script, and `allow-html` is off\n --> \
                 content/guides/how-it-works.md:7:"
            )),
            "{link}\n{check}"
        );
    }
}

#[test]
fn ordinary_links_and_html_sites_are_untouched() {
    let site = without_html("See [docs](https://example.com/data:x) and [mail](mailto:a@b.c).\n");
    let page = built_page(&site);
    assert!(
        page.contains("href=\"https://example.com/data:x\""),
        "{page}"
    );
    let trusted = with_article(&format!(
        "+++\ntitle = \"How it works\"\n+++\n\n{LINKED_HEADING}## Hi {{data-x=1}}\n"
    ));
    let page = built_page(&trusted);
    assert!(page.contains("data-x=\"1\""), "{page}");
}
