//! Parsing one HTTP/1.x request head (request line + headers) from raw bytes.

/// Why a request head could not be used; each maps to an error reply or a silent close.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadError {
    /// The bytes are not an HTTP/1.x request head.
    Malformed,
}

/// The parts of a request head the transport looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestHead {
    /// The method token, as sent (case-sensitive, as HTTP says).
    pub method: String,
    /// The request target up to (not including) any `?`.
    pub path: String,
    /// Header fields in arrival order; names kept as sent.
    pub headers: Vec<(String, String)>,
}

impl RequestHead {
    /// The first header named `name` (case-insensitive), value trimmed of surrounding blanks.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Index just past the blank line that ends a head in `buf`, if it has arrived.
pub fn head_end(buf: &[u8]) -> Option<usize> {
    buf.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4)
}

/// Parses a complete head (including its final blank line).
pub fn parse_head(head: &[u8]) -> Result<RequestHead, HeadError> {
    let text = std::str::from_utf8(head).map_err(|_| HeadError::Malformed)?;
    let mut lines = text.split("\r\n");
    let (method, path) = parse_request_line(lines.next().unwrap_or_default())?;
    let mut headers = Vec::new();
    for line in lines.take_while(|l| !l.is_empty()) {
        headers.push(parse_header_line(line)?);
    }
    Ok(RequestHead {
        method,
        path,
        headers,
    })
}

fn parse_request_line(line: &str) -> Result<(String, String), HeadError> {
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HeadError::Malformed);
    };
    let token_ok = !method.is_empty() && method.bytes().all(|b| b.is_ascii_alphabetic());
    if !token_ok || !target.starts_with('/') || !version.starts_with("HTTP/1.") {
        return Err(HeadError::Malformed);
    }
    let path = target.split('?').next().unwrap_or_default();
    Ok((method.to_string(), path.to_string()))
}

fn parse_header_line(line: &str) -> Result<(String, String), HeadError> {
    let (name, value) = line.split_once(':').ok_or(HeadError::Malformed)?;
    let name_ok = !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic());
    if !name_ok {
        return Err(HeadError::Malformed);
    }
    Ok((
        name.to_string(),
        value.trim_matches([' ', '\t']).to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_post_with_headers() {
        let raw = b"POST /prov-session?x=1 HTTP/1.1\r\nHost: a\r\nCookie:  session=5 \r\n\r\n";
        assert_eq!(head_end(raw), Some(raw.len()));
        let head = parse_head(raw).unwrap();
        assert_eq!(head.method, "POST");
        assert_eq!(head.path, "/prov-session");
        assert_eq!(head.header("cookie"), Some("session=5"));
        assert_eq!(head.header("content-length"), None);
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(parse_head(b"\x00\xff\r\n\r\n"), Err(HeadError::Malformed));
        assert_eq!(parse_head(b"POST /a\r\n\r\n"), Err(HeadError::Malformed));
        assert_eq!(
            parse_head(b"POST a HTTP/1.1\r\n\r\n"),
            Err(HeadError::Malformed)
        );
        assert_eq!(
            parse_head(b"POST /a HTTP/1.1\r\nnocolon\r\n\r\n"),
            Err(HeadError::Malformed)
        );
        assert_eq!(
            parse_head(b"POST /a SPDY/3\r\n\r\n"),
            Err(HeadError::Malformed)
        );
    }
}
