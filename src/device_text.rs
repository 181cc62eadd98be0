//! Text that came from a device (SSIDs, `proto-ver` fields, custom endpoint answers, error
//! bodies), made safe before it reaches a person: cut to [`LIMIT`] bytes and, for terminals,
//! with every control character escaped so a device cannot retitle, clear or rewrite the screen.
//!
//! - [`escape`] / [`escape_bytes`]: for human output, error messages and logs.
//! - [`truncate`]: for JSON and reports, where serde escapes control characters itself and only
//!   the length needs bounding.

use std::borrow::Cow;
use std::fmt::Write as _;

/// How many bytes of device text are kept before the cut (the mark `…` is appended after).
pub const LIMIT: usize = 200;

/// What replaces the part of a device string beyond [`LIMIT`].
pub const ELLIPSIS: &str = "…";

/// Device text for a terminal, an error message or a log: at most [`LIMIT`] bytes of the
/// original, control characters escaped, `…` when cut.
pub fn escape(text: &str) -> String {
    let kept = prefix(text);
    let mut out = String::with_capacity(kept.len() + ELLIPSIS.len());
    push_escaped(&mut out, kept);
    if kept.len() < text.len() {
        out.push_str(ELLIPSIS);
    }
    out
}

/// Like [`escape`] for raw bytes: invalid UTF-8 is shown as `\xNN`, never passed through.
pub fn escape_bytes(bytes: &[u8]) -> String {
    let kept = &bytes[..byte_prefix(bytes)];
    let mut out = String::with_capacity(kept.len() + ELLIPSIS.len());
    for chunk in kept.utf8_chunks() {
        push_escaped(&mut out, chunk.valid());
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02x}");
        }
    }
    if kept.len() < bytes.len() {
        out.push_str(ELLIPSIS);
    }
    out
}

/// A whole message that may quote device text (an error, a status line), for a terminal: every
/// control character except line feed escaped, nothing cut. The last guard before stderr/stdout;
/// device fields inside should already have passed through [`escape`].
pub fn controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && needs_escape(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c != '\n' && needs_escape(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Device text for JSON or a report: at most [`LIMIT`] bytes (on a character boundary) plus
/// `…` when cut; otherwise unchanged (serde escapes control characters).
pub fn truncate(text: &str) -> Cow<'_, str> {
    let kept = prefix(text);
    if kept.len() == text.len() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(format!("{kept}{ELLIPSIS}"))
    }
}

/// The longest prefix of `text` of at most [`LIMIT`] bytes that ends on a character boundary.
fn prefix(text: &str) -> &str {
    if text.len() <= LIMIT {
        return text;
    }
    let mut end = LIMIT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The length of `bytes` kept by [`escape_bytes`]: at most [`LIMIT`], backing off (at most three
/// bytes) so a multi-byte character the limit would split is dropped rather than shown as hex.
fn byte_prefix(bytes: &[u8]) -> usize {
    if bytes.len() <= LIMIT {
        return bytes.len();
    }
    let mut end = LIMIT;
    while end > LIMIT - 3 && bytes[end] & 0xc0 == 0x80 {
        end -= 1;
    }
    end
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\\' => out.push_str("\\\\"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
}

/// C0, DEL and C1 controls (ESC, CSI, OSC…) and the Unicode marks that reorder or hide text.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200b}'..='\u{200f}'   // zero-width and directional marks
            | '\u{2028}' | '\u{2029}' // line and paragraph separators
            | '\u{202a}'..='\u{202e}' // bidi embeddings and overrides
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_terminal_sequences() {
        let ssid = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m";
        let shown = escape(ssid);
        assert_eq!(shown, "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{9b}31m");
        assert!(!shown.chars().any(char::is_control));
    }

    #[test]
    fn escape_keeps_ordinary_text_and_shows_line_breaks() {
        assert_eq!(escape("Café Wi-Fi"), "Café Wi-Fi");
        assert_eq!(escape("a\nb\tc\\"), "a\\nb\\tc\\\\");
        assert_eq!(escape("evil\u{202e}txt"), "evil\\u{202e}txt");
    }

    #[test]
    fn escape_cuts_at_the_limit_on_a_character_boundary() {
        let long = "é".repeat(150); // 300 bytes
        let shown = escape(&long);
        assert_eq!(shown, format!("{}…", "é".repeat(100)));
        assert_eq!(escape(&"x".repeat(LIMIT)), "x".repeat(LIMIT));
    }

    #[test]
    fn escape_bytes_shows_invalid_utf8_as_hex() {
        assert_eq!(escape_bytes(b"ok\xff\x1b[0m"), "ok\\xff\\u{1b}[0m");
        let mut long = vec![b'a'; LIMIT - 1];
        long.extend_from_slice("é".as_bytes());
        long.extend_from_slice(b"tail");
        assert_eq!(escape_bytes(&long), format!("{}…", "a".repeat(LIMIT - 1)));
    }

    #[test]
    fn controls_guards_whole_messages_without_cutting() {
        assert_eq!(
            controls("line one\nline two \\ ok"),
            "line one\nline two \\ ok"
        );
        let long = format!("{}\u{1b}[2J", "x".repeat(500));
        assert_eq!(controls(&long), format!("{}\\u{{1b}}[2J", "x".repeat(500)));
    }

    #[test]
    fn truncate_bounds_json_text_without_escaping() {
        assert_eq!(truncate("a\u{1b}b"), "a\u{1b}b");
        let big = "z".repeat(100 * 1024 * 1024 / 1024);
        let cut = truncate(&big);
        assert_eq!(cut.len(), LIMIT + ELLIPSIS.len());
        assert!(cut.ends_with(ELLIPSIS));
    }
}
