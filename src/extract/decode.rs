//! Bytes → text. Owns charset handling: byte-order marks, `<meta charset>`,
//! `http-equiv` Content-Type, and detection (chardetng) when a page declares nothing
//! or declares the wrong thing. Also refuses bytes that are not text at all.

use super::ExtractError;

/// A decoded page.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// The WHATWG name of the encoding the bytes were read as.
    pub encoding: &'static str,
}

/// Decodes the bytes of a saved page (STUB: UTF-8 only; to be replaced).
pub fn decode(bytes: &[u8]) -> Result<Decoded, ExtractError> {
    if bytes.is_empty() {
        return Err(ExtractError::Empty);
    }
    if bytes.iter().take(8192).filter(|&&b| b == 0).count() > 0 {
        return Err(ExtractError::Binary("it contains NUL bytes".into()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    Ok(Decoded {
        text: String::from_utf8_lossy(bytes).into_owned(),
        encoding: "UTF-8",
    })
}
