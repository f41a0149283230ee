//! The names of languages in themselves, as a language switcher and the badge of an article
//! shown in another language write them (`Français`, not `French`). A leaf: it imports
//! nothing of Remedy's.

/// The name of the language of the BCP 47 tag `code` (by its primary subtag) in that
/// language: `English`, `Français`, `Deutsch`, `Español`, `Português`, `Italiano`; the code
/// itself for a language not in the table.
pub fn native_name(code: &str) -> String {
    let primary = code.split(['-', '_']).next().unwrap_or_default();
    let name = match primary.to_ascii_lowercase().as_str() {
        "en" => "English",
        "fr" => "Français",
        "de" => "Deutsch",
        "es" => "Español",
        "pt" => "Português",
        "it" => "Italiano",
        _ => return code.to_string(),
    };
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_named_in_themselves() {
        assert_eq!(native_name("fr"), "Français");
        assert_eq!(native_name("pt-BR"), "Português");
        assert_eq!(native_name("de"), "Deutsch");
        assert_eq!(native_name("nl"), "nl");
    }
}
