//! The reason words of the output contract: one per way a command can fail.
//!
//! The list is declared once, with the words, so [`Reason::ALL`] cannot miss a variant that
//! [`crate::Error::kind`] can return; README's exit-code table must name every word
//! (`tests/json_output.rs` checks it).

/// Declares [`Reason`], its words and the list of all of them from one table.
macro_rules! reasons {
    ($($(#[$doc:meta])* $variant:ident => $word:literal,)*) => {
        /// Why a command failed, as the `reason` (and `result`) word of `--json` output.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Reason {
            $($(#[$doc])* $variant,)*
        }

        impl Reason {
            /// Every reason, in declaration order.
            pub const ALL: &'static [Reason] = &[$(Reason::$variant,)*];

            /// The word printed in `reason` and `result`.
            pub fn word(self) -> &'static str {
                match self {
                    $(Reason::$variant => $word,)*
                }
            }
        }
    };
}

reasons! {
    /// Bad arguments or a missing secret; nothing was sent.
    Usage => "usage",
    /// The device (or serial port) could not be reached.
    Unreachable => "unreachable",
    /// The connection dropped mid-run.
    TransportLost => "transport_lost",
    /// The handshake failed, or `--sec` disagrees with the device.
    Security => "security",
    /// The device offers less security than the credentials demand.
    SecurityDowngrade => "security_downgrade",
    /// The device refused a request or broke the protocol.
    Rejected => "rejected",
    /// The device sent more than a protocomm answer can be.
    AnswerTooLarge => "answer_too_large",
    /// Wrong Wi-Fi passphrase.
    WifiAuthError => "wifi_auth_error",
    /// No access point with the SSID.
    ApNotFound => "ap_not_found",
    /// The device could not use the Thread dataset.
    ThreadDatasetInvalid => "thread_dataset_invalid",
    /// No Thread network answered the dataset.
    ThreadNetworkNotFound => "thread_network_not_found",
    /// A step or request ran out of time.
    Timeout => "timeout",
    /// The device does not support what was asked.
    Unsupported => "unsupported",
    /// A local file or stream failed.
    Io => "io",
    /// No usable Bluetooth stack.
    NoBluetooth => "no_bluetooth",
    /// A request does not fit the device's BLE value.
    RequestTooLarge => "request_too_large",
}
