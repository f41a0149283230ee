//! The languages search can analyse, and what each one brings to the rules of
//! [`crate::search::analysis`]: its Snowball stemmer, its stop words, its question words, the
//! elided words an apostrophe cuts off, and the diacritics its readers keep when they type.
//!
//! Every list is written the way the analysis compares words: lower case, apostrophes removed,
//! diacritics folded ([`super::fold`]: `être` is written `etre`), sorted. The stop lists are
//! deliberately small, like the English one: articles, pronouns, prepositions, conjunctions and
//! the commonest forms of "to be" and "to have". They are cut down from the Snowball project's
//! stop lists (`https://snowballstem.org/algorithms/<language>/stop.txt`, BSD licence; the copy
//! read was the one tantivy 0.27 ships in `src/tokenizer/stop_word_filter/stopwords.rs`), which
//! also hold negations (`pas`, `nicht`, `no`, `não`, `non`), `sans`/`ohne`/`sin`/`sem`/`senza`
//! and particles such as German `aus`: those change what a symptom means and are kept out
//! here, as `not`, `off`, `up` and `out` are in English. Words that are also ordinary nouns
//! a symptom may need (French `son`, "sound") are kept out too.

/// A language search has rules for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Language {
    /// English (`en`): the rules Remedy started with.
    #[default]
    English,
    /// French (`fr`).
    French,
    /// German (`de`).
    German,
    /// Spanish (`es`).
    Spanish,
    /// Portuguese (`pt`).
    Portuguese,
    /// Italian (`it`).
    Italian,
}

impl Language {
    /// Every language, in the order of [`Language::index`].
    pub const ALL: [Language; 6] = [
        Language::English,
        Language::French,
        Language::German,
        Language::Spanish,
        Language::Portuguese,
        Language::Italian,
    ];

    /// The language of a BCP 47 tag (`fr`, `fr-CA`, `pt_BR`, `EN`), by its primary subtag, or
    /// `None` when search has no rules for it.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        Language::ALL
            .into_iter()
            .find(|language| language.code().eq_ignore_ascii_case(primary))
    }

    /// The two-letter code: `en`, `fr`, `de`, `es`, `pt`, `it`.
    pub const fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
            Language::German => "de",
            Language::Spanish => "es",
            Language::Portuguese => "pt",
            Language::Italian => "it",
        }
    }

    /// The name of its Snowball algorithm in `frostem` (and its Cargo feature).
    pub const fn snowball(self) -> &'static str {
        match self {
            Language::English => "english",
            Language::French => "french",
            Language::German => "german",
            Language::Spanish => "spanish",
            Language::Portuguese => "portuguese",
            Language::Italian => "italian",
        }
    }

    /// Its place in [`Language::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// What the analysis does differently in this language.
    pub const fn rules(self) -> &'static Rules {
        match self {
            Language::English => &ENGLISH,
            Language::French => &FRENCH,
            Language::German => &GERMAN,
            Language::Spanish => &SPANISH,
            Language::Portuguese => &PORTUGUESE,
            Language::Italian => &ITALIAN,
        }
    }
}

/// The word lists and choices of one language.
#[derive(Debug)]
pub struct Rules {
    /// Words left out of the index and of queries.
    pub stop_words: &'static [&'static str],
    /// Words indexed like any other but optional in a query.
    pub question_words: &'static [&'static str],
    /// Words an apostrophe cuts off the word it precedes (`l'iPhone` → `iPhone`). Empty: an
    /// apostrophe inside a word is only dropped (`won't` → `wont`).
    pub elisions: &'static [&'static str],
    /// Letters with a diacritic that this language's readers type as they are, so folding
    /// leaves them alone (Spanish `ñ`: `año` is not `ano`).
    pub kept_letters: &'static [char],
}

/// English: the list Remedy has always used (a subset of Snowball's English list).
const ENGLISH: Rules = Rules {
    stop_words: &[
        "a", "about", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being", "but",
        "by", "can", "could", "did", "do", "does", "doing", "each", "for", "from", "had", "has",
        "have", "having", "he", "her", "here", "him", "his", "i", "if", "im", "in", "into", "is",
        "it", "its", "ive", "just", "may", "me", "might", "my", "myself", "of", "on", "or", "our",
        "she", "should", "so", "than", "that", "the", "their", "them", "then", "there", "these",
        "they", "this", "those", "to", "was", "we", "were", "which", "while", "who", "whom",
        "will", "with", "would", "you", "your",
    ],
    question_words: &["how", "what", "when", "where", "why"],
    elisions: &[],
    kept_letters: &[],
};

/// French: cut down from Snowball's French list. Kept out: `pas`, `sans` (negation, absence),
/// `son` ("sound"), and the rarer tenses of être and avoir. `où` folds to `ou` ("or"), a stop
/// word, so it cannot be a question word.
const FRENCH: Rules = Rules {
    stop_words: &[
        "a", "ai", "as", "au", "aux", "avec", "avez", "avons", "c", "ce", "ceci", "cela", "ces",
        "cet", "cette", "d", "dans", "de", "des", "du", "elle", "elles", "en", "es", "est", "et",
        "etaient", "etait", "ete", "etes", "etre", "eu", "eux", "il", "ils", "j", "je", "l", "la",
        "le", "les", "leur", "leurs", "lui", "m", "ma", "mais", "me", "meme", "mes", "moi", "mon",
        "n", "ne", "nos", "notre", "nous", "on", "ont", "ou", "par", "pour", "qu", "que", "qui",
        "s", "sa", "se", "ses", "soi", "sont", "suis", "sur", "t", "ta", "te", "tes", "toi", "ton",
        "tu", "un", "une", "vos", "votre", "vous", "y",
    ],
    question_words: &["combien", "comment", "pourquoi", "quand"],
    // Lucene's FrenchAnalyzer elision articles (DEFAULT_ARTICLES): `l'`, `d'`, `qu'`, `n'`, ...
    elisions: &[
        "c", "d", "j", "jusqu", "l", "lorsqu", "m", "n", "puisqu", "qu", "quoiqu", "s", "t",
    ],
    kept_letters: &[],
};

/// German: cut down from Snowball's German list. Kept out: `nicht`, `kein*`, `nichts`,
/// `ohne`, and the separable-verb particles `aus`, `ab`, `auf` (`schaltet sich aus`, `lädt
/// nicht auf`), as English keeps `off`, `out` and `up`. Umlauts and `ß` fold (`ä` → `a`,
/// `ß` → `ss`): the German stemmer removes umlauts itself, so folding changes no stem and lets
/// the typed prefix of a word meet its term.
const GERMAN: Rules = Rules {
    stop_words: &[
        "als", "am", "an", "auch", "bei", "bin", "bis", "bist", "da", "dann", "das", "dass", "dem",
        "den", "der", "des", "die", "dies", "diese", "diesem", "diesen", "dieser", "dieses", "du",
        "ein", "eine", "einem", "einen", "einer", "eines", "er", "es", "euch", "fur", "habe",
        "haben", "hat", "hatte", "ich", "ihr", "ihre", "im", "in", "ins", "ist", "man", "mein",
        "meine", "mich", "mir", "mit", "nach", "ob", "oder", "sein", "seine", "sich", "sie",
        "sind", "so", "uber", "um", "und", "uns", "unser", "vom", "von", "war", "waren", "wenn",
        "werden", "wir", "wird", "zu", "zum", "zur",
    ],
    question_words: &["wann", "warum", "was", "weshalb", "wie", "wieso", "wo"],
    elisions: &[],
    kept_letters: &[],
};

/// Spanish: cut down from Snowball's Spanish list, which also holds every tense of estar,
/// haber, ser and tener. Kept out: `no`, `ni`, `nada`, `nunca`, `sin`. `ñ` does not fold.
/// `cómo`, `cuándo`, `dónde` fold into `como`, `cuando`, `donde`, which are question words;
/// `qué` folds into `que`, a stop word.
const SPANISH: Rules = Rules {
    stop_words: &[
        "a", "al", "con", "de", "del", "desde", "e", "el", "ella", "ellas", "ellos", "en", "entre",
        "era", "es", "esa", "esas", "ese", "eso", "esos", "esta", "estan", "estar", "estas",
        "este", "esto", "estos", "fue", "ha", "han", "has", "hay", "he", "la", "las", "le", "les",
        "lo", "los", "mas", "me", "mi", "mis", "muy", "nos", "o", "os", "para", "pero", "por",
        "que", "se", "ser", "si", "son", "su", "sus", "tambien", "te", "tu", "tus", "u", "un",
        "una", "unas", "unos", "y", "ya", "yo",
    ],
    question_words: &["como", "cuando", "cuanto", "donde", "porque"],
    elisions: &[],
    kept_letters: &['ñ'],
};

/// Portuguese: cut down from Snowball's Portuguese list. Kept out: `não`, `nem`, `nada`,
/// `nunca`, `sem`. Everything folds: Brazilian and Portuguese readers often type `nao`,
/// `configuracao`.
const PORTUGUESE: Rules = Rules {
    stop_words: &[
        "a", "ao", "aos", "aquela", "aquele", "aquilo", "as", "ate", "com", "da", "das", "de",
        "do", "dos", "e", "ela", "elas", "ele", "eles", "em", "entre", "era", "essa", "essas",
        "esse", "esses", "esta", "estao", "estar", "estas", "este", "estes", "eu", "foi", "ha",
        "isso", "isto", "lhe", "lhes", "mas", "me", "meu", "meus", "minha", "minhas", "na", "nas",
        "no", "nos", "num", "numa", "o", "os", "ou", "para", "pela", "pelas", "pelo", "pelos",
        "por", "que", "sao", "se", "ser", "seu", "seus", "sua", "suas", "te", "tem", "teu", "tu",
        "tua", "um", "uma", "voce", "voces",
    ],
    question_words: &["como", "onde", "porque", "quando", "quanto"],
    elisions: &[],
    kept_letters: &[],
};

/// Italian: cut down from Snowball's Italian list, which also holds every tense of avere,
/// essere, fare and stare. Kept out: `non`, `mai`, `senza`, `niente`, `nulla`, `più`
/// (`non si accende più`).
const ITALIAN: Rules = Rules {
    stop_words: &[
        "a", "agli", "ai", "al", "all", "alla", "alle", "allo", "anche", "c", "che", "chi", "ci",
        "col", "con", "cui", "da", "dagli", "dai", "dal", "dall", "dalla", "dalle", "dallo",
        "degli", "dei", "del", "dell", "della", "delle", "dello", "di", "e", "ed", "era", "essere",
        "gli", "ha", "hai", "hanno", "ho", "i", "il", "in", "io", "l", "la", "le", "lei", "lo",
        "loro", "lui", "ma", "me", "mi", "mia", "mie", "miei", "mio", "ne", "negli", "nei", "nel",
        "nell", "nella", "nelle", "nello", "noi", "o", "per", "quella", "quelle", "quelli",
        "quello", "questa", "queste", "questi", "questo", "se", "sei", "si", "sia", "sono", "su",
        "sua", "sue", "sugli", "sui", "sul", "sull", "sulla", "sulle", "sullo", "suo", "suoi",
        "ti", "tra", "tu", "tua", "tue", "tuo", "tuoi", "un", "una", "uno", "vi", "voi",
    ],
    question_words: &["come", "dove", "perche", "quando", "quanto"],
    // Lucene's ItalianAnalyzer elision articles (DEFAULT_ARTICLES), plus `quest'`, `quell'`
    // and `nessun'`, which Italian help texts use as often (`quest'app`, `nessun'altra`).
    elisions: &[
        "agl", "all", "c", "coll", "d", "dagl", "dall", "degl", "dell", "gl", "l", "m", "negl",
        "nell", "nessun", "pell", "quell", "quest", "s", "sugl", "sull", "t", "un", "v",
    ],
    kept_letters: &[],
};
