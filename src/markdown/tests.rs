//! Unit tests of [`super`].

use super::*;

#[test]
fn headings_get_unique_ids() {
    let (r, _) = render(
        "## What's *not* included?\n\n## Steps\n\n## Steps\n\n### Custom {#mine}\n",
        "guides/x",
        &root_of("guides/x"),
        true,
        false,
    );
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["what-s-not-included", "steps", "steps-1", "mine"]);
    assert!(
        r.html
            .contains("<h2 id=\"what-s-not-included\">What’s <em>not</em> included?</h2>"),
        "{}",
        r.html
    );
    assert_eq!(r.headings[0].text, "What’s not included?");
}

#[test]
fn headings_never_take_the_theme_s_ids() {
    let ids = crate::theme::page_ids();
    assert!(ids.contains("main"), "the skip link's target: {ids:?}");
    for id in ids {
        let text = id.replace('-', " ");
        if heading_id(&text) != *id {
            continue; // no heading text gives this id
        }
        let heading = format!("## {text}\n");
        let (r, _) = render(&heading, "guides/x", &root_of("guides/x"), true, false);
        assert_eq!(r.headings[0].id, format!("{id}-1"), "{heading}");
    }
}

#[test]
fn internal_links_become_relative_urls() {
    let body = "See [storage](@/causes/icloud-storage-full.md#check) and [top](#steps).\n";
    let (r, problems) = render(
        body,
        "fixes/free-up",
        &root_of("fixes/free-up"),
        true,
        false,
    );
    assert!(problems.is_empty());
    assert!(
        r.html
            .contains("href=\"../../causes/icloud-storage-full/#check\""),
        "{}",
        r.html
    );
    assert_eq!(r.links[0].target, "causes/icloud-storage-full");
    assert_eq!(r.links[0].anchor.as_deref(), Some("check"));
    assert_eq!(
        &body[r.links[0].span.clone()],
        "@/causes/icloud-storage-full.md#check"
    );
    assert_eq!(r.links[1].target, "fixes/free-up");
    assert_eq!(&body[r.links[1].span.clone()], "#steps");
}

#[test]
fn links_to_non_markdown_files_are_problems() {
    let (_, problems) = render("[x](@/causes/x)\n", "a/b", &root_of("a/b"), true, false);
    assert_eq!(
        problems[0].message,
        "internal link `@/causes/x` does not name a Markdown file"
    );
}

#[test]
fn alerts_tables_and_tasks() {
    let (r, _) = render(
        "> [!WARNING]\n> Careful.\n\n| a |\n|---|\n| b |\n\n- [x] done\n",
        "a/b",
        &root_of("a/b"),
        true,
        false,
    );
    assert!(r.html.contains("<div class=\"alert alert-warning\" role=\"note\">\n<p class=\"alert-title\">Warning</p>\n<p>Careful.</p>\n</div>"), "{}", r.html);
    assert!(r.html.contains("<div class=\"table-wrap\""));
    assert!(r.html.contains("Done: </span>"));
}

#[test]
fn each_table_region_has_its_own_name() {
    let (r, _) = render(
        "| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |\n\n| c |\n|---|\n| 3 |\n",
        "a/b",
        &root_of("a/b"),
        true,
        false,
    );
    let names: Vec<&str> = r
        .html
        .split("aria-label=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert_eq!(names, ["Table", "Table 2", "Table 3"]);
}

#[test]
fn raw_html_can_be_escaped() {
    let (r, _) = render(
        "<script>alert(1)</script>\n\nhi <b>x</b>\n",
        "a/b",
        &root_of("a/b"),
        false,
        false,
    );
    assert!(!r.html.contains("<script>"));
    assert!(r.html.contains("&lt;script&gt;"));
    let (r, _) = render("hi <b>x</b>\n", "a/b", &root_of("a/b"), true, false);
    assert!(r.html.contains("<b>x</b>"));
}

#[test]
fn collects_steps_and_text() {
    let (r, _) = render(
        "Intro.\n\n## How\n\n1. Open **Settings**.\n2. Tap `General`.\n   - nested\n\nThen:\n\n1. Other list.\n",
        "fixes/x",
        &root_of("fixes/x"),
        true,
        false,
    );
    assert_eq!(r.steps, ["Open Settings.", "Tap General. nested"]);
    assert_eq!(
        r.text,
        "Intro. Open Settings. Tap General. nested Then: Other list."
    );
}

/// Regression: the steps flattened a nested list into one run-on line ("…for 30
/// days.iCloud Drive: open…") and lost the bold labels of the print view.
#[test]
fn steps_keep_nested_lists_emphasis_and_code_and_their_text_keeps_sentences_apart() {
    let (r, _) = render(
        "1. Open **Settings**.\n2. Look at what uses space:\n   - **Backups**: delete old ones; they stay for 30 days.\n   - **iCloud Drive**: open `Files` and [tidy up](@/guides/x.md).\n3. Done ![a tick](tick.png)[^1].\n\n[^1]: A note.\n",
        "fixes/x",
        &root_of("fixes/x"),
        true,
        false,
    );
    assert_eq!(
        r.steps,
        [
            "Open Settings.",
            "Look at what uses space: Backups: delete old ones; they stay for 30 days. \
             iCloud Drive: open Files and tidy up.",
            "Done a tick.",
        ]
    );
    assert_eq!(
        r.steps_html,
        [
            "Open <strong>Settings</strong>.",
            "Look at what uses space:\n<ul>\n<li><strong>Backups</strong>: delete old ones; \
             they stay for 30 days.</li>\n<li><strong>iCloud Drive</strong>: open \
             <code>Files</code> and tidy up.</li>\n</ul>",
            "Done a tick.",
        ]
    );
}

#[test]
fn portable_links_name_the_page_s_file() {
    let body = "[a](@/causes/x.md#how) [b](@/causes/_index.md) [c](@/_index.md) [d](#top)\n";
    let (r, _) = render(body, "fixes/y", &root_of("fixes/y"), true, true);
    for href in [
        "href=\"../../causes/x/index.html#how\"",
        "href=\"../../causes/index.html\"",
        "href=\"../../index.html\"",
        "href=\"#top\"",
    ] {
        assert!(r.html.contains(href), "{href} in {}", r.html);
    }
    let (r, _) = render(body, "fixes/y", &root_of("fixes/y"), true, false);
    assert!(
        r.html.contains("href=\"../../causes/x/#how\""),
        "{}",
        r.html
    );
    assert!(r.html.contains("href=\"../../\""), "{}", r.html);
}

/// Regression: 10,000 nested block quotes built a page the HTML checker rejects (more than
/// 513 elements deep, which browsers flatten).
#[test]
fn nesting_deeper_than_the_limit_is_a_problem() {
    let deep = format!("Intro.\n\n{} deep\n", ">".repeat(MAX_NESTING + 1));
    let (_, problems) = render(&deep, "a/b", &root_of("a/b"), true, false);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].span, 8 + MAX_NESTING..8 + MAX_NESTING + 1);
    assert_eq!(
        problems[0].message,
        "Markdown nested more than 100 levels deep (quotes, lists, emphasis)"
    );
    let fine = format!("{} fine\n", ">".repeat(MAX_NESTING - 1));
    assert!(
        render(&fine, "a/b", &root_of("a/b"), true, false)
            .1
            .is_empty()
    );
}

#[test]
fn heading_id_rules() {
    assert_eq!(heading_id("Error 9006: storage"), "error-9006-storage");
    assert_eq!(heading_id("!!!"), "section");
    assert_eq!(heading_id("Überblick"), "überblick");
}

fn snippets(files: &[(&str, &str)]) -> Snippets {
    Snippets::new(files.iter().map(|(name, text)| SnippetFile {
        name: name.to_string(),
        language: None,
        path: format!("snippets/{name}.md").into(),
        text: text.to_string(),
    }))
}

fn render_with(body: &str, snippets: &Snippets) -> (Rendered, Vec<MarkdownProblem>) {
    let root = root_of("fixes/x");
    let page = Page {
        snippets,
        ..Page::new("fixes/x", &root, true)
    };
    render_page(body, &page)
}

/// What each problem says and the text it points at (in the body, or `name: text` in a
/// snippet).
fn problems_at(body: &str, problems: &[MarkdownProblem]) -> Vec<(String, String)> {
    problems
        .iter()
        .map(|p| {
            let at = match &p.file {
                Some(file) => format!("{}: {}", file.name, &file.text[p.span.clone()]),
                None => body[p.span.clone()].to_string(),
            };
            (p.message.clone(), at)
        })
        .collect()
}

#[test]
fn tabs_become_labelled_panels_in_one_set() {
    let body = "Intro.\n\n=== \"iPhone\"\n\n    ## On the phone\n\n    Open **Settings**.\n\n=== \"Mac <M1>\"\n\n    Open [Finder](#on-the-phone).\n\nAfter.\n";
    let (r, problems) = render(body, "fixes/x", &root_of("fixes/x"), true, false);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(r.has_tabs);
    assert_eq!(
        r.html,
        "<p>Intro.</p>\n<div class=\"tabs\" id=\"tabs-1\">\n<div class=\"tab-panel\" id=\"tabs-1-1\" role=\"group\" aria-labelledby=\"tabs-1-1-label\">\n<p class=\"tab-label\" id=\"tabs-1-1-label\">iPhone</p>\n<h2 id=\"on-the-phone\">On the phone</h2>\n<p>Open <strong>Settings</strong>.</p>\n</div>\n<div class=\"tab-panel\" id=\"tabs-1-2\" role=\"group\" aria-labelledby=\"tabs-1-2-label\">\n<p class=\"tab-label\" id=\"tabs-1-2-label\">Mac &lt;M1&gt;</p>\n<p>Open <a href=\"#on-the-phone\">Finder</a>.</p>\n</div>\n</div>\n<p>After.</p>\n"
    );
    assert_eq!(r.headings[0].id, "on-the-phone");
    // The link is located where it is written, inside the indented tab.
    assert_eq!(&body[r.links[0].span.clone()], "#on-the-phone");
    assert_eq!(
        r.text,
        "Intro. iPhone Open Settings. Mac <M1> Open Finder. After."
    );
}

#[test]
fn a_heading_takes_no_id_of_a_tab() {
    let body = "=== \"A\"\n\n    a\n\n## Tabs 1 1\n";
    let (r, _) = render(body, "fixes/x", &root_of("fixes/x"), true, false);
    assert_eq!(r.headings[0].id, "tabs-1-1-1");
}

#[test]
fn steps_written_in_tabs_keep_each_tab_s_list() {
    let body = "=== \"iPhone\"\n\n    1. Open Settings.\n    2. Tap Update.\n\n=== \"Mac\"\n\n    Connect it.\n\n    1. Open Finder.\n\n=== \"Notes\"\n\n    No list.\n\n1. A later list.\n";
    let (r, _) = render(body, "fixes/x", &root_of("fixes/x"), true, false);
    assert_eq!(r.steps, ["Open Settings.", "Tap Update."]);
    let groups: Vec<(&str, Vec<&str>)> = r
        .step_groups
        .iter()
        .map(|g| {
            (
                g.label.as_str(),
                g.steps.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("iPhone", vec!["Open Settings.", "Tap Update."]),
            ("Mac", vec!["Open Finder."]),
        ]
    );
    // Each group has its steps as HTML too, for print views.
    assert_eq!(r.step_groups[1].steps_html, ["Open Finder."]);
    // Steps outside tabs have no groups.
    let (r, _) = render("1. One.\n", "fixes/x", &root_of("fixes/x"), true, false);
    assert!(r.step_groups.is_empty());
}

#[test]
fn a_snippet_is_rendered_as_part_of_the_page() {
    let snippets = snippets(&[(
        "back-up-now",
        "## Back up\n\nTap **Back Up Now**, then read [the steps](#back-up) and [the guide](@/guides/how.md#when).\n",
    )]);
    let body = "## Back up\n\nFirst.\n\n{{#snippet back-up-now}}\n";
    let (r, problems) = render_with(body, &snippets);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(
        r.html.ends_with("<h2 id=\"back-up-1\">Back up</h2>\n<p>Tap <strong>Back Up Now</strong>, then read <a href=\"#back-up\">the steps</a> and <a href=\"../../guides/how/#when\">the guide</a>.</p>\n"),
        "{}",
        r.html
    );
    assert_eq!(
        r.text,
        "First. Tap Back Up Now, then read the steps and the guide."
    );
    assert_eq!(r.snippets, ["back-up-now"]);
    assert_eq!(
        &body[r.includes[0].span.clone()],
        "{{#snippet back-up-now}}"
    );
    // Its links are checked from the page, and located in the snippet.
    let link = &r.links[0];
    assert_eq!(
        (link.target.as_str(), link.anchor.as_deref()),
        ("fixes/x", Some("back-up"))
    );
    let file = link.file.as_ref().expect("written in the snippet");
    assert_eq!(&file.text[link.span.clone()], "#back-up");
    assert_eq!(r.links[1].target, "guides/how");
}

#[test]
fn a_snippet_in_a_tight_list_item_is_the_item_s_text() {
    let snippets = snippets(&[("back-up-now", "Tap **Back Up Now**.\n")]);
    let (r, problems) = render_with(
        "1. Open Settings.\n2. {{#snippet back-up-now}}\n",
        &snippets,
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        r.html,
        "<ol>\n<li>Open Settings.</li>\n<li>Tap <strong>Back Up Now</strong>.</li>\n</ol>\n"
    );
    assert_eq!(r.steps, ["Open Settings.", "Tap Back Up Now."]);
}

#[test]
fn unknown_snippets_cycles_and_deep_nesting_are_problems() {
    let cycle = snippets(&[
        ("back-up-now", "Tap.\n"),
        ("a", "A.\n\n{{#snippet b}}\n"),
        ("b", "B.\n\n{{#snippet a}}\n"),
    ]);
    let body = "{{#snippet bak-up-now}}\n\n{{#snippet a}}\n\nSee {{#snippet a}} here.\n\n`{{#snippet a}}` and \\{{#snippet a}} are how.\n";
    let (_, problems) = render_with(body, &cycle);
    assert_eq!(
        problems_at(body, &problems),
        [
            (
                "no snippet `bak-up-now`: `snippets/bak-up-now.md` does not exist".to_string(),
                "{{#snippet bak-up-now}}".to_string()
            ),
            (
                "snippet `a` includes itself: `a` → `b` → `a`".to_string(),
                "b: {{#snippet a}}".to_string()
            ),
            (
                "`{{#snippet …}}` is not a paragraph of its own, so it is shown as text"
                    .to_string(),
                "{{#snippet a}}".to_string()
            ),
        ]
    );
    assert_eq!(
        problems[0].help.as_deref(),
        Some("did you mean `back-up-now`?")
    );
    // Nine snippets deep, each including the next.
    let chain: Vec<(String, String)> = (0..=MAX_SNIPPET_DEPTH)
        .map(|n| {
            (
                format!("s{n}"),
                format!("Level {n}.\n\n{{{{#snippet s{}}}}}\n", n + 1),
            )
        })
        .collect();
    let files: Vec<(&str, &str)> = chain
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let deep = snippets(&files);
    let (r, problems) = render_with("{{#snippet s0}}\n", &deep);
    let found = problems_at("", &problems);
    assert_eq!(
        found,
        [(
            "snippets nested more than 8 deep".to_string(),
            "s7: {{#snippet s8}}".to_string()
        )]
    );
    assert!(
        r.text.contains("Level 7.") && !r.text.contains("Level 8."),
        "{}",
        r.text
    );
}

#[test]
fn a_translated_snippet_is_preferred_for_its_language() {
    let snippets = Snippets::new([
        SnippetFile {
            name: "note".into(),
            language: None,
            path: "snippets/note.md".into(),
            text: "Hello.".into(),
        },
        SnippetFile {
            name: "note".into(),
            language: Some("fr".into()),
            path: "snippets/note.fr.md".into(),
            text: "Bonjour.".into(),
        },
    ]);
    let root = root_of("faq/x");
    let french = Page {
        snippets: &snippets,
        language: Some("fr"),
        ..Page::new("faq/x", &root, true)
    };
    assert_eq!(
        render_page("{{#snippet note}}\n", &french).0.text,
        "Bonjour."
    );
    let german = Page {
        language: Some("de"),
        ..french
    };
    assert_eq!(render_page("{{#snippet note}}\n", &german).0.text, "Hello.");
}

#[test]
fn images_of_the_folder_get_their_size_and_problems_their_place() {
    let folder = BTreeMap::from([(
        "screen.svg".to_string(),
        FileFacts {
            len: 900,
            dimensions: Some(crate::image_size::Dimensions {
                width: 600,
                height: 340,
            }),
        },
    )]);
    let root = root_of("fixes/x");
    let page = Page {
        folder: Some(&folder),
        ..Page::new("fixes/x", &root, false)
    };
    let body = "![The *storage* bar](screen.svg \"Storage\")\n\n![](sreen.svg)\n";
    let (r, problems) = render_page(body, &page);
    assert!(
        r.html.starts_with("<p><img src=\"screen.svg\" alt=\"The storage bar\" title=\"Storage\" width=\"600\" height=\"340\" loading=\"lazy\" decoding=\"async\"></p>"),
        "{}",
        r.html
    );
    let found: Vec<(String, bool, String)> = problems
        .iter()
        .map(|p| {
            (
                p.message.clone(),
                p.warning,
                body[p.span.clone()].to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "image `sreen.svg` not found: `content/fixes/x/sreen.svg` does not exist"
                    .to_string(),
                false,
                "sreen.svg".to_string()
            ),
            (
                "image `sreen.svg` has no alt text".to_string(),
                true,
                "sreen.svg".to_string()
            ),
        ]
    );
    assert_eq!(
        problems[0].help.as_deref(),
        Some("did you mean `screen.svg`?")
    );
}
