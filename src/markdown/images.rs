//! Images in article bodies: where `![alt](path "title")` leads, what is wrong with it, and the
//! `<img>` tag written for it.
//!
//! A relative path is a file of the article's folder (`content/<kind>/<slug>/screenshot.png`,
//! published beside the page, so the path works as written; a translation's page, in its
//! edition's folder, points at its original's folder instead, where the files are published
//! once for every edition); a path starting with `/` is a file of `static/` (or of the theme's
//! static files), published at the root of the whole site (never under an edition's `fr/`) and
//! written relative to the page so the site works under any base URL and from `file://`. A URL with a
//! scheme (`https:`, `data:`) is left alone. The `<img>` gets the file's `width` and `height`
//! (the browser keeps the image's place while it loads), `loading="lazy"` and
//! `decoding="async"`. A missing file is an error, with the closest name of the folder; no alt
//! text and a file over [`LARGE_IMAGE_BYTES`] are warnings.

use std::collections::BTreeMap;

use pulldown_cmark_escape::{escape_href, escape_html};

use crate::image_size::Dimensions;
use crate::model::FileFacts;

/// Images larger than this get a warning: they make the page slow on a phone.
pub const LARGE_IMAGE_BYTES: u64 = 1024 * 1024;

/// Where an image's files can be.
#[derive(Debug, Clone, Copy)]
pub struct Places<'a> {
    /// The page's slug (`guides/x`), for messages.
    pub slug: &'a str,
    /// The relative path from the page to the root of the whole site (`../../`), where the
    /// files of `static/` are published, whatever the page's edition.
    pub root: &'a str,
    /// Where the folder's files are published, relative to the page, when not beside it: a
    /// translation's are its original's (`../../../guides/x/`). `None`: beside the page.
    pub folder_url: Option<&'a str>,
    /// The files of the article's folder, or `None` when the page has no folder.
    pub folder: Option<&'a BTreeMap<String, FileFacts>>,
    /// The files published at the root of the site (`static/` and the theme's); `None` when
    /// they are not known (the theme did not load), and images written `/…` are not checked.
    pub statics: Option<&'a BTreeMap<String, FileFacts>>,
}

/// A problem with an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageProblem {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Whether it is only a warning.
    pub warning: bool,
}

/// Where an image leads: the `src` to write and what is known of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The `src` attribute (not yet escaped).
    pub src: String,
    /// The file's size and dimensions, when it is a file of the site.
    pub facts: Option<FileFacts>,
}

/// Resolves the destination `dest` of an image of the page, with its problems.
pub fn resolve(dest: &str, places: &Places<'_>) -> (Resolved, Vec<ImageProblem>) {
    let mut problems = Vec::new();
    let untouched = Resolved {
        src: dest.to_string(),
        facts: None,
    };
    if dest.is_empty() || has_scheme(dest) || dest.starts_with("//") || dest.starts_with('#') {
        return (untouched, problems);
    }
    let path_end = dest.find(['?', '#']).unwrap_or(dest.len());
    let (path, suffix) = dest.split_at(path_end);
    let path = percent_decode(path);
    let (key, src, files, shown, folder_files) = if let Some(from_root) = path.strip_prefix('/') {
        let key = from_root.to_string();
        let src = format!("{}{}{suffix}", places.root, &dest[1..path_end]);
        let Some(statics) = places.statics else {
            return (Resolved { src, facts: None }, problems);
        };
        let shown = format!("static/{key}");
        (key, src, Some(statics), shown, false)
    } else {
        let Some(key) = normalize(&path) else {
            problems.push(ImageProblem {
                message: format!("image `{dest}` is outside the article's folder"),
                help: Some(
                    "put the image in the article's folder, or in `static/` and write `/name.png`"
                        .to_string(),
                ),
                warning: false,
            });
            return (untouched, problems);
        };
        let shown = format!("content/{}/{key}", places.slug);
        let src = match places.folder_url {
            Some(folder_url) => format!("{folder_url}{}", dest.trim_start_matches("./")),
            None => dest.to_string(),
        };
        (key, src, places.folder, shown, true)
    };
    let Some(files) = files else {
        problems.push(ImageProblem {
            message: format!("image `{dest}` not found: `{shown}` does not exist"),
            help: Some(format!(
                "an article with images is a folder: move `content/{slug}.md` to `content/{slug}/index.md` and put `{key}` beside it",
                slug = places.slug
            )),
            warning: false,
        });
        return (untouched, problems);
    };
    let Some(facts) = files.get(&key).copied() else {
        let help = crate::suggest::closest(&key, files.keys().map(String::as_str)).map(|name| {
            if folder_files {
                format!("did you mean `{name}`?")
            } else {
                format!("did you mean `/{name}`?")
            }
        });
        problems.push(ImageProblem {
            message: format!("image `{dest}` not found: `{shown}` does not exist"),
            help,
            warning: false,
        });
        return (untouched, problems);
    };
    if facts.len > LARGE_IMAGE_BYTES {
        problems.push(ImageProblem {
            message: format!(
                "image `{dest}` is {:.1} MB: images over 1 MB make the page slow to load",
                facts.len as f64 / (1024.0 * 1024.0)
            ),
            help: Some(
                "resize or compress it: a screenshot rarely needs more than 300 KB".to_string(),
            ),
            warning: true,
        });
    }
    if facts.dimensions.is_none() {
        problems.push(ImageProblem {
            message: format!("cannot read the width and height of image `{dest}`"),
            help: Some(
                "save it as a PNG, JPEG, GIF, WebP or SVG file (an SVG needs `width` and `height` or a `viewBox`)"
                    .to_string(),
            ),
            warning: true,
        });
    }
    (
        Resolved {
            src,
            facts: Some(facts),
        },
        problems,
    )
}

/// The `<img>` tag of an image: `alt` and `title` are plain text.
pub fn tag(src: &str, alt: &str, title: &str, dimensions: Option<Dimensions>) -> String {
    let mut html = String::from("<img src=\"");
    let _ = escape_href(&mut html, src);
    html.push_str("\" alt=\"");
    let _ = escape_html(&mut html, alt);
    html.push('"');
    if !title.is_empty() {
        html.push_str(" title=\"");
        let _ = escape_html(&mut html, title);
        html.push('"');
    }
    if let Some(size) = dimensions {
        html.push_str(&format!(
            " width=\"{}\" height=\"{}\"",
            size.width, size.height
        ));
    }
    html.push_str(" loading=\"lazy\" decoding=\"async\">");
    html
}

/// Whether `dest` starts with a URL scheme (`https:`, `data:`, `mailto:`).
pub(super) fn has_scheme(dest: &str) -> bool {
    let Some((scheme, _)) = dest.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// A relative path inside a folder without `.` and `..` segments; `None` when it leaves the
/// folder.
pub(super) fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// `%20` and the like as the characters they stand for.
pub(super) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(high), Some(low)) = (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            )
        {
            out.push((high * 16 + low) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(len: u64, size: Option<(u32, u32)>) -> FileFacts {
        FileFacts {
            len,
            dimensions: size.map(|(width, height)| Dimensions { width, height }),
        }
    }

    fn places<'a>(
        folder: Option<&'a BTreeMap<String, FileFacts>>,
        statics: &'a BTreeMap<String, FileFacts>,
    ) -> Places<'a> {
        Places {
            slug: "guides/x",
            root: "../../",
            folder_url: None,
            folder,
            statics: Some(statics),
        }
    }

    #[test]
    fn relative_paths_are_files_of_the_folder_and_root_paths_static_files() {
        let folder = BTreeMap::from([
            ("shot.png".to_string(), facts(10, Some((640, 400)))),
            ("img/a b.svg".to_string(), facts(10, Some((20, 10)))),
        ]);
        let statics = BTreeMap::from([("logo.svg".to_string(), facts(5, Some((32, 32))))]);
        let places = places(Some(&folder), &statics);
        let (found, problems) = resolve("./shot.png", &places);
        assert!(problems.is_empty());
        assert_eq!(found.src, "./shot.png");
        assert_eq!(found.facts, Some(facts(10, Some((640, 400)))));
        let (found, _) = resolve("img/../img/a%20b.svg?v=1", &places);
        assert_eq!(found.facts, Some(facts(10, Some((20, 10)))));
        let (found, problems) = resolve("/logo.svg", &places);
        assert!(problems.is_empty());
        assert_eq!(found.src, "../../logo.svg");
        let (found, problems) = resolve("https://example.com/a.png", &places);
        assert!(problems.is_empty() && found.facts.is_none());
    }

    #[test]
    fn a_translation_points_at_the_site_root_and_at_its_originals_folder() {
        let folder = BTreeMap::from([("shot.png".to_string(), facts(10, Some((640, 400))))]);
        let statics = BTreeMap::from([("logo.svg".to_string(), facts(5, Some((32, 32))))]);
        // The page `fr/guides/x/`: three folders below the site root.
        let places = Places {
            root: "../../../",
            folder_url: Some("../../../guides/x/"),
            ..places(Some(&folder), &statics)
        };
        let (found, problems) = resolve("./shot.png?v=2", &places);
        assert!(problems.is_empty());
        assert_eq!(found.src, "../../../guides/x/shot.png?v=2");
        assert_eq!(found.facts, Some(facts(10, Some((640, 400)))));
        let (found, problems) = resolve("/logo.svg", &places);
        assert!(problems.is_empty());
        assert_eq!(found.src, "../../../logo.svg");
    }

    #[test]
    fn missing_escaping_large_and_unreadable_images_are_problems() {
        let folder = BTreeMap::from([
            (
                "screenshot.png".to_string(),
                facts(3 * 1024 * 1024, Some((1, 1))),
            ),
            ("broken.png".to_string(), facts(10, None)),
        ]);
        let statics = BTreeMap::new();
        let places = places(Some(&folder), &statics);
        let problem = |dest: &str| resolve(dest, &places).1;
        assert_eq!(
            problem("screenshot.pnj"),
            [ImageProblem {
                message: "image `screenshot.pnj` not found: `content/guides/x/screenshot.pnj` does not exist".to_string(),
                help: Some("did you mean `screenshot.png`?".to_string()),
                warning: false,
            }]
        );
        assert_eq!(
            problem("../../etc/passwd.png")[0].message,
            "image `../../etc/passwd.png` is outside the article's folder"
        );
        assert_eq!(
            problem("screenshot.png")[0].message,
            "image `screenshot.png` is 3.0 MB: images over 1 MB make the page slow to load"
        );
        assert!(problem("screenshot.png")[0].warning);
        assert_eq!(
            problem("broken.png")[0].message,
            "cannot read the width and height of image `broken.png`"
        );
        assert_eq!(
            problem("/nope.png")[0].message,
            "image `/nope.png` not found: `static/nope.png` does not exist"
        );
        let no_folder = Places {
            folder: None,
            ..places
        };
        assert_eq!(
            resolve("a.png", &no_folder).1[0].help.as_deref(),
            Some(
                "an article with images is a folder: move `content/guides/x.md` to `content/guides/x/index.md` and put `a.png` beside it"
            )
        );
    }

    #[test]
    fn the_tag_carries_its_size_and_loads_lazily() {
        let size = Some(Dimensions {
            width: 640,
            height: 400,
        });
        assert_eq!(
            tag("a b.png", "The \"Backup\" <switch>", "", size),
            "<img src=\"a%20b.png\" alt=\"The &quot;Backup&quot; &lt;switch&gt;\" width=\"640\" height=\"400\" loading=\"lazy\" decoding=\"async\">"
        );
        assert_eq!(
            tag("x.png", "x", "T", None),
            "<img src=\"x.png\" alt=\"x\" title=\"T\" loading=\"lazy\" decoding=\"async\">"
        );
    }
}
