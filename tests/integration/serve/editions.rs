//! The dev server and the bundled site's French edition: an edit of a translation rewrites the
//! French pages it shows on (and the French search index), not the rest of the edition nor any
//! English page; an edit of an original rewrites no French page; a translation that goes and
//! comes back renders every page's language switcher again. After each step the served build
//! dir equals a full build.

use super::{Server, all_paths, assert_served_equals_a_full_build};

#[test]
fn an_edit_in_one_edition_rewrites_only_its_affected_pages() {
    let server = Server::start();
    let events = server.events();
    // The paths of the reloads up to the one that names `page` (a busy machine may see one
    // save as two changes).
    let reload = |what: &str, page: &str| {
        let mut paths = Vec::new();
        while !paths.iter().any(|p| p == page) {
            paths.extend(all_paths(&events.next("reload")));
        }
        paths.sort();
        paths.dedup();
        eprintln!("{what}: {paths:?}");
        paths
    };

    // A translation's body: its French page (and its Markdown, its print view), the French
    // search index, the French llms.txt at most; nothing English.
    server.edit("content/causes/low-battery.fr.md", |t| {
        format!("{t}\nUne ligne de plus.\n")
    });
    let written = reload("a translation's body", "/fr/causes/low-battery/");
    assert!(
        written.contains(&"/fr/causes/low-battery/".to_string()),
        "{written:?}"
    );
    assert!(written.contains(&"/fr/search/".to_string()), "{written:?}");
    for path in &written {
        assert!(
            path.starts_with("/fr/causes/low-battery/")
                || path == "/fr/search/"
                || path == "/fr/llms.txt",
            "{path} was rewritten: {written:?}"
        );
    }
    assert!(
        server
            .get("/fr/causes/low-battery/")
            .body
            .contains("Une ligne de plus.")
    );
    assert_served_equals_a_full_build(&server);

    // A translation's title: the French pages that list it (its kind page, the pages that
    // link to it, the home page's symptoms) too, and still nothing English.
    server.edit("content/causes/low-battery.fr.md", |t| {
        t.replacen("title = \"", "title = \"Batterie : ", 1)
    });
    let written = reload("a translation's title", "/fr/causes/");
    assert!(written.contains(&"/fr/causes/".to_string()), "{written:?}");
    assert!(written.len() > 3, "{written:?}");
    assert!(written.iter().all(|p| p.starts_with("/fr/")), "{written:?}");
    // A page that does not show the cause is left alone.
    assert!(
        !written.contains(&"/fr/errors/9006/".to_string()),
        "{written:?}"
    );
    assert_served_equals_a_full_build(&server);

    // An original's body: its English page, no French one.
    server.edit("content/causes/low-battery.md", |t| {
        format!("{t}\nOne more line.\n")
    });
    let written = reload("an original's body", "/causes/low-battery/");
    assert!(
        written.contains(&"/causes/low-battery/".to_string()),
        "{written:?}"
    );
    assert!(
        written.iter().all(|p| !p.starts_with("/fr/")),
        "{written:?}"
    );
    assert_served_equals_a_full_build(&server);

    // A translation removed, then restored: every page's language switcher changes both
    // times, and the served site is the full build's each time.
    let translation = server.path("content/faq/is-my-iphone-backing-up.fr.md");
    let text = std::fs::read_to_string(&translation).unwrap();
    std::fs::remove_file(&translation).unwrap();
    let written = reload("a translation removed", "/fr/faq/is-my-iphone-backing-up/");
    assert!(
        written.contains(&"/fr/faq/is-my-iphone-backing-up/".to_string()),
        "{written:?}"
    );
    assert!(
        written.contains(&"/faq/is-my-iphone-backing-up/".to_string()),
        "{written:?}"
    );
    assert_served_equals_a_full_build(&server);
    std::fs::write(&translation, text).unwrap();
    reload("a translation restored", "/fr/faq/is-my-iphone-backing-up/");
    assert_served_equals_a_full_build(&server);
}

/// A full rebuild (here of a changed `book.toml`) swaps in the default edition's new pages
/// first and makes the French edition after: the French pages stay in the build dir all along.
/// Regression: the swap put in a build dir without `fr/` until the edition was made again, and
/// a reader (or a test comparing the build dir) found none of its pages meanwhile.
#[test]
fn a_full_rebuild_keeps_the_other_edition_served_throughout() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let server = Server::start();
    let events = server.events();
    let page = server.path("public/fr/causes/low-battery/index.html");
    assert!(page.is_file());
    let done = AtomicBool::new(false);
    let (looks, misses) = (AtomicUsize::new(0), AtomicUsize::new(0));
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(Ordering::Relaxed) {
                looks.fetch_add(1, Ordering::Relaxed);
                if !page.is_file() {
                    misses.fetch_add(1, Ordering::Relaxed);
                }
                std::thread::yield_now();
            }
        });
        server.edit("book.toml", |t| {
            format!("{t}\n# A comment: the config changed.\n")
        });
        while !all_paths(&events.next("reload")).contains(&"*".to_string()) {}
        done.store(true, Ordering::Relaxed);
    });
    let (looks, misses) = (looks.into_inner(), misses.into_inner());
    assert!(looks > 100, "the page was looked for only {looks} times");
    assert_eq!(
        misses, 0,
        "the French page was missing {misses} of {looks} times"
    );
    assert_served_equals_a_full_build(&server);
}
