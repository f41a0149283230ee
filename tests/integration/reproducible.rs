//! Builds are reproducible: the same content gives the same bytes, wherever the site and the
//! build dir are, whatever order the files were created in and however many threads render.

use crate::support::{assert_same_tree, bundled_root, read_tree, remedy};

/// The tantivy index holds segment ids and timestamps of its own; reproducibility is asked of
/// everything a browser reads, not of that binary index.
const EXCLUDED: &str = "search/index/";

#[test]
fn two_builds_of_the_bundled_site_are_byte_identical() {
    let temp = tempfile::tempdir().unwrap();
    let mut trees = Vec::new();
    for name in ["first", "second"] {
        let out = temp.path().join(name).join("public");
        remedy(bundled_root(), &["build", "--out", out.to_str().unwrap()]).expect_code(0);
        let mut tree = read_tree(&out);
        tree.retain(|path, _| !path.contains(EXCLUDED));
        trees.push(tree);
    }
    assert!(trees[0].len() > 56, "only {} files", trees[0].len());
    assert_same_tree(&trees[0], &trees[1], "two builds of the bundled site");
}

/// Copies the bundled site's `book.toml`, `content/` and `snippets/` to `to`, creating the
/// files in the given order of their paths.
fn copy_in_order(files: &[(String, Vec<u8>)], to: &std::path::Path) {
    for (path, bytes) in files {
        let target = to.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

/// The same site in two folders, its files created in opposite orders (the second copy also
/// made under other folder names and renamed, which changes the order a directory lists its
/// entries in on most file systems), built from different working dirs, one with a single
/// rendering thread: byte-identical sites.
#[test]
fn builds_from_different_folders_and_walk_orders_are_byte_identical() {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    files.push((
        "book.toml".to_string(),
        std::fs::read(bundled_root().join("book.toml")).unwrap(),
    ));
    for (path, bytes) in read_tree(&bundled_root().join("content")) {
        files.push((format!("content/{path}"), bytes));
    }
    for (path, bytes) in read_tree(&bundled_root().join("snippets")) {
        files.push((format!("snippets/{path}"), bytes));
    }
    let temp = tempfile::tempdir().unwrap();
    let first = temp.path().join("one/site");
    copy_in_order(&files, &first);

    let second = temp.path().join("two/some other name");
    let mut reversed: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(path, bytes)| (path.replacen("content/", "content-tmp/", 1), bytes.clone()))
        .collect();
    reversed.reverse();
    copy_in_order(&reversed, &second);
    std::fs::rename(second.join("content-tmp"), second.join("content")).unwrap();

    let build = |root: &std::path::Path, cwd: &std::path::Path, threads: Option<&str>| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_remedy"));
        command
            .args(["build", "--quiet", "--root"])
            .arg(root)
            .current_dir(cwd);
        if let Some(threads) = threads {
            command.env("RAYON_NUM_THREADS", threads);
        }
        let output = command.output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let mut tree = read_tree(&root.join("public"));
        tree.retain(|path, _| !path.contains(EXCLUDED));
        tree
    };
    let one = build(&first, &first, None);
    let two = build(&second, temp.path(), Some("1"));
    assert!(one.len() > 56, "only {} files", one.len());
    assert_same_tree(&one, &two, "builds in two folders, walked in two orders");
}

/// A large site's build lets go of the articles' bodies after parsing and parses each file
/// again for its page, its Markdown and the search index (`remedy::pipeline::bodies`): the
/// bundled site built that way, in a normal and a portable build, is the site a build that
/// keeps the bodies makes, byte for byte.
#[test]
fn a_build_that_lets_go_of_the_bodies_makes_the_same_site() {
    for portable in [false, true] {
        let temp = tempfile::tempdir().unwrap();
        let mut trees = Vec::new();
        for bodies in [remedy::Bodies::Held, remedy::Bodies::Released] {
            let out = temp.path().join(format!("{bodies:?}"));
            let options = remedy::BuildOptions {
                root: bundled_root().to_path_buf(),
                out: Some(out.clone()),
                base_url: None,
                drafts: false,
                portable,
                progress: false,
            };
            let report = remedy::build_with(&options, bodies).unwrap();
            assert!(report.pages > 56, "{} pages", report.pages);
            let mut tree = read_tree(&out);
            tree.retain(|path, _| !path.contains(EXCLUDED));
            trees.push((report.pages, tree));
        }
        assert_eq!(trees[0].0, trees[1].0, "pages counted");
        assert_same_tree(
            &trees[0].1,
            &trees[1].1,
            &format!("bodies held and let go of (portable: {portable})"),
        );
    }
}

/// `remedy check` lets go of a large site's bodies as a build does, and parses each file
/// again for its page and the search index: on the bundled site (with its `fr` edition), on
/// the fixture that trips every health check (a symptom search among them) and on one with a
/// broken link, it finds what a check that keeps the bodies finds, to the letter.
#[test]
fn a_check_that_lets_go_of_the_bodies_finds_the_same() {
    let today = remedy::model::Date {
        year: 2026,
        month: 12,
        day: 4,
    };
    let health = crate::support::TestSite::new("basic");
    health.overlay("health");
    let broken = crate::support::TestSite::new("basic");
    broken.overlay("broken/broken-link");
    for (root, expected) in [
        (bundled_root(), "no findings"),
        (health.root(), "warnings"),
        (broken.root(), "an error"),
    ] {
        let options = remedy::BuildOptions {
            root: root.to_path_buf(),
            out: None,
            base_url: None,
            drafts: false,
            portable: false,
            progress: false,
        };
        let found = |bodies| -> (Vec<String>, Vec<String>, bool) {
            match remedy::check_with(&options, today, bodies) {
                Ok((warnings, summary)) => (
                    warnings.iter().map(ToString::to_string).collect(),
                    summary,
                    false,
                ),
                Err(remedy::Error::Content(problems)) => (
                    problems.iter().map(ToString::to_string).collect(),
                    Vec::new(),
                    true,
                ),
                Err(other) => panic!("{}: {other}", root.display()),
            }
        };
        let held = found(remedy::Bodies::Held);
        let released = found(remedy::Bodies::Released);
        assert_eq!(held, released, "{}", root.display());
        match expected {
            "no findings" => assert!(held.0.is_empty() && !held.1.is_empty(), "{held:?}"),
            "warnings" => assert!(
                held.0
                    .iter()
                    .any(|w| w.contains("does not find this article"))
                    && !held.2,
                "{held:?}"
            ),
            _ => assert!(
                held.2 && held.0.iter().any(|e| e.contains("broken link")),
                "{held:?}"
            ),
        }
    }
}

/// An article parsed again must say what it said when the site was made from it: a file
/// edited between the two readings is an error naming it, not a page that disagrees with the
/// rest of the site.
#[test]
fn a_file_changed_before_its_body_is_read_again_is_an_error() {
    let temp = tempfile::tempdir().unwrap();
    crate::support::copy_bundled_site(temp.path());
    let options = remedy::BuildOptions {
        root: temp.path().to_path_buf(),
        out: None,
        base_url: None,
        drafts: false,
        portable: false,
        progress: false,
    };
    let loaded = remedy::load_site_with(&options, remedy::Bodies::Released).unwrap();
    let site = &loaded.site;
    let article = &site.articles[site.by_slug["causes/icloud-storage-full"]];
    assert!(article.released && article.html.is_empty() && article.source.is_empty());
    let reparse = remedy::pipeline::bodies::Reparse {
        root: temp.path(),
        context: remedy::pipeline::parse::Context {
            config: &site.config,
            snippets: &loaded.snippets,
            statics: Some(&loaded.theme.asset_facts),
            translated: None,
        },
    };
    let body = reparse.body(article).unwrap();
    assert!(body.html.contains("<p>") && !body.text.is_empty() && !body.released);

    // The body read again is the one the first reading made (front matter kept from it).
    let held = remedy::load_site_with(&options, remedy::Bodies::Held).unwrap();
    let whole = &held.site.articles[held.site.by_slug["causes/icloud-storage-full"]];
    assert_eq!((&body.html, &body.text), (&whole.html, &whole.text));
    assert_eq!(body.front, whole.front);

    // An edit to the body, or to the front matter only (which is not read again), is caught.
    let file = temp.path().join(&article.path);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\ntitle = \""));
    for edited in [
        text.replace("iCloud", "iCloud Drive"),
        text.replacen("\ntitle = \"", "\ntitle = \"Renamed: ", 1),
    ] {
        std::fs::write(&file, edited).unwrap();
        let Err(remedy::Error::Content(problems)) = reparse.body(article) else {
            panic!("no error for a file that changed");
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].path, article.path);
        assert_eq!(
            problems[0].message,
            "the file changed while the site was being built"
        );
        assert!(problems[0].is_error());
    }
}
