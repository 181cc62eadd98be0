//! What the device prints around an answer, so a client can tell it from echo and log lines.

use alloc::string::String;

/// The prompt the device prints when it is ready for the next line.
pub const PROMPT: &str = "\n>> ";

/// One answer as printed: the response in lower-case hex on a line of its own.
pub fn answer_frame(response: &[u8]) -> String {
    let mut frame = String::with_capacity(response.len() * 2 + 4);
    frame.push_str("\r\n");
    frame.push_str(&hex::encode(response));
    frame.push_str("\r\n");
    frame
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_hex_on_its_own_line() {
        assert_eq!(answer_frame(&[0x08, 0xab]), "\r\n08ab\r\n");
        assert_eq!(answer_frame(&[]), "\r\n\r\n");
    }
}
