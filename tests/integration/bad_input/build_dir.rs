//! Build dirs that a careless build would destroy or abandon: a symlink to a deployed site, a
//! path that leads back into the sources, a static file at a path Remedy generates, and a
//! previous site made read-only. Nothing outside what Remedy made may be deleted, and nothing
//! may be left behind with success reported.

use std::fs;
use std::path::Path;

use super::{assert_no_crash, assert_refused, reports, with_config};
use crate::support::{TestSite, read_tree};

/// Regression (issue 15, row 1): with `public -> www`, the link was replaced by a folder and
/// every subfolder of `www` was emptied.
#[cfg(unix)]
#[test]
fn a_symlinked_build_dir_is_built_into_its_target() {
    let site = TestSite::new("basic");
    site.remedy(&["build", "--quiet", "--out", "www"])
        .expect_code(0);
    let before = read_tree(&site.path("www"));
    std::os::unix::fs::symlink("www", site.path("public")).unwrap();
    site.write(
        "content/guides/how-it-works.md",
        "+++\ntitle = \"How it works, edited\"\n+++\n\n## Where backups live\n\nEdited.\n",
    );
    let build = site.remedy(&["build", "--quiet"]);
    assert_no_crash(&build);
    build.expect_code(0);
    let link = fs::symlink_metadata(site.path("public")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is still a link");
    let after = read_tree(&site.path("www"));
    let pages = |tree: &std::collections::BTreeMap<String, Vec<u8>>| -> Vec<String> {
        tree.keys()
            .filter(|path| !path.starts_with("search/"))
            .cloned()
            .collect()
    };
    assert_eq!(
        pages(&after),
        pages(&before),
        "the target holds the whole new site"
    );
    assert!(after.contains_key("search/index/meta.json"));
    let page = String::from_utf8(after["guides/how-it-works/index.html"].clone()).unwrap();
    assert!(page.contains("How it works, edited"), "{page}");
    assert!(!after["causes/storage-full/index.html"].is_empty());
    let names = site.top_level();
    assert!(
        names.iter().all(|n| !n.contains("remedy-staging")),
        "{names:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_build_dir_linked_to_nothing_is_refused() {
    let site = TestSite::new("basic");
    std::os::unix::fs::symlink("nowhere", site.path("public")).unwrap();
    let build = site.remedy(&["build"]);
    assert_no_crash(&build);
    build.expect_code(2);
    let shown = site.path("public").display().to_string();
    assert!(
        reports(
            &build.stderr,
            &format!(
                "error: build dir `{shown}` is a symlink to `nowhere`, which does not exist: \
                 create that folder, or remove the link"
            )
        ),
        "{build}"
    );
    assert!(!site.path("nowhere").exists());
}

/// Regression (row 8): `x/../content/out` and an absolute path into `content/` wrote the site
/// into its sources.
#[test]
fn a_build_dir_that_leads_back_into_the_sources_is_refused() {
    let site = with_config("[book]\ntitle = \"Help\"\n[build]\nbuild-dir = \"x/../content/out\"\n");
    assert_refused(
        &site,
        1,
        "book.toml:4:13: `build-dir` `x/../content/out` is inside `content/`: building would \
         overwrite the site's sources",
    );
    let site = TestSite::new("basic");
    let inside = site.path("content/out");
    let text = format!(
        "[book]\ntitle = \"Help\"\n[build]\nbuild-dir = \"{}\"\n",
        inside.display()
    );
    site.write("book.toml", &text);
    let shown = inside.display().to_string();
    assert_refused(
        &site,
        2,
        &format!(
            "error: build dir `{shown}` is inside the site's `content/`: building would \
             overwrite the site's sources"
        ),
    );
    let site = TestSite::new("basic");
    let build = site.remedy(&["build", "--out", "content/guides/out"]);
    assert_no_crash(&build);
    build.expect_code(2);
    assert!(!site.path("content/guides/out").exists(), "{build}");
}

/// Regression (row 13): a static file at a generated path failed with `File exists` on the
/// staging folder's temporary path, not naming the static file.
#[test]
fn a_static_file_at_a_generated_path_is_named() {
    for (file, what) in [
        ("index.html", "a page"),
        ("sitemap.xml", "a page"),
        ("search/index/meta.json", "the search index"),
        ("search/manifest.js", "the search index"),
    ] {
        let site = TestSite::new("basic");
        site.write(&format!("static/{file}"), "mine");
        assert_refused(
            &site,
            1,
            &format!(
                "static/{file}: `{file}` is {what} Remedy generates, so this file would \
                 overwrite it"
            ),
        );
    }
    let site = TestSite::new("basic");
    site.write("static/search/extra.js", "fine");
    site.write("static/downloads/guide.pdf", "fine");
    let build = site.remedy(&["build", "--quiet"]);
    build.expect_code(0);
    assert_eq!(
        fs::read_to_string(site.path("public/search/extra.js")).unwrap(),
        "fine"
    );
}

/// Regression (row 14): a read-only previous site was left for ever as a hidden
/// `.public.remedy-staging-PID` folder while the build reported success. Root may delete
/// anything, so the build runs as `nobody` when the tests run as root.
#[cfg(unix)]
#[test]
fn a_read_only_previous_site_is_refused_before_anything_is_written() {
    let site = TestSite::new("basic");
    let owner = as_unprivileged(site.root());
    let build = owner.run(site.root(), &["build", "--quiet"]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    set_mode(&site.path("public/causes"), 0o555);
    let before = read_tree(&site.path("public"));
    let build = owner.run(site.root(), &["build"]);
    set_mode(&site.path("public/causes"), 0o755);
    assert_eq!(build.code, Some(2), "{}", build.stderr);
    let public = site.path("public").display().to_string();
    let expected = format!(
        "error: build dir `{public}` cannot be replaced: its folder `{public}/causes` is \
         read-only, so the previous site could not be deleted; make it writable \
         (`chmod -R u+w {public}`) or choose another `--out`"
    );
    assert!(
        build.stderr.lines().any(|line| line == expected),
        "{}",
        build.stderr
    );
    assert_eq!(read_tree(&site.path("public")), before);
    let names = site.top_level();
    assert!(
        names.iter().all(|n| !n.contains("remedy-staging")),
        "{names:?}"
    );
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// Runs `remedy` as a user that file permissions apply to.
#[cfg(unix)]
struct Unprivileged {
    /// `setpriv` arguments that drop root, or none when the tests are not root.
    prefix: Vec<String>,
}

#[cfg(unix)]
impl Unprivileged {
    fn run(&self, dir: &Path, args: &[&str]) -> Finished {
        let binary = crate::support::binary();
        let mut command = match self.prefix.split_first() {
            Some((program, rest)) => {
                let mut command = std::process::Command::new(program);
                command.args(rest).arg(&binary);
                command
            }
            None => std::process::Command::new(&binary),
        };
        let output = command
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        Finished {
            code: output.status.code(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// How a run as [`Unprivileged`] ended.
#[cfg(unix)]
struct Finished {
    code: Option<i32>,
    stderr: String,
}

/// Hands `dir` to `nobody` when the tests run as root.
#[cfg(unix)]
fn as_unprivileged(dir: &Path) -> Unprivileged {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Unprivileged { prefix: Vec::new() };
    }
    let status = std::process::Command::new("chown")
        .args(["-R", "65534:65534"])
        .arg(dir)
        .status()
        .unwrap();
    assert!(status.success());
    // The temporary folder's parents must let `nobody` in.
    Unprivileged {
        prefix: [
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]
        .map(String::from)
        .to_vec(),
    }
}
