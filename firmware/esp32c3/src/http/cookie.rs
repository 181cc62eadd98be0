//! Which protocomm session an HTTP request belongs to (ESP-IDF v4.3+ `protocomm_httpd` rules):
//! one cookie session, plus the socket that created it while no cookie came back.

/// The longest `Cookie` value ESP-IDF reads (20-byte buffer with its terminator); longer = absent.
const MAX_COOKIE: usize = 19;

/// The verdict for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    /// Continue session `id`.
    Same(u32),
    /// Close `closed` (if any), open `id`, and answer with `Set-Cookie: session=<id>`.
    New {
        /// The session to close first.
        closed: Option<u32>,
        /// The new session id.
        id: u32,
    },
}

/// The transport's session bookkeeping; sans-IO so the rules are easy to read and test.
#[derive(Debug, Default)]
pub struct Sessions {
    cookie: Option<u32>,
    socket: Option<u32>,
}

impl Sessions {
    /// Binds a request on `socket` carrying `cookie` (the header value); `fresh` is a new random id.
    pub fn bind(&mut self, socket: u32, cookie: Option<&str>, fresh: u32) -> Binding {
        let cookie = cookie.filter(|c| c.len() <= MAX_COOKIE);
        if let (Some(value), Some(id)) = (cookie, self.cookie) {
            if value == alloc::format!("session={id}") {
                self.socket = None;
                return Binding::Same(id);
            }
        }
        if let (None, Some(id), Some(owner)) = (cookie, self.cookie, self.socket) {
            if owner == socket {
                return Binding::Same(id);
            }
        }
        let closed = self.cookie.replace(fresh);
        self.socket = Some(socket);
        Binding::New { closed, id: fresh }
    }

    /// A socket closed: only the socket tracking goes; the cookie session and its keys stay.
    pub fn socket_closed(&mut self, socket: u32) {
        if self.socket == Some(socket) {
            self.socket = None;
        }
    }
}
