//! File and folder names with spaces, not ASCII or not UTF-8, slugs that differ only in case,
//! articles outside a kind folder, a missing `content` folder, and symlinks that loop or lead
//! out of the site.

use std::fs;

use super::assert_refused;
use crate::support::TestSite;

#[test]
fn file_name_with_spaces() {
    let site = TestSite::new("basic");
    site.write(
        "content/guides/how it works.md",
        "+++\ntitle = \"How\"\n+++\n",
    );
    assert_refused(
        &site,
        1,
        "content/guides/how it works.md: `how it works` is not a valid slug: file and folder names become URLs",
    );
    let run = site.remedy(&["check"]);
    assert!(run.stderr.contains("such as `how-it-works`"), "{run}");
}

#[test]
fn file_name_not_ascii() {
    let site = TestSite::new("basic");
    site.write(
        "content/guides/réglages.md",
        "+++\ntitle = \"Réglages\"\n+++\n",
    );
    assert_refused(
        &site,
        1,
        "content/guides/réglages.md: `réglages` is not a valid slug: file and folder names become URLs",
    );
}

#[cfg(unix)]
#[test]
fn file_name_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let site = TestSite::new("basic");
    let name = std::ffi::OsStr::from_bytes(b"bad\xffname.md");
    fs::write(
        site.path("content/guides").join(name),
        "+++\ntitle = \"Bad\"\n+++\n",
    )
    .unwrap();
    assert_refused(
        &site,
        1,
        "content/guides/bad\u{fffd}name.md: `bad\u{fffd}name` is not a valid slug: file and folder names become URLs",
    );
}

#[test]
fn folder_name_with_a_space() {
    let site = TestSite::new("basic");
    site.write(
        "content/guides/getting started/first.md",
        "+++\ntitle = \"First\"\n+++\n",
    );
    assert_refused(
        &site,
        1,
        "content/guides/getting started/first.md: `getting started` is not a valid slug: file and folder names become URLs",
    );
}

#[test]
fn slugs_that_differ_only_in_case() {
    let site = TestSite::new("basic");
    site.write(
        "content/fixes/Free-Up-Storage.md",
        "+++\ntitle = \"Free\"\n+++\n",
    );
    assert_refused(
        &site,
        1,
        "content/fixes/free-up-storage.md: duplicate slug: `fixes/free-up-storage` differs only in case from `content/fixes/Free-Up-Storage.md`",
    );
}

#[test]
fn article_outside_a_kind_folder() {
    let site = TestSite::new("basic");
    site.write("content/loose.md", "+++\ntitle = \"Loose\"\n+++\n");
    assert_refused(&site, 1, "content/loose.md: article outside a kind folder");
}

#[test]
fn folder_that_is_not_a_kind() {
    let site = TestSite::new("basic");
    site.write("content/howtos/x.md", "+++\ntitle = \"X\"\n+++\n");
    assert_refused(&site, 1, "content/howtos: unknown kind folder `howtos`");
}

#[test]
fn content_folder_missing() {
    let site = TestSite::new("basic");
    fs::remove_dir_all(site.path("content")).unwrap();
    assert_refused(&site, 1, "content: the `content` folder is missing");
}

#[cfg(unix)]
mod symlinks {
    use std::os::unix::fs::symlink;

    use super::*;

    #[test]
    fn loop_back_to_a_parent_folder() {
        let site = TestSite::new("basic");
        symlink("..", site.path("content/guides/loop")).unwrap();
        assert_refused(
            &site,
            1,
            "content/guides/loop: symlink loop: this link points back to a folder that contains it",
        );
    }

    #[test]
    fn file_outside_the_site() {
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret.md");
        fs::write(&secret, "+++\ntitle = \"Secret\"\n+++\n").unwrap();
        let site = TestSite::new("basic");
        symlink(&secret, site.path("content/guides/secret.md")).unwrap();
        assert_refused(
            &site,
            1,
            &format!(
                "content/guides/secret.md: symlink points outside the site: `{}`",
                secret.canonicalize().unwrap().display()
            ),
        );
    }

    #[test]
    fn folder_outside_the_site() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("x.md"), "+++\ntitle = \"X\"\n+++\n").unwrap();
        let site = TestSite::new("basic");
        symlink(outside.path(), site.path("content/guides/more")).unwrap();
        assert_refused(
            &site,
            1,
            &format!(
                "content/guides/more: symlink points outside the site: `{}`",
                outside.path().canonicalize().unwrap().display()
            ),
        );
    }

    #[test]
    fn link_to_nothing() {
        let site = TestSite::new("basic");
        symlink("gone.md", site.path("content/guides/gone-link.md")).unwrap();
        assert_refused(
            &site,
            1,
            "content/guides/gone-link.md: cannot read: No such file or directory (os error 2)",
        );
    }

    #[test]
    fn static_folder_outside_the_site() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("passwd"), "root:x:0:0").unwrap();
        let site = TestSite::new("basic");
        symlink(outside.path(), site.path("static")).unwrap();
        assert_refused(
            &site,
            1,
            &format!(
                "static: symlink points outside the site: `{}`",
                outside.path().canonicalize().unwrap().display()
            ),
        );
    }

    #[test]
    fn template_outside_the_site() {
        let outside = tempfile::tempdir().unwrap();
        let template = outside.path().join("article.html");
        fs::write(&template, "{{ article.title }}").unwrap();
        let site = TestSite::new("basic");
        fs::create_dir(site.path("templates")).unwrap();
        symlink(&template, site.path("templates/article.html")).unwrap();
        assert_refused(
            &site,
            1,
            &format!(
                "templates/article.html: symlink points outside the site: `{}`",
                template.canonicalize().unwrap().display()
            ),
        );
    }
}

/// Regression (issue 15, row 15): `remedy new` with a very long title failed with "File name
/// too long"; the file name keeps the title's first words.
#[test]
fn new_with_a_very_long_title_makes_a_short_file_name() {
    let site = TestSite::new("basic");
    let title = "Backup fails again and again ".repeat(20);
    let run = site.remedy(&["new", "guide", &title]);
    super::assert_no_crash(&run);
    run.expect_code(0);
    let path = run.stdout.trim();
    assert!(
        path.starts_with("content/guides/backup-fails-again-and-again"),
        "{run}"
    );
    let name = std::path::Path::new(path).file_name().unwrap().len();
    assert!(name <= 84, "{run}");
    site.remedy(&["build", "--quiet"]).expect_code(0);
}
