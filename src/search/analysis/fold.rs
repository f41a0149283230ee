//! Diacritics: composing a letter with the combining mark that follows it (decomposed text,
//! `e` + U+0301, as macOS writes file names, becomes `é`), and folding (`é` → `e`, `ç` → `c`,
//! `ß` → `ss`, `œ` → `oe`) for the Latin letters of the languages search supports (Latin-1
//! Supplement and Latin Extended-A). A language may keep some letters
//! ([`super::language::Rules::kept_letters`]: Spanish `ñ`). Input is lower case; letters of
//! other scripts pass through. Hand-written tables rather than Unicode normalization keep the
//! WebAssembly module small.

use std::borrow::Cow;

/// Whether `c` is a combining diacritical mark, which continues the word it follows.
pub fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The letter `base` (lower case) carrying the combining `mark`, if there is one to write.
pub fn compose(base: char, mark: char) -> Option<char> {
    Some(match (mark, base) {
        ('\u{300}', 'a') => 'à',
        ('\u{300}', 'e') => 'è',
        ('\u{300}', 'i') => 'ì',
        ('\u{300}', 'o') => 'ò',
        ('\u{300}', 'u') => 'ù',
        ('\u{301}', 'a') => 'á',
        ('\u{301}', 'c') => 'ć',
        ('\u{301}', 'e') => 'é',
        ('\u{301}', 'i') => 'í',
        ('\u{301}', 'n') => 'ń',
        ('\u{301}', 'o') => 'ó',
        ('\u{301}', 's') => 'ś',
        ('\u{301}', 'u') => 'ú',
        ('\u{301}', 'y') => 'ý',
        ('\u{301}', 'z') => 'ź',
        ('\u{302}', 'a') => 'â',
        ('\u{302}', 'e') => 'ê',
        ('\u{302}', 'i') => 'î',
        ('\u{302}', 'o') => 'ô',
        ('\u{302}', 'u') => 'û',
        ('\u{303}', 'a') => 'ã',
        ('\u{303}', 'n') => 'ñ',
        ('\u{303}', 'o') => 'õ',
        ('\u{308}', 'a') => 'ä',
        ('\u{308}', 'e') => 'ë',
        ('\u{308}', 'i') => 'ï',
        ('\u{308}', 'o') => 'ö',
        ('\u{308}', 'u') => 'ü',
        ('\u{308}', 'y') => 'ÿ',
        ('\u{30a}', 'a') => 'å',
        ('\u{30c}', 'c') => 'č',
        ('\u{30c}', 'e') => 'ě',
        ('\u{30c}', 'n') => 'ň',
        ('\u{30c}', 'r') => 'ř',
        ('\u{30c}', 's') => 'š',
        ('\u{30c}', 'z') => 'ž',
        ('\u{327}', 'c') => 'ç',
        _ => return None,
    })
}

/// What a lower-case letter folds to, or `None` if it stays.
fn folded(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// `word` (lower case) with its diacritics folded, except the letters in `kept`.
pub fn fold<'a>(word: &'a str, kept: &[char]) -> Cow<'a, str> {
    if word.is_ascii() {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if is_combining_mark(c) {
            // Dropped, unless it makes a letter the language keeps (`n` + U+0303 in Spanish).
            let kept_letter = out
                .chars()
                .next_back()
                .and_then(|base| compose(base, c))
                .filter(|letter| kept.contains(letter));
            if let Some(letter) = kept_letter {
                out.pop();
                out.push(letter);
            }
            continue;
        }
        match folded(c) {
            Some(replacement) if !kept.contains(&c) => out.push_str(replacement),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}
