//! Rules about text that several stages apply: which characters no page may hold, which names
//! make slugs, which files are editor droppings, how a borrowed message is lower-cased. A leaf:
//! it imports nothing of Remedy's, so the configuration, the loader, the front-matter parser
//! and the theme can all use it without depending on one another.

/// Control characters that HTML forbids in a page (NUL, BEL, DEL, the C1 controls...): a file
/// holding one is refused rather than built into invalid HTML. Tab, line feed, form feed and
/// carriage return are whitespace, and allowed.
/// Noncharacters (U+FDD0–U+FDEF and the last two code points of every plane, such as U+FFFF)
/// are forbidden too: the HTML standard calls them parse errors.
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\u{c}' | '\r')) || is_noncharacter(c)
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
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        "article".to_string()
    } else {
        slug
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

    #[test]
    fn suggests_ascii_slugs() {
        assert_eq!(suggest_slug("Mon Article é"), "mon-article-e");
        assert_eq!(suggest_slug("???"), "article");
        assert!(is_slug_segment("icloud-storage_full2"));
        assert!(!is_slug_segment("with space"));
        assert!(!is_slug_segment("café"));
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

    #[test]
    fn library_messages_read_like_ours() {
        assert_eq!(
            lowercase_first(" Unknown filter `x`. "),
            "unknown filter `x`"
        );
        assert_eq!(lowercase_first(""), "");
    }
}
