//! One console request line, `<endpoint> <session-id> <payload-hex>`, and session switching.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// A parsed console request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleRequest {
    /// The endpoint (console command) name.
    pub endpoint: String,
    /// The session id the client chose.
    pub session_id: u32,
    /// The decoded payload.
    pub payload: Vec<u8>,
}

/// Why a line is not a request; the text is what the device prints as its error log line.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RequestLineError {
    /// Not three whitespace-separated words.
    #[error("expected <endpoint> <session-id> <hex>, got {0} arguments")]
    Arguments(usize),
    /// The session id is not a 32-bit unsigned number.
    #[error("invalid session id {0:?}")]
    SessionId(String),
    /// The payload is not an even number of hex digits.
    #[error("invalid hex payload: {0}")]
    Hex(hex::FromHexError),
}

/// Parses a request line.
pub fn parse_request(line: &str) -> Result<ConsoleRequest, RequestLineError> {
    let args: Vec<&str> = line.split_ascii_whitespace().collect();
    let [endpoint, session, payload] = args[..] else {
        return Err(RequestLineError::Arguments(args.len()));
    };
    let session_id = session
        .parse()
        .map_err(|_| RequestLineError::SessionId(session.to_string()))?;
    let payload = hex::decode(payload).map_err(RequestLineError::Hex)?;
    Ok(ConsoleRequest {
        endpoint: endpoint.to_string(),
        session_id,
        payload,
    })
}

/// Tracks the console's one session: a different id closes the old and opens a new one.
#[derive(Debug, Default)]
pub struct ConsoleSession {
    current: Option<u32>,
}

/// What the device must do before handling a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Switch {
    /// The session to close first.
    pub close: Option<u32>,
    /// The session to open.
    pub open: u32,
}

impl ConsoleSession {
    /// Notes `id`; returns the switch to make when it differs from the previous one.
    pub fn enter(&mut self, id: u32) -> Option<Switch> {
        if self.current == Some(id) {
            return None;
        }
        let close = self.current.replace(id);
        Some(Switch { close, open: id })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        let r = parse_request("prov-session 0 5203a20100").unwrap();
        assert_eq!(r.endpoint, "prov-session");
        assert_eq!(r.session_id, 0);
        assert_eq!(r.payload, [0x52, 0x03, 0xa2, 0x01, 0x00]);
        assert_eq!(
            parse_request("prov-session 0"),
            Err(RequestLineError::Arguments(2))
        );
        assert_eq!(
            parse_request("prov-session x 00"),
            Err(RequestLineError::SessionId("x".into()))
        );
        assert!(matches!(
            parse_request("prov-session 0 0"),
            Err(RequestLineError::Hex(_))
        ));
        assert_eq!(
            parse_request("a 1 00 extra"),
            Err(RequestLineError::Arguments(4))
        );
    }

    #[test]
    fn switches_only_on_a_new_id() {
        let mut s = ConsoleSession::default();
        assert_eq!(
            s.enter(1),
            Some(Switch {
                close: None,
                open: 1
            })
        );
        assert_eq!(s.enter(1), None);
        assert_eq!(
            s.enter(2),
            Some(Switch {
                close: Some(1),
                open: 2
            })
        );
    }
}
