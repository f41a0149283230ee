//! The analysis modules: [`crate::search::analysis`] compiled to WebAssembly by `wasm/build.sh`,
//! one module per language, committed under `wasm/modules/` and compiled into this binary (so
//! building Remedy needs no wasm32 target). The manifest carries the module of its index's
//! language, base64-encoded: the browser analyses queries and highlights with the very code
//! that made the index's terms, from `file://` too, where a `.wasm` file could not be fetched.

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

/// Standard base64 with padding (RFC 4648), what the browser's `atob` reads.
pub fn base64(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = chunk
            .iter()
            .enumerate()
            .fold(0u32, |group, (i, &b)| group | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(DIGITS[(group >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
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

    #[test]
    fn base64_matches_rfc_4648() {
        // RFC 4648, section 10.
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (text, encoded) in cases {
            assert_eq!(base64(text.as_bytes()), encoded);
        }
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
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
