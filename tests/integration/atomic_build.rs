//! A build either replaces the whole build dir or changes nothing: a failed build leaves the
//! previous site byte for byte, and no staging folder behind.

use crate::support::{TestSite, read_tree};

/// Builds `basic`, breaks it with `broken/<overlay>`, builds again: the second build fails and
/// the first build's files are all still there, unchanged.
fn assert_failed_build_keeps_previous_site(overlay: &str) {
    let site = TestSite::new("basic");
    site.remedy(&["build"]).expect_code(0);
    let before = read_tree(&site.path("public"));
    assert!(before.contains_key("causes/storage-full/index.html"));
    site.overlay(&format!("broken/{overlay}"));
    let top_level = site.top_level();
    site.remedy(&["build"]).expect_code(1);
    let after = read_tree(&site.path("public"));
    crate::support::assert_same_tree(&before, &after, "the build dir after a failed build");
    assert_eq!(
        site.top_level(),
        top_level,
        "a failed build left files behind"
    );
}

#[test]
fn a_content_error_leaves_the_previous_build_untouched() {
    assert_failed_build_keeps_previous_site("several");
}

#[test]
fn a_template_error_while_rendering_leaves_the_previous_build_untouched() {
    // Rendering fails after the staging folder was made: it must be removed.
    assert_failed_build_keeps_previous_site("template-render");
}

#[test]
fn a_successful_build_replaces_the_site_and_leaves_no_staging_folder() {
    let site = TestSite::new("basic");
    site.remedy(&["build"]).expect_code(0);
    site.write("public-keep.txt", "not part of the build dir\n");
    std::fs::remove_file(site.path("content/guides/how-it-works.md")).unwrap();
    site.write(
        "content/causes/storage-full.md",
        "+++\ntitle = \"Storage is full\"\nfixes = [\"free-up-storage\"]\n+++\n",
    );
    site.remedy(&["build"]).expect_code(0);
    let files = read_tree(&site.path("public"));
    assert!(!files.contains_key("guides/how-it-works/index.html"));
    assert!(files.contains_key("causes/storage-full/index.html"));
    assert_eq!(
        site.top_level(),
        ["book.toml", "content", "public", "public-keep.txt"]
    );
}

#[test]
fn a_build_dir_not_made_by_remedy_is_never_replaced() {
    let site = TestSite::new("basic");
    site.write("public/notes.txt", "the writer's own file\n");
    let public = site.root().canonicalize().unwrap().join("public");
    site.remedy(&["build"])
        .expect_code(2)
        .expect_stderr(&format!(
            "error: build dir `{}` exists and was not made by Remedy (it has no `.remedy-build` \
         file), so it is not replaced: remove it or choose another `--out`\n",
            public.display()
        ));
    assert_eq!(
        std::fs::read_to_string(site.path("public/notes.txt")).unwrap(),
        "the writer's own file\n"
    );
    assert_eq!(site.top_level(), ["book.toml", "content", "public"]);
}
