//! protocomm_httpd's session rule: which session an HTTP request belongs to (the cookie id,
//! else the same socket), shared by the virtual device and the firmware.

use alloc::format;
use alloc::string::String;

/// The longest `Cookie` value the device can read (a 20-byte buffer with its terminating NUL).
pub const MAX_COOKIE_LEN: usize = 19;

/// The outcome of binding one request to a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    /// The request continues the current session.
    Continue(u32),
    /// A new session `id` starts; `replaced` is the session to close first, if any.
    New {
        /// The fresh session id (also the cookie value).
        id: u32,
        /// The session that this one replaces.
        replaced: Option<u32>,
    },
}

/// The device's single cookie session and the socket it was started on.
#[derive(Debug, Default)]
pub struct SessionBinding {
    cookie_session: Option<u32>,
    sock_session: Option<u64>,
}

impl SessionBinding {
    /// Decides the session for a request on socket `sock` carrying `cookie` (the header value).
    pub fn bind(
        &mut self,
        cookie: Option<&str>,
        sock: u64,
        mut random: impl FnMut() -> u32,
    ) -> Binding {
        let readable = cookie.filter(|c| c.len() <= MAX_COOKIE_LEN);
        if let (Some(value), Some(id)) = (readable, self.cookie_session) {
            if value == cookie_value(id) {
                self.sock_session = None;
                return Binding::Continue(id);
            }
        }
        if let (None, Some(id)) = (readable, self.cookie_session) {
            if self.sock_session == Some(sock) {
                return Binding::Continue(id);
            }
        }
        self.start(sock, &mut random)
    }

    /// Forgets the socket tracking when `sock` closes; the cookie session survives.
    pub fn socket_closed(&mut self, sock: u64) {
        if self.sock_session == Some(sock) {
            self.sock_session = None;
        }
    }

    fn start(&mut self, sock: u64, random: &mut impl FnMut() -> u32) -> Binding {
        let replaced = self.cookie_session;
        let id = fresh_id(replaced, random);
        self.cookie_session = Some(id);
        self.sock_session = Some(sock);
        Binding::New { id, replaced }
    }
}

/// The exact cookie text for session `id`, as sent in `Set-Cookie` and expected back in `Cookie`.
pub fn cookie_value(id: u32) -> String {
    format!("session={id}")
}

fn fresh_id(old: Option<u32>, random: &mut impl FnMut() -> u32) -> u32 {
    let first = random();
    if Some(first) != old {
        return first;
    }
    let second = random();
    if Some(second) != old {
        second
    } else {
        second.wrapping_add(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counter() -> impl FnMut() -> u32 {
        let mut n = 100;
        move || {
            n += 1;
            n
        }
    }

    #[test]
    fn cookie_and_socket_rules() {
        let mut b = SessionBinding::default();
        let mut rng = counter();
        assert_eq!(
            b.bind(None, 1, &mut rng),
            Binding::New {
                id: 101,
                replaced: None
            }
        );
        assert_eq!(b.bind(None, 1, &mut rng), Binding::Continue(101));
        assert_eq!(
            b.bind(Some("session=101"), 2, &mut rng),
            Binding::Continue(101)
        );
        // Socket tracking was dropped by the cookie match: no cookie on socket 1 is a new session.
        assert_eq!(
            b.bind(None, 1, &mut rng),
            Binding::New {
                id: 102,
                replaced: Some(101)
            }
        );
        assert_eq!(
            b.bind(Some("session=101"), 1, &mut rng),
            Binding::New {
                id: 103,
                replaced: Some(102)
            }
        );
    }

    #[test]
    fn overlong_cookie_counts_as_absent() {
        let mut b = SessionBinding::default();
        let mut rng = counter();
        b.bind(None, 7, &mut rng);
        assert_eq!(
            b.bind(Some("session=101; a=bcdefg"), 7, &mut rng),
            Binding::Continue(101)
        );
        assert_eq!(
            b.bind(Some("session=101; a=b"), 7, &mut rng),
            Binding::New {
                id: 102,
                replaced: Some(101)
            }
        );
    }

    #[test]
    fn socket_close_keeps_cookie_session() {
        let mut b = SessionBinding::default();
        let mut rng = counter();
        b.bind(None, 1, &mut rng);
        b.socket_closed(1);
        assert_eq!(
            b.bind(Some("session=101"), 2, &mut rng),
            Binding::Continue(101)
        );
    }

    #[test]
    fn fresh_id_differs_from_old() {
        let mut same = || 5;
        assert_eq!(fresh_id(Some(5), &mut same), 6);
    }
}
