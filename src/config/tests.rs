//! Unit tests of [`super`].

use super::*;

fn parse_str(text: &str) -> Result<Config, Vec<Diagnostic>> {
    parse(Path::new("book.toml"), text)
}

#[test]
fn a_title_alone_gives_the_standard_kinds() {
    let config = parse_str("[book]\ntitle = \"Help\"\n").unwrap();
    assert_eq!(config.title, "Help");
    assert_eq!(config.kinds, standard_kinds());
    assert_eq!(config.build_dir, PathBuf::from("public"));
    assert_eq!(config.base_path(), "/");
}

#[test]
fn unknown_keys_name_the_key_and_line() {
    let errors =
        parse_str("[book]\ntitle = \"Help\"\n\n[build]\nbuild_dir = \"out\"\n").unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        "error: unknown field `build_dir`\n --> book.toml:5:1\n  |\n5 | build_dir = \"out\"\n  | ^^^^^^^^^\n  |\n  = help: did you mean `build-dir`?"
    );
}

#[test]
fn keys_in_the_wrong_table_say_where_they_go() {
    let errors = parse_str("[book]\ntitle = \"Help\"\ntheme = \"default\"\n").unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        "error: unknown field `theme`\n --> book.toml:3:1\n  |\n3 | theme = \"default\"\n  | ^^^^^\n  |\n  = help: `theme` goes in the `[build]` table"
    );
    let errors = parse_str("[kinds.cause]\nfolder = \"c\"\n").unwrap_err();
    assert_eq!(errors[0].help.as_deref(), Some("did you mean `dir`?"));
    let errors = parse_str("[book]\nzzz = 1\n").unwrap_err();
    assert_eq!(
        errors[0].help.as_deref(),
        Some("known fields are `title`, `description`, `language`, `authors`")
    );
}

#[test]
fn toml_errors_read_like_remedy_messages() {
    let message = |text: &str| {
        let errors = parse_str(text).unwrap_err();
        (errors[0].message.clone(), errors[0].help.clone())
    };
    assert_eq!(
        message("[build]\nallow-html = \"yes\"\n"),
        (
            "expected `true` or `false`, found the string `\"yes\"`".to_string(),
            Some("write `true` or `false`, without quotes".to_string())
        )
    );
    assert_eq!(
        message("[book]\nauthors = \"me\"\n").0,
        "expected a list, found the string `\"me\"`"
    );
    assert_eq!(
        message("[book]\ntitle = \"a\"\ntitle = \"b\"\n").0,
        "duplicate key `title`"
    );
    assert_eq!(message("[book]\ntitle = a\n").0, "text must be in quotes");
    assert_eq!(
        message("[book]\ntitle = \"a\n").0,
        "the string is not closed"
    );
    assert_eq!(message("[build\n").0, "unclosed table, expected `]`");
}

/// Regression: a number too large for its field read "found the number `1...` as i128`".
#[test]
fn numbers_out_of_range_are_named_plainly() {
    let errors = parse_str("[build]\nfeed-limit = 99999999999999999999\n").unwrap_err();
    assert_eq!(
        errors[0].message,
        "expected a whole number, found the number `99999999999999999999`"
    );
}

/// Regression: `title = "Help \u0000"` put a NUL into every page of the site.
#[test]
fn control_characters_written_as_escapes_are_refused() {
    let errors = parse_str("[book]\ntitle = \"Help \\u0000\"\n[kinds.cause]\ntitle = \"C\\b\"\n")
        .unwrap_err();
    let found: Vec<String> = errors
        .iter()
        .map(|d| format!("{} {}", d.location(), d.message))
        .collect();
    assert_eq!(
        found,
        [
            "book.toml:2:9 control character U+0000 in the text",
            "book.toml:4:9 control character U+0008 in the text",
        ]
    );
}

#[test]
fn wrong_types_point_at_the_value() {
    let errors = parse_str("[book]\ntitle = 3\n").unwrap_err();
    assert_eq!(errors[0].location(), "book.toml:2:9");
    assert_eq!(errors[0].message, "expected a string, found the number `3`");
}

#[test]
fn custom_kinds_replace_the_standard_ones() {
    let config = parse_str(
        "[kinds.cause]\norder = 2\n[kinds.howto]\ndir = \"how-to\"\ntitle = \"How-to\"\norder = 1\n",
    )
    .unwrap();
    let names: Vec<_> = config
        .kinds
        .iter()
        .map(|k| (&k.name[..], &k.dir[..]))
        .collect();
    assert_eq!(names, [("howto", "how-to"), ("cause", "causes")]);
}

#[test]
fn base_url_gets_a_trailing_slash_and_a_path() {
    let config = parse_str("[build]\nbase-url = \"https://example.com/help\"\n").unwrap();
    assert_eq!(config.base_url, "https://example.com/help/");
    assert_eq!(config.base_path(), "/help/");
    assert_eq!(
        config.permalink("causes/x/"),
        "https://example.com/help/causes/x/"
    );
}

#[test]
fn build_dirs_that_would_destroy_the_site_are_refused() {
    for dir in [
        "/",
        ".",
        "..",
        "content",
        "content/out",
        "./",
        "a/../..",
        "x/../content/out",
        "a/..",
    ] {
        assert!(check_build_dir(Path::new(dir)).is_err(), "{dir}");
    }
    for dir in ["public", "out/site", "/tmp/site"] {
        assert!(check_build_dir(Path::new(dir)).is_ok(), "{dir}");
    }
    let errors = parse_str("[build]\nbuild-dir = \"content\"\n").unwrap_err();
    assert_eq!(errors[0].location(), "book.toml:2:13");
}

#[test]
fn build_dirs_are_judged_where_they_land() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path().join("site");
    std::fs::create_dir_all(root.join("content/guides")).unwrap();
    let inside = root.join("content/out");
    for dir in [inside.as_path(), root.as_path(), site.path()] {
        assert!(check_build_dir_in(&root, dir).is_err(), "{}", dir.display());
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root.join("content"), root.join("sources")).unwrap();
        let error = check_build_dir_in(&root, Path::new("sources/out")).unwrap_err();
        assert_eq!(
            error,
            "build dir `sources/out` is inside the site's `content/`: building would \
             overwrite the site's sources"
        );
    }
    for dir in [Path::new("public"), &site.path().join("elsewhere")] {
        assert!(check_build_dir_in(&root, dir).is_ok(), "{}", dir.display());
    }
}

#[test]
fn the_escalation_article_is_kept_with_its_place() {
    let config =
        parse_str("[troubleshooter]\nescalation = \"fixes/contact-support.md\"\n").unwrap();
    let escalation = config.troubleshooter.escalation.unwrap();
    assert_eq!(escalation.value, "fixes/contact-support");
    assert_eq!(escalation.diagnostic("x").location(), "book.toml:2:14");
    let errors = parse_str("[troubleshooter]\nescalation = \" \"\n").unwrap_err();
    assert_eq!(errors[0].message, "`escalation` is empty");
    let errors = parse_str("[book]\nescalation = \"x\"\n").unwrap_err();
    assert_eq!(
        errors[0].help.as_deref(),
        Some("`escalation` goes in the `[troubleshooter]` table")
    );
}

#[test]
fn the_index_lists_causes_in_full_up_to_a_limit_that_can_be_set() {
    assert_eq!(parse_str("").unwrap().troubleshooter.index_causes, 200);
    let config = parse_str("[troubleshooter]\nindex-causes = 0\n").unwrap();
    assert_eq!(config.troubleshooter.index_causes, 0);
    let errors = parse_str("[troubleshooter]\nindex-causes = -1\n").unwrap_err();
    assert_eq!(errors[0].location(), "book.toml:2:16");
    assert_eq!(
        errors[0].message,
        "expected a whole number of 0 or more, found the number `-1`"
    );
    let errors = parse_str("[build]\nindex-causes = 5\n").unwrap_err();
    assert_eq!(
        errors[0].help.as_deref(),
        Some("`index-causes` goes in the `[troubleshooter]` table")
    );
}

#[test]
fn a_symptom_page_shows_causes_in_full_up_to_a_limit_that_can_be_set() {
    assert_eq!(parse_str("").unwrap().troubleshooter.page_causes, 25);
    let config = parse_str("[troubleshooter]\npage-causes = 0\n").unwrap();
    assert_eq!(config.troubleshooter.page_causes, 0);
    let errors = parse_str("[troubleshooter]\npage-causes = \"all\"\n").unwrap_err();
    assert_eq!(errors[0].location(), "book.toml:2:15");
    let errors = parse_str("[search]\npage-causes = 5\n").unwrap_err();
    assert_eq!(
        errors[0].help.as_deref(),
        Some("`page-causes` goes in the `[troubleshooter]` table")
    );
}

#[test]
fn filters_are_named_once_from_the_known_ones() {
    let config = parse_str("[search]\nfilters = [\"tags\", \"kind\"]\n").unwrap();
    assert_eq!(config.search.filters, [Filter::Tags, Filter::Kind]);
    let errors = parse_str("[search]\nfilters = [\"kind\", \"tag\", \"kind\"]\n").unwrap_err();
    let found: Vec<String> = errors
        .iter()
        .map(|d| format!("{} {} {:?}", d.location(), d.message, d.help))
        .collect();
    assert_eq!(
        found,
        [
            "book.toml:2:20 unknown filter `tag` Some(\"the filters are `kind` and `tags`\")",
            "book.toml:2:27 the filter `kind` is listed twice None",
        ]
    );
}

#[test]
fn synonyms_keep_their_places_and_refuse_what_cannot_work() {
    let config = parse_str(
        "[search.synonyms]\ndefaults = false\ngroups = [[\"frozen\", \" stuck \"]]\n\
         [search.synonyms.one-way]\nsurfshark = [\"vpn\"]\n",
    )
    .unwrap();
    let synonyms = &config.search.synonyms;
    assert!(!synonyms.defaults);
    assert_eq!(synonyms.groups[0][1].value, "stuck");
    assert_eq!(
        synonyms.groups[0][1].diagnostic("x").location(),
        "book.toml:3:22"
    );
    assert_eq!(synonyms.one_way[0].0.value, "surfshark");
    assert_eq!(synonyms.one_way[0].1[0].value, "vpn");

    let errors = parse_str(
        "[search.synonyms]\ngroups = [[\"alone\"], [\"a\", \" \"]]\n\
         [search.synonyms.one-way]\nsurfshark = []\n",
    )
    .unwrap_err();
    let found: Vec<String> = errors
        .iter()
        .map(|d| format!("{} {}", d.location(), d.message))
        .collect();
    assert_eq!(
        found,
        [
            "book.toml:2:11 a synonym group needs at least two entries",
            "book.toml:2:28 the synonym is empty",
            "book.toml:2:22 a synonym group needs at least two entries",
            "book.toml:4:13 `surfshark` has no synonym to find",
        ]
    );
    let errors = parse_str("[search.synonyms]\ngrups = [[\"a\", \"b\"]]\n").unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        "error: unknown field `grups`\n --> book.toml:2:1\n  |\n2 | grups = [[\"a\", \"b\"]]\n  | ^^^^^\n  |\n  = help: did you mean `groups`?"
    );
}

#[test]
fn kinds_have_a_singular_label() {
    let config = parse_str("[book]\ntitle = \"Help\"\n").unwrap();
    let singular: Vec<&str> = config.kinds.iter().map(|k| k.singular.as_str()).collect();
    assert_eq!(
        singular,
        [
            "Guide",
            "Cause",
            "Fix",
            "Best practice",
            "Restore guide",
            "Error code",
            "FAQ"
        ]
    );
    let config = parse_str(
        "[kinds.practice]\nsingular = \"Good habit\"\n[kinds.howto]\ntitle = \"How-tos\"\n",
    )
    .unwrap();
    let singular: Vec<&str> = config.kinds.iter().map(|k| k.singular.as_str()).collect();
    assert_eq!(singular, ["Good habit", "How-tos"]);
}

#[test]
fn paginate_defaults_to_100_and_0_never_splits_a_list() {
    assert_eq!(
        parse_str("[book]\ntitle = \"Help\"\n").unwrap().paginate,
        100
    );
    assert_eq!(DEFAULT_PAGINATE, 100);
    assert_eq!(parse_str("[build]\npaginate = 25\n").unwrap().paginate, 25);
    assert_eq!(parse_str("[build]\npaginate = 0\n").unwrap().paginate, 0);
}

#[test]
fn a_paginate_that_is_not_a_whole_number_is_refused_at_its_place() {
    let errors = parse_str("[book]\ntitle = \"Help\"\n[build]\npaginate = -1\n").unwrap_err();
    assert_eq!(errors[0].location(), "book.toml:4:12");
    assert_eq!(
        errors[0].message,
        "expected a whole number of 0 or more, found the number `-1`"
    );
    let errors = parse_str("[build]\npaginate = \"ten\"\n").unwrap_err();
    assert_eq!(errors[0].location(), "book.toml:2:12");
    assert_eq!(
        errors[0].message,
        "expected a whole number, found the string `\"ten\"`"
    );
    let errors = parse_str("[build]\npaginate = 2.5\n").unwrap_err();
    assert_eq!(errors[0].location(), "book.toml:2:12");
}

#[test]
fn paginate_in_the_wrong_table_says_where_it_goes() {
    let errors = parse_str("[book]\npaginate = 10\n").unwrap_err();
    assert_eq!(errors[0].location(), "book.toml:2:1");
    assert_eq!(
        errors[0].help.as_deref(),
        Some("`paginate` goes in the `[build]` table")
    );
}
