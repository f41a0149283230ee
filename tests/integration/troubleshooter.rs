//! The troubleshooter and the print views, without JavaScript, on the bundled site: every
//! symptom has a page that lists its causes (most likely first) with their fixes (easiest
//! first); error pages, the home page and the search page lead into it; each cause with fixes
//! has a print view linked from its page. That every link resolves is `links`' job.

use std::fs;

use crate::html::tags;
use crate::support::{TestSite, bundled_build};

fn page(path: &str) -> String {
    let file = bundled_build().dir.join(path);
    fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The cause slugs of the cause blocks of a page, in order.
fn cause_order(html: &str) -> Vec<String> {
    tags(html)
        .iter()
        .filter_map(|t| t.attribute("data-cause").map(str::to_string))
        .collect()
}

/// The fix slugs of one cause's block, in order.
fn fixes_of(html: &str, cause: &str) -> Vec<String> {
    let start = html
        .find(&format!("data-cause=\"{cause}\""))
        .unwrap_or_else(|| panic!("no block for {cause}"));
    let end = [
        "</li>\n<li class=\"cause-block\"",
        "</ol>\n</section>",
        "</ol>\n<details",
    ]
    .iter()
    .filter_map(|end| html[start..].find(end))
    .min()
    .unwrap()
        + start;
    tags(&html[start..end])
        .iter()
        .filter_map(|t| t.attribute("data-fix").map(str::to_string))
        .collect()
}

#[test]
fn the_index_lists_every_symptom_as_a_link_to_its_page() {
    let html = page("troubleshoot/index.html");
    let symptoms: Vec<(String, String)> = tags(&html)
        .iter()
        .filter(|t| t.name == "li")
        .filter_map(|t| {
            Some((
                t.attribute("data-symptom")?.to_string(),
                t.attribute("data-causes")?.to_string(),
            ))
        })
        .collect();
    assert!(symptoms.len() > 50, "{} symptoms", symptoms.len());
    // No two chips are one symptom written twice.
    let mut keys: Vec<String> = tags(&html)
        .iter()
        .filter(|t| t.name == "li" && t.attribute("data-symptom").is_some())
        .map(|t| t.attribute("data-symptom").unwrap().to_string())
        .collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), symptoms.len());
    // Each group shows its most useful symptoms; the cause group keeps the rest behind "more",
    // and shows the headline symptom of every cause.
    let groups: Vec<&str> = html.split("<div class=\"ts-group ").skip(1).collect();
    assert_eq!(groups.len(), 3, "{html}");
    let (shown, more) = groups[0]
        .split_once("<details class=\"ts-more-symptoms\">")
        .expect("the cause group has more symptoms than it shows");
    assert!(more.contains("more</summary>"), "{more}");
    for headline in [
        ">iCloud storage full</a>",
        ">Wi-Fi keeps dropping</a>",
        ">Backup stuck</a>",
    ] {
        assert!(
            shown.contains(headline),
            "{headline} is not shown first: {shown}"
        );
    }
    for (slug, causes) in &symptoms {
        assert!(
            html.contains(&format!("<a href=\"../troubleshoot/{slug}.html\">")),
            "no link to `{slug}.html`"
        );
        assert!(!causes.is_empty(), "`{slug}` leads nowhere");
        assert!(
            bundled_build()
                .dir
                .join(format!("troubleshoot/{slug}.html"))
                .is_file()
        );
    }
    for heading in [
        "<h2 id=\"ts-symptoms-heading\">What do you see?</h2>",
        "<h3 id=\"ts-group-cause\">What goes wrong</h3>",
        "<h3 id=\"ts-group-error\">Messages and error codes</h3>",
    ] {
        assert!(html.contains(heading), "no {heading}");
    }
    // Every cause with its fixes, and the way out.
    assert_eq!(cause_order(&html).len(), 10);
    assert!(
        html.contains("<a href=\"../fixes/contact-apple-support/\">Contact Apple Support</a>"),
        "no escalation link"
    );
}

/// Builds the copy of the bundled site at `site` into `site/<out>`, with `setting`
/// (`index-causes = 9`) added to the `[troubleshooter]` table of `config`, its `book.toml`.
/// Returns the build dir.
fn build_with(
    site: &std::path::Path,
    config: &str,
    setting: &str,
    out: &str,
) -> std::path::PathBuf {
    let changed = config.replace(
        "[troubleshooter]\n",
        &format!("[troubleshooter]\n{setting}\n"),
    );
    assert_ne!(changed, config);
    fs::write(site.join("book.toml"), changed).unwrap();
    crate::support::remedy(site, &["build", "--quiet", "--out", out]).expect_code(0);
    site.join(out)
}

/// Past `[troubleshooter] index-causes` the index lists symptoms only, each a link to its page
/// (which lists its causes), says why, and links to every cause; the symptom pages are as they
/// were. The bundled site has 10 causes: a limit of 9 is just past it, 10 keeps the full index.
#[test]
fn a_troubleshooter_past_index_causes_lists_symptoms_only() {
    let site = tempfile::tempdir().unwrap();
    crate::support::copy_bundled_site(site.path());
    let config = fs::read_to_string(site.path().join("book.toml")).unwrap();
    let build = |limit: usize, out: &str| {
        build_with(
            site.path(),
            &config,
            &format!("index-causes = {limit}"),
            out,
        )
    };
    let full = build(10, "full");
    let html = fs::read_to_string(full.join("troubleshoot/index.html")).unwrap();
    assert_eq!(
        html,
        page("troubleshoot/index.html"),
        "10 causes fit a limit of 10"
    );

    let limited = build(9, "limited");
    let html = fs::read_to_string(limited.join("troubleshoot/index.html")).unwrap();
    assert!(cause_order(&html).is_empty(), "no cause block on the index");
    let chips: Vec<_> = tags(&html)
        .into_iter()
        .filter(|t| t.name == "li" && t.attribute("data-symptom").is_some())
        .collect();
    assert!(chips.len() > 50, "{} symptoms", chips.len());
    for tag in &chips {
        let slug = tag.attribute("data-symptom").unwrap();
        assert_eq!(
            tag.attribute("data-causes"),
            None,
            "`{slug}` carries its causes"
        );
        assert!(
            html.contains(&format!("<a href=\"../troubleshoot/{slug}.html\">")),
            "no link to `{slug}.html`"
        );
    }
    assert!(html.contains("id=\"troubleshooter\" data-causes-from=\"pages\""));
    assert!(
        html.contains(
            "<h2 id=\"ts-causes-heading\">Causes and their fixes</h2>\n<p class=\"ts-on-demand\">\
         <span class=\"ts-on-demand-text\">10 causes are known, too many to list here: open what \
         you see above for its likely causes and their fixes.</span> \
         <a href=\"../causes/\">Browse all causes</a></p>"
        ),
        "{html}"
    );
    assert!(html.contains("<a href=\"../fixes/contact-apple-support/\">Contact Apple Support</a>"));
    // The symptom pages, where the causes now are, are the same as with the full index.
    for page in ["error-9006.html", "backup-stops-halfway.html"] {
        assert_eq!(
            fs::read(limited.join("troubleshoot").join(page)).unwrap(),
            fs::read(full.join("troubleshoot").join(page)).unwrap(),
            "{page}"
        );
    }
}

/// Past `[troubleshooter] page-causes` a symptom's page shows its most likely causes in full
/// and the others as links, in the same order, counted in the lead; `page-causes = 0` shows
/// every one in full, as the default (25) does for the bundled site's symptoms.
#[test]
fn a_symptom_page_past_page_causes_lists_the_less_likely_ones_as_links() {
    let site = tempfile::tempdir().unwrap();
    crate::support::copy_bundled_site(site.path());
    let config = fs::read_to_string(site.path().join("book.toml")).unwrap();
    let build = |limit: usize, out: &str| {
        build_with(site.path(), &config, &format!("page-causes = {limit}"), out)
            .join("troubleshoot/backup-stops-halfway.html")
    };
    let all = fs::read_to_string(build(0, "all")).unwrap();
    assert_eq!(all, page("troubleshoot/backup-stops-halfway.html"));
    assert!(!all.contains("cause-link"), "{all}");
    let order = cause_order(&all);
    assert!(order.len() >= 3, "{order:?}");

    let html = fs::read_to_string(build(2, "two")).unwrap();
    let blocks: Vec<String> = tags(&html)
        .iter()
        .filter(|t| t.name == "li" && t.attribute("class") == Some("cause-block"))
        .map(|t| t.attribute("data-cause").unwrap().to_string())
        .collect();
    let links: Vec<String> = tags(&html)
        .iter()
        .filter(|t| t.name == "li" && t.attribute("class") == Some("cause-link"))
        .map(|t| t.attribute("data-cause").unwrap().to_string())
        .collect();
    assert_eq!(blocks, order[..2], "the most likely two in full");
    assert_eq!(links, order[2..], "the others as links, in the same order");
    // Each link leads to its cause's page and shows its summary, not its fixes.
    for cause in &links {
        assert!(
            html.contains(&format!("data-cause=\"{cause}\" data-weight=\"")),
            "{cause}"
        );
        assert!(
            html.contains(&format!("<a href=\"../{cause}/\">")),
            "{cause}"
        );
    }
    assert_eq!(fixes_of(&html, &order[0]), fixes_of(&all, &order[0]));
    let more = order.len() - 2;
    let summary = if more == 1 {
        "One less likely cause, its fixes on its own page".to_string()
    } else {
        format!("{more} less likely causes, each with its fixes on its own page")
    };
    assert!(
        html.contains(&format!(
            "<details class=\"ts-more-causes\">\n<summary>{summary}</summary>\n\
             <ol class=\"cause-links\" start=\"3\">"
        )),
        "{html}"
    );
    // The lead counts every cause, and the links are inside the causes' section, where the
    // troubleshooter's script reads them.
    assert!(html.contains(&format!(
        "<p class=\"page-lead\">{} possible causes",
        order.len()
    )));
    let section = &html[html.find("id=\"ts-causes\"").unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(section.contains("class=\"cause-links\""));
}

#[test]
fn a_symptom_page_ranks_causes_by_weight_and_fixes_by_effort() {
    // "backup stops halfway" is a symptom of several causes: listed by weight.
    let html = page("troubleshoot/backup-stops-halfway.html");
    let causes = cause_order(&html);
    assert_eq!(causes[0], "causes/icloud-storage-full", "{causes:?}");
    assert!(causes.len() > 1, "{causes:?}");
    // Shown as written, in display case; its address is lower case.
    assert!(html.contains("<h1>Backup stops halfway</h1>"), "{html}");
    // The glitch's fixes, easiest first, the escalation among them.
    let html = page("troubleshoot/backup-stuck.html");
    let fixes = fixes_of(&html, "causes/software-glitch");
    assert!(fixes.len() > 3, "{fixes:?}");
    assert!(fixes.contains(&"fixes/contact-apple-support".to_string()));
    let minutes: Vec<u32> = fixes
        .iter()
        .map(|slug| {
            let source = fs::read_to_string(crate::support::bundled_article_file(slug)).unwrap();
            let effort = source
                .lines()
                .find_map(|l| l.strip_prefix("effort = \""))
                .unwrap()
                .trim_end_matches('"');
            remedy::model::effort_minutes(effort).unwrap()
        })
        .collect();
    let mut sorted = minutes.clone();
    sorted.sort();
    assert_eq!(minutes, sorted, "{fixes:?}");
    // Other symptoms of the same causes, and the multi-symptom picker.
    assert!(html.contains("Seeing something else too?"));
    assert!(
        html.contains("href=\"../troubleshoot/?symptoms=backup-stuck\""),
        "{html}"
    );
    assert!(html.contains("href=\"../fixes/contact-apple-support/\""));
}

#[test]
fn error_pages_the_home_page_and_search_lead_into_the_troubleshooter() {
    let html = page("errors/9006/index.html");
    assert!(
        html.contains("<a href=\"../../troubleshoot/error-9006.html\">"),
        "no troubleshooter link on the error page"
    );
    let entry = page("troubleshoot/error-9006.html");
    assert_eq!(
        cause_order(&entry),
        ["causes/icloud-storage-full", "causes/backup-too-large"]
    );
    assert!(page("index.html").contains("<a href=\"troubleshoot/\">"));
    let search = page("search/index.html");
    assert!(search.contains("<a href=\"../troubleshoot/\">"), "{search}");
    assert!(search.contains("data-troubleshooter=\"troubleshoot/\""));
    // Error pages lead to it, causes do not.
    assert!(
        html.contains("<p class=\"troubleshoot-entry\">"),
        "no troubleshooter entry on the error page"
    );
    assert!(!page("causes/icloud-storage-full/index.html").contains("troubleshoot-entry"));
}

#[test]
fn each_cause_with_fixes_has_a_print_view_with_all_its_fixes() {
    let cause = page("causes/icloud-storage-full/index.html");
    assert!(
        cause.contains(
            "<a href=\"../../causes/icloud-storage-full/print.html\">Print these fixes as a checklist</a>"
        ),
        "no print link"
    );
    let print = page("causes/icloud-storage-full/print.html");
    assert!(print.contains("<h1>Not enough iCloud storage</h1>"));
    let fixes: Vec<&str> = print
        .match_indices("<li class=\"checklist-fix\">")
        .map(|(i, _)| &print[i..])
        .collect();
    assert_eq!(fixes.len(), 2, "{print}");
    assert!(fixes[0].contains("Free up iCloud storage"));
    assert!(fixes[1].contains("Make your backup smaller"));
    // The steps of each fix, numbered, and where to find it online.
    assert!(print.contains("<ol class=\"checklist-steps\">"));
    assert!(
        print.contains("https://iphone-backup-help.example.com/fixes/free-up-icloud-storage/</a>")
    );
    assert!(print.contains("Still stuck?"));
    // Causes without fixes get none, and fixes get none.
    assert!(!bundled_build().dir.join("fixes/update-ios/print").exists());
}

#[test]
fn a_site_without_symptoms_has_no_troubleshooter() {
    let site = TestSite::new("basic");
    let path = "content/causes/storage-full.md";
    let text = fs::read_to_string(site.path(path)).unwrap();
    // With its one symptom, the fixture has a troubleshooter and the home page leads to it.
    site.remedy(&["build"]).expect_code(0);
    assert!(site.path("public/troubleshoot/index.html").is_file());
    let home = fs::read_to_string(site.path("public/index.html")).unwrap();
    assert!(home.contains("<a href=\"troubleshoot/\">"), "{home}");
    // Without it, neither.
    let without = text.replace("symptoms = [\"not enough storage\"]\n", "");
    assert_ne!(without, text, "the fixture's symptom line changed");
    site.write(path, &without);
    site.remedy(&["build"]).expect_code(0);
    assert!(!site.path("public/troubleshoot").exists());
    let home = fs::read_to_string(site.path("public/index.html")).unwrap();
    assert!(!home.contains("troubleshoot/"), "{home}");
    assert!(!home.contains("data-troubleshooter"), "{home}");
}

#[test]
fn the_fixture_s_symptom_leads_to_its_cause() {
    let site = TestSite::new("basic");
    site.remedy(&["build"]).expect_code(0);
    let html =
        fs::read_to_string(site.path("public/troubleshoot/not-enough-storage.html")).unwrap();
    assert_eq!(cause_order(&html), ["causes/storage-full"]);
    assert!(html.contains("<a href=\"../fixes/free-up-storage/\">Free up storage</a>"));
    assert!(html.contains("<a href=\"../causes/storage-full/print.html\">"));
    // No escalation configured: no "still stuck?" box; with one, the box points to it.
    assert!(!html.contains("id=\"still-stuck\""));
    let config = fs::read_to_string(site.path("book.toml")).unwrap();
    site.write(
        "book.toml",
        &format!("{config}\n[troubleshooter]\nescalation = \"fixes/free-up-storage\"\n"),
    );
    site.remedy(&["build"]).expect_code(0);
    let html =
        fs::read_to_string(site.path("public/troubleshoot/not-enough-storage.html")).unwrap();
    assert!(
        html.contains("<h2 id=\"still-stuck-heading\">Still stuck?</h2>"),
        "{html}"
    );
}

#[test]
fn a_site_s_own_cause_block_is_shown_and_one_that_needs_the_page_is_included_by_it() {
    let site = TestSite::new("basic");
    let symptom_page = "public/troubleshoot/not-enough-storage.html";
    // Rendered once per cause, then shown on the symptom's page and the index.
    site.write(
        "templates/partials/cause-block.html",
        "<li class=\"cause-block\" data-cause=\"{{ cause.slug }}\">OWN {{ cause.title }} \
         {{ root }}{{ cause.path }} {{ t.troubleshooter }}</li>\n",
    );
    site.remedy(&["build"]).expect_code(0);
    let own = "OWN Storage is full ../causes/storage-full/ Troubleshooter</li>";
    for page in [symptom_page, "public/troubleshoot/index.html"] {
        let html = fs::read_to_string(site.path(page)).unwrap();
        assert!(html.contains(own), "{page}: {html}");
    }
    // A block that uses the page's own variables cannot be made once: each page includes it
    // (the index, which has no `symptom`, lists no causes here).
    let config = fs::read_to_string(site.path("book.toml")).unwrap();
    site.write(
        "book.toml",
        &format!("{config}\n[troubleshooter]\nindex-causes = 0\n"),
    );
    site.write(
        "templates/partials/cause-block.html",
        "<li class=\"cause-block\" data-cause=\"{{ cause.slug }}\">FOR {{ symptom.text }}: \
         {{ cause.title }}</li>\n",
    );
    site.remedy(&["build"]).expect_code(0);
    let html = fs::read_to_string(site.path(symptom_page)).unwrap();
    assert!(
        html.contains("FOR not enough storage: Storage is full</li>"),
        "{html}"
    );
    assert_eq!(cause_order(&html), ["causes/storage-full"]);
}
