//! Bytes → text. Owns charset handling: byte-order marks, `<meta charset>`,
//! `http-equiv` Content-Type, the XML declaration, and detection (chardetng) when a page
//! declares nothing or declares the wrong thing. Also refuses bytes that are not text.
//!
//! The order, as a browser does it, with one addition for saved pages:
//! 1. a BOM (UTF-8, UTF-16LE/BE) decides;
//! 2. bytes that are valid UTF-8 (and not pure ASCII) are UTF-8, whatever the page declares:
//!    saved pages are often re-encoded by the tool that saved them without fixing the
//!    declaration, and no legacy Korean, Japanese or Chinese text is valid UTF-8 by accident;
//! 3. a declared charset is used when it decodes the bytes without errors;
//! 4. otherwise chardetng guesses from the bytes (with the declared label's top-level
//!    domain hint unused: pages come from files, not URLs).

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::ExtractError;

/// A decoded page.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// The WHATWG name of the encoding the bytes were read as.
    pub encoding: &'static str,
}

/// File signatures of formats that are never a saved page.
const BINARY_MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"\x7FELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"RIFF", "a media file"),
    (b"\x00\x00\x01\x00", "an icon"),
];

/// The share of invalid bytes up to which a page is still read as UTF-8 (with
/// replacement characters for the stray bytes): more when the page says it is UTF-8.
const DECLARED_UTF8_TOLERANCE: f64 = 0.02;
const UNDECLARED_UTF8_TOLERANCE: f64 = 0.005;

/// How far into the page the `<meta charset>` prescan looks (browsers use 1024 bytes;
/// saved pages often carry long comments and scripts first, so we look further).
const PRESCAN_BYTES: usize = 4096;

/// Decodes the bytes of a saved page.
pub fn decode(bytes: &[u8]) -> Result<Decoded, ExtractError> {
    if bytes.is_empty() {
        return Err(ExtractError::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
        });
    }
    if let Some(encoding) = sniff_utf16(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
        });
    }
    check_binary(bytes)?;
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: UTF_8.name(),
        });
    }
    let declared = declared_encoding(&bytes[..bytes.len().min(PRESCAN_BYTES)]);
    if let Some(encoding) = declared {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        // A UTF-8 label on bytes with a few stray invalid bytes: read it as a browser would.
        let mostly_utf8 = encoding == UTF_8 && invalid_utf8_share(bytes) < DECLARED_UTF8_TOLERANCE;
        if !had_errors || mostly_utf8 {
            return Ok(Decoded {
                text: text.into_owned(),
                encoding: encoding.name(),
            });
        }
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guessed = detector.guess(None, chardetng::Utf8Detection::Allow);
    // Mostly-UTF-8 bytes with a few stray bytes are UTF-8 (chardetng would pick a legacy
    // encoding and garble every non-ASCII character).
    let encoding = if invalid_utf8_share(bytes) < UNDECLARED_UTF8_TOLERANCE {
        UTF_8
    } else {
        guessed
    };
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    })
}

/// UTF-16 without a BOM: every other byte NUL in ASCII-heavy markup.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(512) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nul * 10 >= pairs * 9 && even_nul * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 9 && odd_nul * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn check_binary(bytes: &[u8]) -> Result<(), ExtractError> {
    for (magic, what) in BINARY_MAGIC {
        if bytes.starts_with(magic) {
            return Err(ExtractError::Binary(format!("it looks like {what}")));
        }
    }
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return Err(ExtractError::Binary("it contains NUL bytes".into()));
    }
    // Text has few control bytes besides tab, newline, carriage return and form feed.
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    if controls * 20 > sample.len() {
        return Err(ExtractError::Binary("it is mostly control bytes".into()));
    }
    Ok(())
}

/// The share of bytes that are not part of valid UTF-8 sequences.
fn invalid_utf8_share(bytes: &[u8]) -> f64 {
    let mut invalid = 0usize;
    let mut rest = bytes;
    let mut non_ascii = false;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                non_ascii |= !valid.is_ascii();
                break;
            }
            Err(error) => {
                let (valid, after) = rest.split_at(error.valid_up_to());
                non_ascii |= !std::str::from_utf8(valid)
                    .map(str::is_ascii)
                    .unwrap_or(true);
                let skip = error.error_len().unwrap_or(after.len()).max(1);
                invalid += skip;
                rest = &after[skip.min(after.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    if !non_ascii {
        // Nothing but ASCII and invalid bytes: no evidence for UTF-8.
        return 1.0;
    }
    invalid as f64 / bytes.len().max(1) as f64
}

/// The charset a page declares in its first bytes: `<meta charset>`, `<meta http-equiv=
/// Content-Type content="…; charset=…">`, or `<?xml … encoding="…"?>`.
pub fn declared_encoding(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut at = 0;
    while let Some(found) = find(&lower[at..], b"charset") {
        let mut i = at + found + b"charset".len();
        at = i;
        while i < lower.len() && matches!(lower[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len() && matches!(lower[i], b' ' | b'"' | b'\'') {
            i += 1;
        }
        let end = lower[i..]
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'>' | b'/'))
            .map(|p| i + p)
            .unwrap_or(lower.len());
        if let Some(encoding) = Encoding::for_label(&lower[i..end]) {
            return Some(normalise_declared(encoding));
        }
    }
    if lower.starts_with(b"<?xml") {
        let decl_end = find(&lower, b"?>")?;
        let decl = &lower[..decl_end];
        let e = find(decl, b"encoding=")? + b"encoding=".len();
        let quote = *decl.get(e)?;
        let value_end = decl[e + 1..].iter().position(|&b| b == quote)? + e + 1;
        return Encoding::for_label(&decl[e + 1..value_end]).map(normalise_declared);
    }
    None
}

/// A declared UTF-16 label on bytes that had no BOM is a lie (browsers treat it as UTF-8);
/// `x-user-defined` and `replacement` are not useful for saved pages either.
fn normalise_declared(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else if encoding == encoding_rs::REPLACEMENT || encoding == encoding_rs::X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KOREAN: &str =
        "<p>김천시는 지역사회보장협의체 위원들과 복지 우수사례를 공유했다고 밝혔다.</p>";

    fn decoded(bytes: &[u8]) -> Decoded {
        decode(bytes).unwrap()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decoded(KOREAN.as_bytes()).text, KOREAN);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(KOREAN.as_bytes());
        assert_eq!(decoded(&bom).text, KOREAN);
    }

    #[test]
    fn utf16_with_bom() {
        for (bom, big) in [([0xFF, 0xFE], false), ([0xFE, 0xFF], true)] {
            let mut bytes = bom.to_vec();
            for unit in KOREAN.encode_utf16() {
                bytes.extend(if big {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                });
            }
            assert_eq!(decoded(&bytes).text, KOREAN);
        }
    }

    #[test]
    fn legacy_encodings_declared_and_not() {
        for (encoding, text) in [
            (encoding_rs::EUC_KR, KOREAN),
            (
                encoding_rs::SHIFT_JIS,
                "<p>東京都は新しい図書館を開館したと発表しました。市民の皆さんが集まりました。</p>",
            ),
            (
                encoding_rs::GB18030,
                "<p>市政府宣布新图书馆正式开放，市民们纷纷前来参观阅读。</p>",
            ),
            (
                WINDOWS_1252,
                "<p>Le café a rouvert lundi après les inondations, a déclaré la propriétaire.</p>",
            ),
        ] {
            let bytes = encoding.encode(text).0.into_owned();
            let undeclared = decoded(&bytes);
            assert_eq!(undeclared.text, text, "{} undeclared", encoding.name());
            let mut declared = format!("<meta charset=\"{}\">", encoding.name()).into_bytes();
            declared.extend(&bytes);
            assert!(
                decoded(&declared).text.ends_with(text),
                "{} declared",
                encoding.name()
            );
        }
    }

    #[test]
    fn wrong_declarations_are_overruled() {
        let mut utf8_as_1252 =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
                .to_vec();
        utf8_as_1252.extend(KOREAN.as_bytes());
        assert!(decoded(&utf8_as_1252).text.ends_with(KOREAN));

        let mut euckr_as_utf8 = b"<meta charset=\"utf-8\">".to_vec();
        euckr_as_utf8.extend(encoding_rs::EUC_KR.encode(KOREAN).0.iter());
        assert!(decoded(&euckr_as_utf8).text.ends_with(KOREAN));
    }

    #[test]
    fn stray_bytes_in_utf8_are_replaced_not_misread() {
        let mut bytes = KOREAN.repeat(50).into_bytes();
        bytes.insert(100, 0xFF);
        let text = decoded(&bytes).text;
        assert!(text.contains('\u{fffd}'));
        assert!(text.contains("김천시는"));
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n"),
            Err(ExtractError::Binary(_))
        ));
        assert!(matches!(decode(b"abc\0def"), Err(ExtractError::Binary(_))));
        assert!(matches!(decode(b""), Err(ExtractError::Empty)));
    }

    #[test]
    fn xml_declaration() {
        let mut bytes = b"<?xml version=\"1.0\" encoding=\"euc-kr\"?><html>".to_vec();
        bytes.extend(encoding_rs::EUC_KR.encode(KOREAN).0.iter());
        assert!(decoded(&bytes).text.ends_with(KOREAN));
    }
}
