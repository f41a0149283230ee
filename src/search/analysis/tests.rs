//! The analysis, language by language: stems, stop words, elision, folding, codes.

use super::*;

fn terms_in(text: &str, language: Language) -> Vec<String> {
    index_terms(text, language)
        .into_iter()
        .map(|t| t.term)
        .collect()
}

fn terms(text: &str) -> Vec<String> {
    terms_in(text, Language::English)
}

/// The terms of a query's words, in order.
fn query_terms(text: &str, language: Language) -> Vec<String> {
    query_words(text, false, language)
        .into_iter()
        .map(|w| w.term)
        .collect()
}

/// Whether a query for `query` meets every required term in `text`'s index terms.
fn finds(query: &str, text: &str, language: Language) -> bool {
    let indexed = terms_in(text, language);
    let words = query_words(query, false, language);
    !words.is_empty() && words.iter().all(|w| indexed.contains(&w.term))
}

// ---- the lists ---------------------------------------------------------------------------------

#[test]
fn every_list_is_sorted_lower_case_folded_and_without_duplicates() {
    for language in Language::ALL {
        let rules = language.rules();
        for (name, list) in [
            ("stop words", rules.stop_words),
            ("question words", rules.question_words),
            ("elisions", rules.elisions),
        ] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(
                sorted, list,
                "{language:?} {name}: sort them, no duplicates"
            );
            for word in list {
                assert_eq!(
                    fold(&word.to_lowercase(), rules.kept_letters),
                    *word,
                    "{language:?} {name}: `{word}` must be written lower case and folded"
                );
                assert!(!word.contains(['\'', '\u{2019}', ' ']), "{word}");
            }
        }
        for word in rules.question_words {
            assert!(
                !is_stop_word(word, language),
                "{language:?}: `{word}` is both a question word and a stop word"
            );
        }
    }
}

#[test]
fn negations_and_particles_that_change_a_symptom_are_never_stop_words() {
    let kept: [(Language, &[&str]); 6] = [
        (
            Language::English,
            &["not", "no", "off", "out", "up", "dont", "wont"],
        ),
        (
            Language::French,
            &[
                "pas", "plus", "sans", "jamais", "rien", "aucun", "non", "son",
            ],
        ),
        (
            Language::German,
            &[
                "nicht", "kein", "keine", "nichts", "ohne", "aus", "ab", "auf",
            ],
        ),
        (Language::Spanish, &["no", "ni", "nada", "nunca", "sin"]),
        (
            Language::Portuguese,
            &["nao", "nem", "nada", "nunca", "sem"],
        ),
        (
            Language::Italian,
            &["non", "mai", "senza", "niente", "nulla", "piu"],
        ),
    ];
    for (language, words) in kept {
        for word in words {
            assert!(!is_stop_word(word, language), "{language:?}: `{word}`");
        }
    }
}

#[test]
fn languages_come_from_bcp_47_tags() {
    assert_eq!(Language::from_tag("en"), Some(Language::English));
    assert_eq!(Language::from_tag("en-GB"), Some(Language::English));
    assert_eq!(Language::from_tag("FR"), Some(Language::French));
    assert_eq!(Language::from_tag("fr-CA"), Some(Language::French));
    assert_eq!(Language::from_tag("de-CH"), Some(Language::German));
    assert_eq!(Language::from_tag("es-419"), Some(Language::Spanish));
    assert_eq!(Language::from_tag("pt_BR"), Some(Language::Portuguese));
    assert_eq!(Language::from_tag("it"), Some(Language::Italian));
    assert_eq!(Language::from_tag("nl"), None);
    assert_eq!(Language::from_tag("english"), None);
    assert_eq!(Language::from_tag(""), None);
    for language in Language::ALL {
        assert_eq!(Language::ALL[language.index()], language);
        assert_eq!(Language::from_tag(language.code()), Some(language));
    }
}

#[test]
fn every_language_has_its_stemmer_built_in() {
    for language in Language::ALL {
        assert!(
            frostem::Algorithm::from_name(language.snowball()).is_ok(),
            "Cargo.toml must enable frostem's `{}` feature",
            language.snowball()
        );
    }
}

#[test]
fn the_analysis_id_names_language_stemmer_and_sources() {
    assert_eq!(
        analysis_id(Language::French),
        format!("fr frostem {STEMMER_VERSION} french {SOURCE_HASH:016x}")
    );
    assert_ne!(
        analysis_id(Language::French),
        analysis_id(Language::English)
    );
}

#[test]
fn the_pinned_stemmer_version_is_the_one_built_here_and_in_the_browser() {
    let manifest = include_str!("../../../Cargo.toml");
    assert!(
        manifest.contains(&format!("frostem = {{ version = \"={STEMMER_VERSION}\"")),
        "Cargo.toml must pin frostem = \"={STEMMER_VERSION}\""
    );
    let resolved = format!("name = \"frostem\"\nversion = \"{STEMMER_VERSION}\"");
    for lock in [
        include_str!("../../../Cargo.lock"),
        include_str!("../../../wasm/Cargo.lock"),
    ] {
        assert!(
            lock.contains(&resolved),
            "Cargo.lock and wasm/Cargo.lock must resolve frostem {STEMMER_VERSION}"
        );
    }
}

// ---- English: the rules Remedy started with ------------------------------------------------

#[test]
fn words_are_lower_cased_and_stemmed_and_stop_words_dropped() {
    assert_eq!(
        terms("The backup stops HALFWAY through"),
        ["backup", "stop", "halfway", "through"]
    );
}

#[test]
fn error_codes_stay_whole() {
    assert_eq!(terms("error 9006."), ["error", "9006"]);
    assert_eq!(terms("0x8007000E"), ["0x8007000e"]);
    assert_eq!(terms("code E-1234"), ["code", "e-1234", "e", "1234"]);
    assert_eq!(terms("iOS 17.1.2."), ["io", "17.1.2", "17", "1", "2"]);
}

#[test]
fn apostrophes_straight_and_curly_are_the_same() {
    assert_eq!(terms("won't"), terms("won’t"));
    assert_eq!(terms("won't"), terms("won\u{2bc}t"));
    assert_eq!(terms("\u{2bc}tis"), ["tis"]);
    assert_eq!(terms("won't"), ["wont"]);
    assert_eq!(terms("iPhone’s backup"), ["iphon", "backup"]);
    assert_eq!(terms("'quoted'"), ["quot"]);
}

#[test]
fn word_compounds_are_indexed_joined_and_by_part() {
    assert_eq!(terms("Wi-Fi"), ["wifi", "wi", "fi"]);
    assert_eq!(terms("back-up"), ["backup", "back", "up"]);
    assert_eq!(terms("end - of"), ["end"]);
}

#[test]
fn non_breaking_hyphens_join_like_hyphens() {
    assert_eq!(terms("Wi\u{2011}Fi"), terms("Wi-Fi"));
    assert_eq!(terms("E\u{2010}1234"), ["e-1234", "e", "1234"]);
}

#[test]
fn query_words_keep_compounds_whole() {
    let words = query_words("Wi-Fi keeps dropping", false, Language::English);
    let terms: Vec<&str> = words.iter().map(|w| w.term.as_str()).collect();
    assert_eq!(terms, ["wifi", "keep", "drop"]);
    let words = query_words("error E-1234", false, Language::English);
    assert_eq!(words[1].term, "e-1234");
    assert!(words[1].code);
}

#[test]
fn a_trailing_stop_word_is_kept_only_when_asked() {
    let words = query_words("backup to", false, Language::English);
    assert_eq!(words.len(), 1);
    let words = query_words("backup to", true, Language::English);
    assert_eq!(words.len(), 2);
    assert_eq!(words[1].role, Role::Unfinished);
    assert_eq!(words[1].typed, "to");
}

#[test]
fn question_words_are_optional() {
    let words = query_words("why did my backup fail", false, Language::English);
    let roles: Vec<(&str, Role)> = words.iter().map(|w| (w.term.as_str(), w.role)).collect();
    assert_eq!(
        roles,
        [
            ("whi", Role::Optional),
            ("backup", Role::Required),
            ("fail", Role::Required)
        ]
    );
}

#[test]
fn repeated_words_count_once() {
    let words = query_words("backup backups", false, Language::English);
    assert_eq!(words.len(), 1);
    assert_eq!(words[0].typed, "backups");
}

#[test]
fn over_long_terms_are_dropped() {
    let long = "a".repeat(41);
    assert!(terms(&long).is_empty());
    assert_eq!(terms(&"b".repeat(40)).len(), 1);
}

#[test]
fn english_folds_the_accents_of_borrowed_words() {
    // The bundled site's "cafés": a reader types "cafe".
    assert_eq!(terms("cafés café"), ["cafe", "cafe"]);
    assert!(finds("cafe", "Public Wi-Fi in cafés", Language::English));
    assert!(finds("naive", "a naïve guess", Language::English));
}

// ---- French ----------------------------------------------------------------------------------

#[test]
fn french_elided_articles_and_pronouns_are_dropped() {
    let fr = Language::French;
    assert_eq!(terms_in("l'iPhone", fr), ["iphon"]);
    assert_eq!(terms_in("L’iPhone", fr), ["iphon"]);
    assert_eq!(terms_in("l\u{2bc}iPhone", fr), ["iphon"]);
    assert_eq!(terms_in("d'iCloud", fr), ["icloud"]);
    assert_eq!(terms_in("qu'il n'est jusqu'à", fr), Vec::<String>::new());
    assert_eq!(terms_in("s'arrête", fr), terms_in("arrête", fr));
    assert_eq!(query_terms("l'iphone", fr), query_terms("iphone", fr));
    // Not an elided word: the apostrophe is only dropped.
    assert_eq!(terms_in("aujourd'hui", fr), ["aujourdhui"]);
    // The highlight starts at the word, not at the article.
    assert_eq!(index_terms("à l'iPhone", fr)[0].span, 5..11);
}

#[test]
fn french_stems_conflate_forms_and_fold_accents() {
    let fr = Language::French;
    assert_eq!(terms_in("bloquée", fr), ["bloqu", "bloque"]);
    assert_eq!(terms_in("bloquer bloqués", fr), ["bloqu", "bloqu"]);
    assert_eq!(query_terms("bloquée", fr), ["bloqu"]);
    assert_eq!(query_terms("bloquee", fr), ["bloque"]);
    // A reader who types without accents finds the word as written...
    assert!(finds("bloquee", "La sauvegarde est bloquée", fr));
    assert!(finds("sauvegarde echouee", "Sauvegarde échouée", fr));
    assert!(finds("reglages", "Ouvrez Réglages", fr));
    assert!(finds("securite", "la sécurité", fr));
    // ... and a reader who types them finds every form of it.
    assert!(finds("bloquée", "impossible de bloquer", fr));
    assert!(finds("sécurité", "sécurités", fr));
}

#[test]
fn french_stop_words_go_and_negations_stay() {
    let fr = Language::French;
    assert_eq!(
        terms_in("L'iPhone ne s'allume plus", fr),
        ["iphon", "allum", "plus"]
    );
    assert_eq!(
        terms_in("La sauvegarde ne se fait pas", fr),
        ["sauvegard", "fait", "pas"]
    );
    let words = query_words("pourquoi ma sauvegarde échoue", false, fr);
    let roles: Vec<(&str, Role)> = words.iter().map(|w| (w.term.as_str(), w.role)).collect();
    assert_eq!(
        roles,
        [
            ("pourquoi", Role::Optional),
            ("sauvegard", Role::Required),
            ("echou", Role::Required)
        ]
    );
}

// ---- Italian ---------------------------------------------------------------------------------

#[test]
fn italian_elided_articles_are_dropped() {
    let it = Language::Italian;
    assert_eq!(terms_in("dell'app", it), ["app"]);
    assert_eq!(terms_in("l'iPhone", it), ["iphon"]);
    assert_eq!(terms_in("un'app", it), ["app"]);
    assert_eq!(terms_in("quest'anno", it), terms_in("anno", it));
    assert_eq!(terms_in("c'è", it), Vec::<String>::new());
    assert_eq!(terms_in("nell'archivio", it), terms_in("archivio", it));
}

#[test]
fn italian_keeps_negations_and_folds_accents() {
    let it = Language::Italian;
    assert_eq!(
        terms_in("L'iPhone non si accende più", it),
        ["iphon", "non", "accend", "piu"]
    );
    assert!(finds(
        "perche il backup non funziona",
        "Perché il backup non funziona?",
        it
    ));
    assert!(finds("attivita", "attività", it));
    assert_eq!(query_words("perché", false, it)[0].role, Role::Optional);
}

// ---- German ----------------------------------------------------------------------------------

#[test]
fn german_umlauts_and_sharp_s_fold_and_stem_alike() {
    let de = Language::German;
    assert_eq!(terms_in("Schlüssel", de), ["schlussel"]);
    assert_eq!(query_terms("schluessel", de), ["schlussel"]);
    assert_eq!(query_terms("schlussel", de), ["schlussel"]);
    assert_eq!(terms_in("Größe", de), query_terms("grosse", de));
    assert!(finds("Speicher voll", "Der iCloud-Speicher ist voll", de));
    assert!(finds(
        "datensicherung fehlgeschlagen",
        "Die Datensicherung ist fehlgeschlagen",
        de
    ));
    // The typed prefix of a word meets its (umlaut-free) term.
    let typed = &query_words("schlü", false, de)[0].typed;
    assert!(terms_in("Schlüssel", de)[0].starts_with(typed.as_str()));
}

#[test]
fn german_negations_and_particles_stay() {
    let de = Language::German;
    assert_eq!(
        terms_in("Das iPhone schaltet sich nicht aus", de),
        ["iphon", "schalt", "nicht", "aus"]
    );
    assert_ne!(
        query_terms("lädt nicht auf", de),
        query_terms("lädt nicht", de)
    );
    assert_eq!(query_words("warum", false, de)[0].role, Role::Optional);
}

// ---- Spanish ---------------------------------------------------------------------------------

#[test]
fn spanish_keeps_n_tilde_and_folds_the_rest() {
    let es = Language::Spanish;
    assert_eq!(terms_in("año", es), ["año"]);
    assert_ne!(terms_in("año", es), terms_in("ano", es));
    assert_eq!(terms_in("an\u{303}o", es), ["año"]);
    assert_eq!(
        terms_in("configuración configuraciones", es),
        ["configur", "configur"]
    );
    assert!(finds("configuracion", "la configuración", es));
    assert!(finds("restauracion fallida", "Restauración fallida", es));
}

#[test]
fn spanish_stop_words_go_and_negations_stay() {
    let es = Language::Spanish;
    assert_eq!(
        terms_in("No se puede hacer la copia sin Wi-Fi", es),
        ["no", "pued", "hac", "copi", "sin", "wifi", "wi", "fi"]
    );
    assert_eq!(query_words("cómo", false, es)[0].role, Role::Optional);
    assert_eq!(query_words("como", false, es)[0].role, Role::Optional);
}

// ---- Portuguese ------------------------------------------------------------------------------

#[test]
fn portuguese_folds_every_accent() {
    let pt = Language::Portuguese;
    assert!(finds("nao consigo", "Não consigo", pt));
    assert!(finds("configuracao", "a configuração", pt));
    assert!(finds("configurações", "a configuração", pt));
    assert!(finds("sem espaco", "sem espaço", pt));
    assert_eq!(
        terms_in("O backup não termina", pt),
        ["backup", "na", "nao", "termin"]
    );
    assert_eq!(query_words("por que", true, pt).len(), 1);
}

// ---- every language --------------------------------------------------------------------------

#[test]
fn codes_stay_whole_in_every_language() {
    for language in Language::ALL {
        assert_eq!(
            terms_in("0x8007000E", language),
            ["0x8007000e"],
            "{language:?}"
        );
        assert_eq!(terms_in("9006", language), ["9006"], "{language:?}");
        // `e` alone is a stop word in Spanish, Portuguese and Italian.
        let terms = terms_in("E-1234", language);
        assert_eq!(terms[0], "e-1234", "{language:?}");
        assert_eq!(
            terms.last().map(String::as_str),
            Some("1234"),
            "{language:?}"
        );
        assert_eq!(
            terms_in("17.1.2", language),
            ["17.1.2", "17", "1", "2"],
            "{language:?}"
        );
        let words = query_words("0x8007000E", false, language);
        assert_eq!(words[0].term, "0x8007000e", "{language:?}");
        assert!(words[0].code, "{language:?}");
    }
}

#[test]
fn decomposed_text_is_analysed_like_precomposed_text() {
    let texts = [
        "bloquée échouée Réglages",
        "Schlüssel Größe",
        "configuración año",
        "configuração não",
        "perché attività",
        "café naïve",
    ];
    for language in Language::ALL {
        for text in texts {
            let decomposed: String = text
                .chars()
                .flat_map(|c| match c {
                    'é' => vec!['e', '\u{301}'],
                    'É' => vec!['E', '\u{301}'],
                    'ü' => vec!['u', '\u{308}'],
                    'ö' => vec!['o', '\u{308}'],
                    'ó' => vec!['o', '\u{301}'],
                    'ñ' => vec!['n', '\u{303}'],
                    'ç' => vec!['c', '\u{327}'],
                    'ã' => vec!['a', '\u{303}'],
                    'à' => vec!['a', '\u{300}'],
                    'ï' => vec!['i', '\u{308}'],
                    c => vec![c],
                })
                .collect();
            assert_ne!(decomposed, text);
            assert_eq!(
                terms_in(&decomposed, language),
                terms_in(text, language),
                "{language:?} {text}"
            );
        }
    }
    // A mark no letter takes is dropped, and still does not split the word.
    assert_eq!(terms("x\u{301}y"), ["xy"]);
}

#[test]
fn letters_of_other_scripts_pass_through() {
    for language in Language::ALL {
        assert_eq!(terms_in("日本語", language), ["日本語"], "{language:?}");
        assert_eq!(terms_in("ΣΊΣΥΦΟΣ", language), ["σίσυφοσ"], "{language:?}");
    }
}

/// The index writer's term list holds exactly the terms of `index_terms`, in order, in every
/// language: codes, compounds, elisions, accents, stop words and over-long terms.
#[test]
fn the_index_writer_s_term_list_is_index_terms_joined() {
    let texts = [
        "Backup stops halfway: error 9006 on Wi-Fi, E-1234 and 0x8007000E after iOS 17.1.2",
        "L'iPhone n'a pas pu être sauvegardé : la sauvegarde est bloquée, réessayez",
        "Das Backup ist fehlgeschlagen; Schlüssel und Größe prüfen",
        "La copia de seguridad no se completó en el teléfono del niño",
        "Não foi possível fazer o backup do iPhone dell'app",
        "won't can't iPhone's aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa e\u{301}te\u{301} — ok",
        "",
    ];
    for language in Language::ALL {
        for text in texts {
            let mut list = String::new();
            push_index_terms(text, language, &mut list);
            let expected: Vec<String> = index_terms(text, language)
                .into_iter()
                .map(|t| t.term)
                .collect();
            assert_eq!(list, expected.join(" "), "{language:?}: {text}");
        }
    }
}

/// An ASCII part's term is remembered per thread: asked for the first time and again, every
/// kind of part (word, stop word, code, over-long part, the same word in each language) makes
/// what the computation makes. Parts of up to 23 bytes are kept in the table's slots, longer
/// ones made each time: both sides of that length are asked for.
#[test]
fn remembered_part_terms_are_the_computed_ones() {
    let long = "x".repeat(MAX_TERM_CHARS + 1);
    let parts = [
        "backup",
        "backups",
        "the",
        "and",
        "not",
        "9006",
        "e",
        "4013",
        "ios17",
        "wifi",
        "a",
        "les",
        "pas",
        "nicht",
        "icloud",
        &long,
        "synchronisationsfehlern",
        "synchronisationsproblems",
        "counterrevolutionaries",
        "abcdefghijklmnopqrstuvw",
        "abcdefghijklmnopqrstuvwx",
        "1234567890123456789012345",
    ];
    for language in Language::ALL.iter().copied() {
        for round in 0..2 {
            for part in parts {
                for keep in [false, true] {
                    let mut remembered = Vec::new();
                    part_terms(part, keep, language, &mut |t| {
                        remembered.push(t.to_string())
                    });
                    let mut computed = Vec::new();
                    computed_part_terms(part, keep, language, &mut |t| {
                        computed.push(t.to_string())
                    });
                    assert_eq!(remembered, computed, "{part:?} {language:?} round {round}");
                }
            }
        }
    }
    // Stop words are dropped and codes kept whole, the second time too.
    assert_eq!(
        terms("the backup 9006 the backup 9006"),
        ["backup", "9006", "backup", "9006"]
    );
}
