//! The analysis modules: [`crate::search::analysis`] compiled to WebAssembly by `wasm/build.sh`,
//! one module per language, committed under `wasm/modules/` and compiled into this binary (so
//! building Remedy needs no wasm32 target). The manifest carries the module of its index's
//! language as text ([`encode`]): the browser analyses queries and highlights with the very
//! code that made the index's terms, from `file://` too, where a `.wasm` file could not be
//! fetched.
//!
//! # Text encoding
//! The module is most of a first query's download, so it is written for gzip rather than as
//! base64 (whose 6-bit groups hide the byte patterns gzip would find: 37.5 KB gzip for the
//! English module where its raw bytes take 28.7). Each byte becomes one character or two, of
//! [`ALPHABET`] (the printable ASCII characters but `"` and `\`, so the JSON string needs no
//! escapes): the module's [`COMMON_BYTES`] most frequent byte values one character each, in
//! that order (`ALPHABET[rank]`); every other byte value, the `k`-th of them in value order,
//! two: `ALPHABET[COMMON_BYTES + k / 93]` then `ALPHABET[k % 93]`. The manifest carries the
//! common bytes (hex) beside the text. A byte keeps one code wherever it is, so gzip sees the
//! module's repetitions as they are: 29.7 KB gzip for the same module.

use crate::search::analysis::Language;

/// The WebAssembly module of `language`'s analysis.
pub fn bytes(language: Language) -> &'static [u8] {
    match language {
        Language::English => include_bytes!("../../../wasm/modules/analysis-en.wasm"),
        Language::French => include_bytes!("../../../wasm/modules/analysis-fr.wasm"),
        Language::German => include_bytes!("../../../wasm/modules/analysis-de.wasm"),
        Language::Spanish => include_bytes!("../../../wasm/modules/analysis-es.wasm"),
        Language::Portuguese => include_bytes!("../../../wasm/modules/analysis-pt.wasm"),
        Language::Italian => include_bytes!("../../../wasm/modules/analysis-it.wasm"),
    }
}

/// The characters of the text encoding: printable ASCII but `"` and `\`, in code order.
pub const ALPHABET: &[u8; 93] = b" !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

/// How many byte values (the module's most frequent) are written as one character.
pub const COMMON_BYTES: usize = 87;

/// A module as the manifest carries it ([`encode`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    /// The [`COMMON_BYTES`] most frequent byte values, most frequent first, as hex.
    pub common: String,
    /// The module's bytes, one or two characters of [`ALPHABET`] each.
    pub text: String,
}

/// The text encoding of a module (see the module doc).
pub fn encode(bytes: &[u8]) -> Encoded {
    let mut counts = [0usize; 256];
    for &b in bytes {
        counts[usize::from(b)] += 1;
    }
    // Most frequent first, ties by value.
    let mut by_rank: Vec<u8> = (0..=255).collect();
    by_rank.sort_by_key(|&b| (std::cmp::Reverse(counts[usize::from(b)]), b));
    let mut code = [[0u8; 2]; 256];
    let mut width = [2usize; 256];
    for (rank, &b) in by_rank[..COMMON_BYTES].iter().enumerate() {
        code[usize::from(b)] = [ALPHABET[rank], 0];
        width[usize::from(b)] = 1;
    }
    let mut others = by_rank[COMMON_BYTES..].to_vec();
    others.sort_unstable();
    for (k, &b) in others.iter().enumerate() {
        code[usize::from(b)] = [ALPHABET[COMMON_BYTES + k / 93], ALPHABET[k % 93]];
    }
    let mut text = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        for &c in &code[usize::from(b)][..width[usize::from(b)]] {
            text.push(char::from(c));
        }
    }
    let common = by_rank[..COMMON_BYTES]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Encoded { common, text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analysis::SOURCE_HASH;

    /// The contents of the custom section `name` of a WebAssembly module.
    fn custom_section<'a>(module: &'a [u8], name: &str) -> Option<&'a [u8]> {
        fn leb128(bytes: &[u8], at: &mut usize) -> Option<usize> {
            let mut value = 0usize;
            for shift in (0..35).step_by(7) {
                let byte = *bytes.get(*at)?;
                *at += 1;
                value |= usize::from(byte & 0x7f) << shift;
                if byte < 0x80 {
                    return Some(value);
                }
            }
            None
        }
        let mut at = 8;
        while at < module.len() {
            let id = module[at];
            at += 1;
            let size = leb128(module, &mut at)?;
            let end = at.checked_add(size)?;
            if id == 0 {
                let mut name_at = at;
                let length = leb128(module, &mut name_at)?;
                let name_end = name_at.checked_add(length)?;
                if module.get(name_at..name_end)? == name.as_bytes() {
                    return module.get(name_end..end);
                }
            }
            at = end;
        }
        None
    }

    #[test]
    fn every_module_was_built_from_these_analysis_sources() {
        for language in Language::ALL {
            let mut expected = SOURCE_HASH.to_le_bytes().to_vec();
            expected.extend(language.code().as_bytes());
            assert_eq!(
                custom_section(bytes(language), "remedy-analysis"),
                Some(expected.as_slice()),
                "wasm/modules/analysis-{}.wasm was built from other sources than \
                 src/search/analysis/: run wasm/build.sh (it installs the wasm32 target) and \
                 commit the modules",
                language.code()
            );
        }
    }

    /// The decoding the browser does (search.js, `decodeModule`), written again from the
    /// module doc.
    fn decode(encoded: &Encoded) -> Vec<u8> {
        let common: Vec<u8> = (0..encoded.common.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&encoded.common[i..i + 2], 16).unwrap())
            .collect();
        let others: Vec<u8> = (0..=255).filter(|b| !common.contains(b)).collect();
        let position = |c: u8| ALPHABET.iter().position(|&a| a == c).unwrap();
        let mut out = Vec::new();
        let mut chars = encoded.text.bytes();
        while let Some(c) = chars.next() {
            let first = position(c);
            if first < COMMON_BYTES {
                out.push(common[first]);
            } else {
                let second = position(chars.next().unwrap());
                out.push(others[(first - COMMON_BYTES) * 93 + second]);
            }
        }
        out
    }

    #[test]
    fn the_alphabet_is_printable_ascii_but_quote_and_backslash() {
        let expected: Vec<u8> = (b' '..=b'~').filter(|&c| c != b'"' && c != b'\\').collect();
        assert_eq!(ALPHABET.to_vec(), expected);
        // Two characters reach every byte value that is not common.
        assert!((ALPHABET.len() - COMMON_BYTES) * ALPHABET.len() >= 256 - COMMON_BYTES);
    }

    #[test]
    fn the_encoding_gives_back_every_module_and_every_byte_value() {
        let every_value: Vec<u8> = (0..=255).chain([0, 0, 7, 255, 255, 255]).collect();
        let mut inputs = vec![Vec::new(), b"aaaa".to_vec(), every_value];
        inputs.extend(Language::ALL.iter().map(|&l| bytes(l).to_vec()));
        for input in inputs {
            let encoded = encode(&input);
            assert_eq!(encoded.common.len(), 2 * COMMON_BYTES);
            assert!(encoded.text.bytes().all(|c| ALPHABET.contains(&c)));
            assert_eq!(decode(&encoded), input);
        }
    }

    #[test]
    fn the_commonest_bytes_take_one_character_in_rank_order() {
        // 0x07 three times, 0x00 twice, 0xff once; then the absent values by value.
        let encoded = encode(&[0xff, 0x07, 0x00, 0x07, 0x00, 0x07]);
        assert!(encoded.common.starts_with("0700ff0102030405"));
        assert_eq!(encoded.text, "# ! ! ");
        // 0x00..=0x56 twice each are the 87 common values; 0x57 is the first other value
        // (`y` then ALPHABET[0]) and 0xff the 169th (`z` then ALPHABET[75]).
        let mut input: Vec<u8> = (0x00..=0x56).chain(0x00..=0x56).collect();
        input.extend([0x57, 0xff]);
        let encoded = encode(&input);
        assert_eq!(
            encoded.common,
            (0x00..=0x56)
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        );
        assert!(encoded.text.ends_with("y zm"), "{}", encoded.text);
    }

    #[test]
    fn every_language_has_a_webassembly_module() {
        for language in Language::ALL {
            let module = bytes(language);
            assert!(
                module.starts_with(b"\0asm\x01\0\0\0"),
                "wasm/modules/analysis-{}.wasm is not a WebAssembly module",
                language.code()
            );
        }
    }
}
