//! Builds are reproducible: the same content gives the same bytes, wherever the build dir is.

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
        tree.retain(|path, _| !path.starts_with(EXCLUDED));
        trees.push(tree);
    }
    assert!(trees[0].len() > 56, "only {} files", trees[0].len());
    assert_same_tree(&trees[0], &trees[1], "two builds of the bundled site");
}
