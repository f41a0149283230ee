//! Property tests of issue 15's bounds: diagnostics located in one pass with bounded excerpts,
//! unique heading ids, no script links or heading attributes without HTML, served paths kept
//! inside the build dir, build-dir checks, page output limits.

use super::*;

/// Text with long lines: short pieces, line breaks, and runs that make a line longer than
/// [`crate::diagnostic::MAX_SOURCE_LINE`].
fn long_line_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("é".to_string()),
            Just("\t".to_string()),
            "[ -~]{0,12}",
            "\\PC{0,3}",
            (1usize..900).prop_map(|n| "x".repeat(n)),
            (1usize..300).prop_map(|n| "😀".repeat(n)),
        ],
        0..16,
    )
    .prop_map(|pieces| pieces.concat())
}

/// Request paths built from the pieces traversal attacks use.
fn request_path() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("/".to_string()),
            Just("//".to_string()),
            Just("..".to_string()),
            Just(".".to_string()),
            Just("%2e".to_string()),
            Just("%2E%2E".to_string()),
            Just("%2f".to_string()),
            Just("%5c".to_string()),
            Just("\\".to_string()),
            Just("%00".to_string()),
            Just("causes".to_string()),
            Just("x".to_string()),
            Just("index.html".to_string()),
            Just("secret.txt".to_string()),
            Just("link".to_string()),
        ],
        0..10,
    )
    .prop_map(|pieces| format!("/{}", pieces.concat()))
}

/// A served build dir (`public/`, with a folder, a page and a link out) beside a secret.
fn served_site() -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap();
    let public = temp.path().join("public");
    std::fs::create_dir_all(public.join("causes/x")).unwrap();
    std::fs::write(public.join("causes/x/index.html"), "x").unwrap();
    std::fs::write(public.join("index.html"), "home").unwrap();
    std::fs::write(temp.path().join("secret.txt"), "secret").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(temp.path(), public.join("link")).unwrap();
    temp
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// Placing diagnostics in order with a [`crate::diagnostic::Locator`] gives exactly what
    /// [`crate::diagnostic::Diagnostic::at`] gives one by one; a long line is kept as an
    /// excerpt of bounded size; the printed location is the file's line and column.
    #[test]
    fn locating_many_diagnostics_matches_locating_each(
        text in long_line_text(),
        mut starts in prop::collection::vec(any::<prop::sample::Index>(), 1..12),
        width in 0usize..40,
    ) {
        use crate::diagnostic::{Diagnostic, Locator, MAX_SOURCE_LINE};
        let length = text.len().max(1);
        let mut spans: Vec<std::ops::Range<usize>> = starts
            .iter_mut()
            .map(|index| {
                let start = index.index(length);
                start..start + width
            })
            .collect();
        spans.sort_by_key(|span| span.start);
        let mut locator = Locator::new(&text);
        for span in spans {
            let one = Diagnostic::at("a.md", &text, span.clone(), "here");
            let many = locator.at("a.md", span, "here");
            prop_assert_eq!(&one, &many);
            let kept = one.source_line.as_deref().unwrap_or("");
            prop_assert!(kept.len() <= MAX_SOURCE_LINE + 3, "{} bytes kept", kept.len());
            let printed = one.to_string();
            let location = format!("a.md:{}:{}", one.line, one.col);
            prop_assert!(printed.contains(&location), "{location} not in\n{printed}");
        }
    }

    /// However many headings share a text or an explicit id, every id is unique and never the
    /// theme's.
    #[test]
    fn heading_ids_stay_unique(
        headings in prop::collection::vec(
            prop_oneof![
                Just("Same".to_string()),
                Just("Same 1".to_string()),
                Just("same-2".to_string()),
                Just("Same {#same-1}".to_string()),
                Just("Other {#same}".to_string()),
                Just("Main".to_string()),
                Just("!!!".to_string()),
                Just("Section 1".to_string()),
            ],
            1..40,
        ),
    ) {
        let body: String = headings.iter().map(|h| format!("## {h}\n\n")).collect();
        let (rendered, _) = markdown::render(&body, "guides/x", "../../", true, false);
        prop_assert_eq!(rendered.headings.len(), headings.len());
        let mut seen = HashSet::new();
        for heading in &rendered.headings {
            prop_assert!(seen.insert(heading.id.clone()), "duplicate id {}", heading.id);
            prop_assert!(!crate::theme::page_ids().contains(&heading.id));
        }
    }

    /// With `allow-html = false`, no link in the page runs script, however its scheme is
    /// spelled, and no heading carries an attribute but `id` and `class`.
    #[test]
    fn no_script_links_or_attributes_without_html(
        scheme in prop::collection::vec(
            prop_oneof![
                Just("java".to_string()), Just("JAVA".to_string()), Just("script".to_string()),
                Just("vb".to_string()), Just("data".to_string()), Just(":".to_string()),
                Just("&#9;".to_string()), Just("&#10;".to_string()), Just("%20".to_string()),
                Just(" ".to_string()), Just("text/html,".to_string()), Just("image/png,".to_string()),
                Just("https".to_string()), Just("//".to_string()),
            ],
            0..6,
        ),
        attribute in prop_oneof![
            Just(String::new()), Just(" {onclick=x}".to_string()), Just(" {.c #i}".to_string()),
            Just(" {style=color:red}".to_string()),
        ],
        autolink in any::<bool>(),
    ) {
        let destination = format!("{}alert(1)", scheme.concat());
        let link = if autolink {
            format!("<{destination}>")
        } else {
            format!("[x](<{destination}>)")
        };
        let body = format!("## Title{attribute}\n\nSee {link}.\n");
        let (rendered, _) = markdown::render(&body, "guides/x", "../../", false, false);
        for href in rendered.html.split("href=\"").skip(1) {
            let href = href.split('"').next().unwrap_or("");
            let decoded = href.replace("&amp;", "&").replace("%09", "\t").replace("%0A", "\n");
            prop_assert!(markdown::script_scheme(&decoded).is_none(), "{href} in {}", rendered.html);
        }
        for forbidden in ["onclick", "style="] {
            prop_assert!(!rendered.html.contains(forbidden), "{forbidden} in {}", rendered.html);
        }
    }

    /// The dev server serves only files inside the build dir, never through a link out, and
    /// redirects only to a path on the same server.
    #[test]
    fn served_paths_stay_inside_and_redirects_stay_on_the_site(path in request_path()) {
        use crate::serve::http::{Resolved, resolve};
        let site = served_site();
        let public = site.path().join("public");
        let root = public.canonicalize().unwrap();
        match resolve(&public, &path) {
            Resolved::File(file) => prop_assert!(file.starts_with(&root), "{}", file.display()),
            Resolved::Redirect(location) => {
                prop_assert!(location.starts_with('/') && !location.starts_with("//"), "{location}");
            }
            Resolved::NotFound => {}
        }
    }

    /// For relative paths without links, a build dir the check on the path as written lets
    /// through is one the check on where it lands lets through too (the written check is the
    /// stricter: it also refuses paths that leave the site folder), and `..` steps cannot
    /// smuggle one into the sources past either.
    #[test]
    fn build_dir_checks_agree(
        parts in prop::collection::vec(
            prop_oneof![
                Just("a"), Just(".."), Just("."), Just("content"), Just("public"),
                Just("static"), Just("out"), Just(".git"), Just("themes"),
            ],
            1..6,
        ),
    ) {
        let site = served_site();
        let root = site.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        let dir = parts.join("/");
        let written = crate::config::check_build_dir(Path::new(&dir));
        let landed = crate::config::check_build_dir_in(&root, Path::new(&dir));
        prop_assert!(written.is_err() || landed.is_ok(), "{}: {:?} / {:?}", dir, written, landed);
        // Where it lands, or `None` once it leaves the site folder.
        let normalized = parts.iter().try_fold(Vec::new(), |mut kept, part| {
            match *part {
                ".." => { kept.pop()?; }
                "." => {}
                other => kept.push(other),
            }
            Some(kept)
        });
        let first = normalized.as_ref().and_then(|kept| kept.first().copied());
        if first.is_some_and(|first| ["content", "static", ".git", "themes"].contains(&first)) {
            prop_assert!(written.is_err() && landed.is_err(), "{}", dir);
        }
    }

    /// `remedy new` file names are at most [`crate::cmd::new::MAX_SLUG_BYTES`] long, never end
    /// in `-`, and begin the slug of the whole title.
    #[test]
    fn new_file_names_are_short_prefixes(title in "[a-zA-Z0-9 éü'-]{0,400}") {
        let slug = crate::text::suggest_slug(&title);
        let short = crate::cmd::new::shorten_slug(&slug);
        prop_assert!(short.len() <= crate::cmd::new::MAX_SLUG_BYTES, "{short}");
        prop_assert!(slug.starts_with(&short), "{short} / {slug}");
        prop_assert!(!short.ends_with('-') || short == slug);
    }

    /// A page's output never grows past its limit, and keeps everything written before it.
    #[test]
    fn page_output_stops_at_its_limit(
        chunks in prop::collection::vec(0usize..300, 0..40),
        limit in 0usize..2000,
    ) {
        use std::io::Write as _;
        let mut output = crate::work_limit::PageOutput::with_limits(limit, std::time::Duration::from_secs(600));
        let mut accepted = 0;
        for size in chunks {
            if output.write_all(&vec![b'x'; size]).is_ok() {
                accepted += size;
            } else {
                prop_assert_eq!(output.exceeded(), Some(crate::work_limit::Exceeded::Size));
            }
        }
        let bytes = output.into_bytes();
        prop_assert!(bytes.len() <= limit);
        prop_assert!(bytes.len() >= accepted.min(limit).saturating_sub(300) || bytes.len() == accepted);
    }
}
