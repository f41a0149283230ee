//! Rules about text that several stages apply: which characters no page may hold, which names
//! make slugs, which files are editor droppings, how a borrowed message is lower-cased. A leaf:
//! it imports nothing of Remedy's, so the configuration, the loader, the front-matter parser
//! and the theme can all use it without depending on one another.

/// `text.split_whitespace().collect::<Vec<_>>().join(" ")`: words separated by one space, no
/// space at either end. It runs over every article's text, and both the `char` walk of
/// `split_whitespace` and a copy per word showed in the build's profile, so it copies eight
/// bytes at a time where nothing in them changes ([`plain_word`]: ASCII with single spaces),
/// and elsewhere a byte at a time without a branch per word: each ASCII byte is written
/// (whitespace as a space) and kept unless it is whitespace after whitespace; other characters
/// are decoded.
pub fn squash_whitespace(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = vec![0u8; bytes.len()];
    let mut written = 0;
    // Whether the last character was whitespace; true at the start, so leading space is dropped.
    let mut after_space = true;
    let mut at = 0;
    while at < bytes.len() {
        if !after_space && let Some(chunk) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            if plain_word(word) {
                out[written..written + 8].copy_from_slice(chunk);
                written += 8;
                at += 8;
                after_space = chunk[7] == b' ';
                continue;
            }
        }
        let byte = bytes[at];
        if byte.is_ascii() {
            let space = is_ascii_space(byte);
            out[written] = if space { b' ' } else { byte };
            written += usize::from(!(space && after_space));
            after_space = space;
            at += 1;
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            let width = c.len_utf8();
            if c.is_whitespace() {
                out[written] = b' ';
                written += usize::from(!after_space);
                after_space = true;
            } else {
                out[written..written + width].copy_from_slice(&bytes[at..at + width]);
                written += width;
                after_space = false;
            }
            at += width;
        }
    }
    // A space written after the last word.
    if after_space && written > 0 {
        written -= 1;
    }
    out.truncate(written);
    // Whole characters of `text` and ASCII spaces only: always UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Whether eight bytes (little-endian in `word`), following a character that is not
/// whitespace, are kept as they are by [`squash_whitespace`]: all ASCII, no whitespace but
/// spaces, and no space after a space.
fn plain_word(word: u64) -> bool {
    if word & 0x8080_8080_8080_8080 != 0 {
        return false;
    }
    let spaces = ascii_spaces(word);
    ascii_controls(word) == 0 && spaces & (spaces << 8) == 0
}

/// The whitespace of eight ASCII bytes (little-endian in `word`): the top bit of each byte
/// that is whitespace ([`is_ascii_space`]) set, every other bit clear.
fn ascii_whitespace(word: u64) -> u64 {
    ascii_spaces(word) | ascii_controls(word)
}

const ONES: u64 = 0x0101_0101_0101_0101;

/// The top bit of each space of eight ASCII bytes: the bytes that are zero once 0x20 is
/// taken away. Exact per byte: with the top bits clear, no sum carries into the next byte.
fn ascii_spaces(word: u64) -> u64 {
    const LOW: u64 = ONES * 0x7f;
    let others = word ^ (ONES * 0x20);
    !((others & LOW).wrapping_add(LOW) | others) & !LOW
}

/// The top bit of each whitespace control (tab to carriage return: at least 0x09 and below
/// 0x0e) of eight ASCII bytes; exact per byte, as [`ascii_spaces`].
fn ascii_controls(word: u64) -> u64 {
    const HIGH: u64 = ONES * 0x80;
    let at_least_tab = word.wrapping_add(ONES * (0x80 - 0x09)) & HIGH;
    let past_return = word.wrapping_add(ONES * (0x80 - 0x0e)) & HIGH;
    at_least_tab & !past_return
}

/// `char::is_whitespace` over ASCII: tab, line feed, vertical tab, form feed, carriage return
/// and space (`u8::is_ascii_whitespace` leaves out the vertical tab).
fn is_ascii_space(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | b' ')
}

/// The number of words in `text`, as `text.split_whitespace().count()` counts them: a word
/// starts at each non-whitespace character after whitespace (or at the start). ASCII text
/// (most articles') is counted eight bytes at a time ([`ascii_whitespace`]), other text a
/// character at a time.
pub fn word_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut after_space = true;
    let mut at = 0;
    if text.is_ascii() {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let space = ascii_whitespace(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
            // Each byte's marker moved onto the next byte; the first byte gets the last one's.
            let before = (space << 8) | u64::from(after_space) << 7;
            count += (before & !space & HIGH).count_ones() as usize;
            after_space = space >> 63 == 1;
        }
        at = bytes.len() - chunks.remainder().len();
    }
    while at < bytes.len() {
        let byte = bytes[at];
        let (space, width) = if byte.is_ascii() {
            (is_ascii_space(byte), 1)
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        count += usize::from(after_space && !space);
        after_space = space;
        at += width;
    }
    count
}

/// Control characters that HTML forbids in a page (NUL, BEL, DEL, the C1 controls...): a file
/// holding one is refused rather than built into invalid HTML. Tab, line feed, form feed and
/// carriage return are whitespace, and allowed.
/// Noncharacters (U+FDD0–U+FDEF and the last two code points of every plane, such as U+FFFF)
/// are forbidden too: the HTML standard calls them parse errors.
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\u{c}' | '\r')) || is_noncharacter(c)
}

/// The first character of `text` that [`is_forbidden_control`] refuses, and its byte offset.
///
/// A byte scan, as every article is checked whole when it is read: eight bytes at a time are
/// let through when they are printable ASCII and line feeds ([`may_hold_forbidden`]); in the
/// others a character is decoded only where a refused one can start (an ASCII control, or the
/// lead byte of a C1 control (`0xC2`), of U+FDD0 to U+FFFF (`0xEF`) or of a plane's last code
/// points (`0xF0` to `0xF4`)). Lead bytes are never continuation bytes, so each such byte
/// starts a character.
pub fn find_forbidden(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let end = match bytes.get(at..at + 8) {
            Some(eight) => {
                let word = u64::from_le_bytes(eight.try_into().unwrap_or_default());
                if !may_hold_forbidden(word) {
                    at += 8;
                    continue;
                }
                at + 8
            }
            None => bytes.len(),
        };
        while at < end {
            let suspect = match bytes[at] {
                b'\t' | b'\n' | 0x0c | b'\r' => false,
                0x00..=0x1f | 0x7f | 0xc2 | 0xef | 0xf0..=0xf4 => true,
                _ => false,
            };
            if suspect
                && let Some(c) = text[at..].chars().next()
                && is_forbidden_control(c)
            {
                return Some((at, c));
            }
            at += 1;
        }
    }
    None
}

/// Whether any of the eight bytes of `word` is other than printable ASCII (a space to `~`) or a
/// line feed: each test below works on all eight bytes at once, and no byte's sum carries into
/// the next.
fn may_hold_forbidden(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    let ascii = !word & HIGH;
    let low = word & !HIGH;
    // The high bit of each byte: set where the byte is at least a space (0x20 + 0x60 = 0x80)...
    let printable = (low + ONES * 0x60) & HIGH;
    // ... where it is DEL (0x7f + 1 = 0x80) ...
    let delete = (low + ONES) & ascii;
    // ... and where it is not a line feed (a byte is zero after the XOR only if it was one).
    let flipped = word ^ (ONES * u64::from(b'\n'));
    let not_newline = (((flipped & !HIGH) + !HIGH) | flipped) & HIGH;
    let control = !printable & ascii & not_newline;
    (!ascii & HIGH) | delete | control != 0
}

/// Whether `c` is one of Unicode's 66 noncharacters.
pub fn is_noncharacter(c: char) -> bool {
    let code = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE
}

/// How a message names a character [`is_forbidden_control`] refuses: `control character
/// U+0007` or `noncharacter U+FFFF`.
pub fn forbidden_character(c: char) -> String {
    let class = if is_noncharacter(c) {
        "noncharacter"
    } else {
        "control character"
    };
    format!("{class} U+{:04X}", u32::from(c))
}

/// Whether `text` shows nothing: only whitespace and invisible format characters (zero-width
/// space and joiners, the soft hyphen, direction marks, the byte-order mark).
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || matches!(c,
                '\u{ad}' | '\u{34f}' | '\u{180e}' | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}')
    })
}

/// Files and folders the walks skip: hidden files, editor backups and autosaves.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

/// Whether a file or folder name may be part of a slug.
pub fn is_slug_segment(part: &str) -> bool {
    !part.is_empty()
        && part
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A slug suggestion for a bad name: `Mon Article é` → `mon-article-e`.
pub fn suggest_slug(name: &str) -> String {
    let slug = slugify(name);
    if slug.is_empty() {
        "article".to_string()
    } else {
        slug
    }
}

/// A name as a URL segment by the slug rules: lower-case ASCII letters and digits, `_`, and one
/// `-` for each run of anything else (common accented letters lose their accents), trimmed of
/// `-`. `Wi-Fi` → `wi-fi`, `iCloud Drive` → `icloud-drive`, `Réglages` → `reglages`. Empty when
/// nothing of the name is left (`日本`).
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() || c == '_' {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').to_string()
}

/// An old path of an article (`aliases = ["causes/old-slug/"]`), as the redirect answers it
/// and as the build-dir file that holds the redirect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasPath {
    /// The site path: `causes/old-slug/` (a folder, always with its `/`) or `help/storage.html`
    /// (a file: its last segment has an extension).
    pub path: String,
    /// The build-dir file: `causes/old-slug/index.html`, or `help/storage.html`.
    pub output: String,
}

/// Reads an alias as written in front matter: a path from the site's root (a leading `/` is
/// allowed), folders separated by `/`, each segment of ASCII letters, digits, `-`, `_`, `.`
/// and `~`. A path without a trailing `/` whose last segment has no extension is a folder.
/// Refuses what could lead out of the build dir or is no path: `..` and `.` segments, empty
/// segments, backslashes, URLs, queries and fragments. The error is (message, help).
pub fn alias_path(written: &str) -> Result<AliasPath, (String, String)> {
    let from_root = "write the old path from the site's root, such as `causes/old-slug/`";
    let path = written.strip_prefix('/').unwrap_or(written);
    if written.trim().is_empty() || path.is_empty() {
        return Err((
            format!("alias `{written}` is the site's home page"),
            from_root.to_string(),
        ));
    }
    if written.contains('\\') {
        return Err((
            format!("alias `{written}` has a backslash"),
            "separate folders with `/`".to_string(),
        ));
    }
    if written.contains("://") || written.starts_with("//") {
        return Err((
            format!("alias `{written}` is a URL, not a path of this site"),
            from_root.to_string(),
        ));
    }
    let folder = path.ends_with('/');
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    if segments.iter().any(|s| *s == ".." || *s == ".") {
        return Err((
            format!("alias `{written}` leads out of the site"),
            from_root.to_string(),
        ));
    }
    if segments.iter().any(|s| s.is_empty()) {
        return Err((
            format!("alias `{written}` has an empty folder name (`//`)"),
            from_root.to_string(),
        ));
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~');
    if let Some(bad) = path.chars().find(|&c| c != '/' && !allowed(c)) {
        return Err((
            format!("alias `{written}` has `{bad}`, which a path of the site cannot hold"),
            "use ASCII letters, digits, `-`, `_`, `.` and `~`, with `/` between folders"
                .to_string(),
        ));
    }
    let last = segments.last().copied().unwrap_or_default();
    let joined = segments.join("/");
    if !folder && last.contains('.') {
        Ok(AliasPath {
            output: joined.clone(),
            path: joined,
        })
    } else {
        Ok(AliasPath {
            path: format!("{joined}/"),
            output: format!("{joined}/index.html"),
        })
    }
}

/// A message from a library as Remedy words its own: first letter lower-case, no trailing
/// period, no surrounding space. Empty when there is nothing left.
pub fn lowercase_first(message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts whose whitespace is of every kind: ASCII (the vertical tab included), no-break, em
    /// and ideographic spaces, U+0085, the line and paragraph separators, and a zero-width space
    /// (which is not whitespace).
    const WHITESPACE_TEXTS: [&str; 11] = [
        "",
        "   ",
        "one",
        "  two  words ",
        "a\tb\nc\r\nd\u{b}e\u{c}f",
        "no\u{a0}break and\u{2003}em\u{3000}ideographic",
        "caf\u{e9} na\u{ef}ve \u{65e5}\u{672c} end\u{85}",
        "\u{2028}line\u{2029}para ",
        "zero\u{200b}width stays",
        "\u{85}next\u{85}  \u{1f600}\u{a0}",
        " \u{3000} \t",
    ];

    #[test]
    fn squashes_whitespace_as_split_whitespace_and_join_do() {
        for text in WHITESPACE_TEXTS {
            assert_eq!(
                squash_whitespace(text),
                text.split_whitespace().collect::<Vec<_>>().join(" "),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        /// The eight-byte path and the byte path agree with the definitions on any text,
        /// ASCII runs with every kind of whitespace among them most of all.
        #[test]
        fn squash_and_count_match_split_whitespace(
            text in "([a-z.]{0,12}[ \t\n\u{b}\u{c}\r]{0,3}|\u{a0}|\u{3000}|é|日){0,40}"
        ) {
            proptest::prop_assert_eq!(
                squash_whitespace(&text),
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            );
            proptest::prop_assert_eq!(word_count(&text), text.split_whitespace().count());
        }
    }

    #[test]
    fn plain_words_are_ascii_with_single_spaces() {
        let plain = |text: &[u8; 8]| plain_word(u64::from_le_bytes(*text));
        assert!(plain(b"abcdefgh"));
        assert!(plain(b"ab cd ef"));
        assert!(plain(b" bcdefg "));
        assert!(!plain(b"ab  cdef"));
        assert!(!plain(b"abcdef  "));
        assert!(!plain(b"abc\tdefg"));
        assert!(!plain(b"abcdefg\n"));
        assert!(!plain(b"\rbcdefgh"));
        assert!(!plain(b"abc\x0bdefg"));
        assert!(!plain(b"abc\x0cdefg"));
        assert!(!plain(b"abcd\xc3\xa9fg"));
        // Near the whitespace range, but not in it.
        assert!(plain(b"\x08\x0e\x1f!~\x7f\x00a"));
    }

    #[test]
    fn word_count_counts_as_split_whitespace_does() {
        for text in WHITESPACE_TEXTS {
            assert_eq!(
                word_count(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn suggests_ascii_slugs() {
        assert_eq!(suggest_slug("Mon Article é"), "mon-article-e");
        assert_eq!(suggest_slug("???"), "article");
        assert_eq!(slugify("Wi-Fi"), "wi-fi");
        assert_eq!(slugify(" iCloud  Drive "), "icloud-drive");
        assert_eq!(slugify("日本"), "");
        assert!(is_slug_segment("icloud-storage_full2"));
        assert!(!is_slug_segment("with space"));
        assert!(!is_slug_segment("café"));
    }

    #[test]
    fn alias_paths_are_folders_or_files_inside_the_site() {
        let ok = |written: &str| alias_path(written).map(|a| (a.path, a.output)).unwrap();
        assert_eq!(
            ok("/causes/old-slug/"),
            (
                "causes/old-slug/".to_string(),
                "causes/old-slug/index.html".to_string()
            )
        );
        assert_eq!(
            ok("causes/old-slug"),
            (
                "causes/old-slug/".to_string(),
                "causes/old-slug/index.html".to_string()
            )
        );
        assert_eq!(
            ok("help/storage.html"),
            (
                "help/storage.html".to_string(),
                "help/storage.html".to_string()
            )
        );
        let refused = |written: &str| alias_path(written).unwrap_err().0;
        assert_eq!(
            refused("../../etc"),
            "alias `../../etc` leads out of the site"
        );
        assert_eq!(refused("a/./b"), "alias `a/./b` leads out of the site");
        assert_eq!(refused("a\\b"), "alias `a\\b` has a backslash");
        assert_eq!(
            refused("https://old.example.com/x"),
            "alias `https://old.example.com/x` is a URL, not a path of this site"
        );
        assert_eq!(
            refused("//etc/passwd"),
            "alias `//etc/passwd` is a URL, not a path of this site"
        );
        assert_eq!(refused("/"), "alias `/` is the site's home page");
        assert_eq!(
            refused("a//b"),
            "alias `a//b` has an empty folder name (`//`)"
        );
        assert_eq!(
            refused("old page?id=3"),
            "alias `old page?id=3` has ` `, which a path of the site cannot hold"
        );
    }

    #[test]
    fn skips_editor_files() {
        for name in [".x.md.swp", "x.md~", "#x.md#", ".DS_Store", "4913.tmp"] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("x.md"));
    }

    #[test]
    fn tab_form_feed_and_carriage_return_are_whitespace() {
        for c in ['\t', '\n', '\u{c}', '\r', 'a', 'é'] {
            assert!(!is_forbidden_control(c), "{c:?}");
        }
        for c in ['\0', '\u{7}', '\u{7f}', '\u{85}'] {
            assert!(is_forbidden_control(c), "{c:?}");
        }
    }

    /// The byte scan finds what a walk over every character finds, for every refused character
    /// and its neighbours in UTF-8 (same lead byte, or one apart), at the start, middle and end.
    #[test]
    fn find_forbidden_finds_what_a_char_walk_finds() {
        let walk = |text: &str| text.char_indices().find(|&(_, c)| is_forbidden_control(c));
        let mut probes: Vec<char> =
            "\t\n\r\u{c} aé€😀\u{a0}\u{ff}\u{100}\u{fdcf}\u{fdf0}\u{fffd}\u{fffc}"
                .chars()
                .collect();
        probes.extend((0..=0x9f_u32).filter_map(char::from_u32));
        probes.extend((0xfdd0..=0xfdef_u32).filter_map(char::from_u32));
        for plane in 0..=0x10_u32 {
            for low in [0xfffc, 0xfffd, 0xfffe, 0xffff] {
                probes.extend(char::from_u32(plane << 16 | low));
            }
        }
        for c in probes {
            for text in [
                format!("{c}"),
                format!("plain text {c} more"),
                format!("é😀{c}"),
                format!("{c}\u{85}"),
            ] {
                assert_eq!(find_forbidden(&text), walk(&text), "{text:?}");
            }
            // At every place in a run of eight bytes, and across two, among line feeds.
            for before in 0..17 {
                let text = format!("{}{c}{}", &"a\n~ ".repeat(4)[..before], "x\n".repeat(9));
                assert_eq!(find_forbidden(&text), walk(&text), "{text:?}");
            }
        }
        // Every byte value at every place of an eight-byte run of printable text.
        for byte in 0..=0x7f_u8 {
            for place in 0..8 {
                let mut bytes = *b"abcdefgh";
                bytes[place] = byte;
                let word = u64::from_le_bytes(bytes);
                let expected = !(byte == b'\n' || (0x20..0x7f).contains(&byte));
                assert_eq!(may_hold_forbidden(word), expected, "{byte:#x} at {place}");
            }
        }
        assert!(may_hold_forbidden(u64::from_le_bytes(*b"abc\xc3\xa9fgh")));
        assert_eq!(find_forbidden("ascii only\r\n\ttext"), None);
        assert_eq!(find_forbidden("a\u{7}b"), Some((1, '\u{7}')));
    }

    #[test]
    fn library_messages_read_like_ours() {
        assert_eq!(
            lowercase_first(" Unknown filter `x`. "),
            "unknown filter `x`"
        );
        assert_eq!(lowercase_first(""), "");
    }
}
