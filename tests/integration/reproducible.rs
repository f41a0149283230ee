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
