//! Simulated Thread: a list of networks and an outcome that decides what `attach` does.
//!
//! The node lives inside the manager; its results wait in a queue the device shares, so the
//! device's timer task can deliver them when due.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use esprov_device::esprov_proto::dataset;
use esprov_device::{
    AttachedInfo, Instant, PlatformError, ThreadDataset, ThreadEvent, ThreadFailReason,
    ThreadNetworkRecord, ThreadNode, ThreadScanParams, ThreadScanStarted,
};

use crate::args::SimOutcome;
use crate::device::SimClock;

/// How long a non-blocking Thread discovery takes.
const SCAN_TIME_MS: u64 = 300;

/// One simulated Thread network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimThreadNetwork {
    /// Network name (≤ 16 bytes).
    pub name: String,
    /// PAN ID.
    pub pan_id: u16,
    /// Channel (11–26).
    pub channel: u16,
    /// The network key a dataset must hold to attach.
    pub network_key: [u8; 16],
    /// Extended PAN ID.
    pub ext_pan_id: [u8; 8],
    /// The answering router's extended address.
    pub ext_addr: [u8; 8],
    /// Signal strength in dBm.
    pub rssi: i8,
    /// Link quality.
    pub lqi: u8,
}

impl SimThreadNetwork {
    fn new(index: usize, name: &str, pan_id: u16, channel: u16, network_key: [u8; 16]) -> Self {
        let low = u8::try_from(index).unwrap_or(u8::MAX);
        let [pan_hi, pan_lo] = pan_id.to_be_bytes();
        SimThreadNetwork {
            name: name.into(),
            pan_id,
            channel,
            network_key,
            ext_pan_id: [0xde, 0xad, 0x00, 0xbe, 0xef, low, pan_hi, pan_lo],
            ext_addr: [0x16, 0x6e, 0x0a, 0x00, 0x00, 0x00, 0x00, low + 1],
            rssi: -45 - i8::try_from(index.min(40) * 8).unwrap_or(40),
            lqi: 255u8.saturating_sub(low.saturating_mul(40)),
        }
    }

    fn record(&self) -> ThreadNetworkRecord {
        ThreadNetworkRecord {
            pan_id: self.pan_id,
            channel: self.channel,
            rssi: self.rssi,
            lqi: self.lqi,
            ext_addr: self.ext_addr,
            network_name: self.name.clone(),
            ext_pan_id: self.ext_pan_id,
        }
    }

    /// Whether a dataset names this network and holds its key.
    fn accepts(&self, tlvs: &[u8]) -> bool {
        let Ok(summary) = dataset::parse(tlvs) else {
            return false;
        };
        let key_ok = dataset::network_key(tlvs).is_some_and(|key| *key == self.network_key);
        summary.pan_id == Some(self.pan_id)
            && summary.ext_pan_id == Some(self.ext_pan_id)
            && summary
                .channel
                .is_none_or(|channel| channel == self.channel)
            && key_ok
    }
}

/// The default Thread networks: `OpenThread-1234` has the key `00112233445566778899aabbccddeeff`.
pub fn default_networks() -> Vec<SimThreadNetwork> {
    vec![
        SimThreadNetwork::new(
            0,
            "OpenThread-1234",
            0x1234,
            15,
            *b"\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff",
        ),
        SimThreadNetwork::new(1, "Neighbor-Mesh", 0xbeef, 20, [0x5a; 16]),
    ]
}

/// The default networks with `--thread-network NAME:PANID:CHANNEL:KEYHEX` entries replacing
/// (same name) or adding networks.
pub fn networks_from_args(specs: &[String]) -> Result<Vec<SimThreadNetwork>, String> {
    let mut networks = default_networks();
    for spec in specs {
        let parsed = parse_spec(spec)?;
        let index = networks.len();
        match networks.iter_mut().find(|n| n.name == parsed.0) {
            Some(network) => {
                *network = SimThreadNetwork::new(index, &parsed.0, parsed.1, parsed.2, parsed.3)
            }
            None => networks.push(SimThreadNetwork::new(
                index, &parsed.0, parsed.1, parsed.2, parsed.3,
            )),
        }
    }
    Ok(networks)
}

fn parse_spec(spec: &str) -> Result<(String, u16, u16, [u8; 16]), String> {
    let usage = || {
        "--thread-network: expected NAME:PANID:CHANNEL:KEYHEX, e.g. Home:0x1a2b:15:00112233445566778899aabbccddeeff".to_string()
    };
    let mut parts = spec.rsplitn(4, ':');
    let (Some(key), Some(channel), Some(pan_id), Some(name)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(usage());
    };
    if name.is_empty() || name.len() > 16 {
        return Err("--thread-network: the name must be 1..=16 bytes".into());
    }
    let pan_id = match pan_id
        .strip_prefix("0x")
        .or_else(|| pan_id.strip_prefix("0X"))
    {
        Some(hex) => u16::from_str_radix(hex, 16),
        None => pan_id.parse(),
    }
    .map_err(|_| usage())?;
    let channel: u16 = channel.parse().map_err(|_| usage())?;
    if !(11..=26).contains(&channel) {
        return Err("--thread-network: the channel must be 11..=26".into());
    }
    let key: [u8; 16] = hex::decode(key)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| "--thread-network: the key must be 32 hex digits".to_string())?;
    Ok((name.to_string(), pan_id, channel, key))
}

/// Results waiting to be delivered, shared by the node (inside the manager) and the device.
#[derive(Debug, Clone, Default)]
pub struct ThreadQueue(Arc<Mutex<VecDeque<(Instant, ThreadEvent)>>>);

impl ThreadQueue {
    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<(Instant, ThreadEvent)>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// When the next queued result is due.
    pub fn next_due(&self) -> Option<Instant> {
        self.lock().iter().map(|(at, _)| *at).min()
    }

    /// Takes one result that is due at `now`.
    pub fn take_due(&self, now: Instant) -> Option<ThreadEvent> {
        let mut queue = self.lock();
        let index = queue.iter().position(|(at, _)| *at <= now)?;
        queue.remove(index).map(|(_, event)| event)
    }

    fn push(&self, at: Instant, event: ThreadEvent) {
        self.lock().push_back((at, event));
    }

    fn drop_attach_results(&self) {
        self.lock()
            .retain(|(_, event)| matches!(event, ThreadEvent::ScanDone(_)));
    }
}

/// The Thread node of one virtual device.
pub struct SimThread {
    networks: Vec<SimThreadNetwork>,
    outcome: SimOutcome,
    attach_delay_ms: u64,
    clock: SimClock,
    queue: ThreadQueue,
    scan_duplicates: bool,
}

impl SimThread {
    /// A node over `networks` whose results go to `queue`.
    pub fn new(
        networks: Vec<SimThreadNetwork>,
        outcome: SimOutcome,
        attach_delay_ms: u64,
        clock: SimClock,
        queue: ThreadQueue,
    ) -> Self {
        SimThread {
            networks,
            outcome,
            attach_delay_ms,
            clock,
            queue,
            scan_duplicates: false,
        }
    }

    /// Test fault: report the first network found twice in scan results.
    pub fn with_scan_duplicates(mut self, on: bool) -> Self {
        self.scan_duplicates = on;
        self
    }

    /// What attaching with `tlvs` leads to, or `None` for "never" (the manager times out).
    fn result_of(&self, tlvs: &[u8]) -> Option<ThreadEvent> {
        let failed = |reason| Some(ThreadEvent::AttachFailed(reason));
        match self.outcome {
            SimOutcome::Never => None,
            SimOutcome::DatasetInvalid => failed(ThreadFailReason::DatasetInvalid),
            SimOutcome::NoAp | SimOutcome::AuthError => failed(ThreadFailReason::NetworkNotFound),
            SimOutcome::Ok => match self.networks.iter().find(|n| n.accepts(tlvs)) {
                Some(network) => Some(ThreadEvent::Attached(AttachedInfo {
                    pan_id: network.pan_id,
                    ext_pan_id: network.ext_pan_id,
                    channel: network.channel,
                    name: network.name.clone(),
                })),
                None => failed(ThreadFailReason::NetworkNotFound),
            },
        }
    }
}

impl ThreadNode for SimThread {
    fn attach(&mut self, dataset: &ThreadDataset) {
        self.queue.drop_attach_results();
        if let Some(event) = self.result_of(dataset.as_bytes()) {
            let due = self.clock.now().plus_ms(self.attach_delay_ms);
            self.queue.push(due, event);
        }
    }

    fn detach(&mut self) {
        self.queue.drop_attach_results();
    }

    fn start_scan(
        &mut self,
        params: &ThreadScanParams,
    ) -> Result<ThreadScanStarted, PlatformError> {
        let mut records: Vec<_> = self
            .networks
            .iter()
            .filter(|n| params.channel_mask == 0 || params.channel_mask & (1 << n.channel) != 0)
            .map(SimThreadNetwork::record)
            .collect();
        if self.scan_duplicates {
            if let Some(first) = records.first().cloned() {
                records.push(first);
            }
        }
        if params.blocking {
            return Ok(ThreadScanStarted::Finished(records));
        }
        let due = self.clock.now().plus_ms(SCAN_TIME_MS);
        self.queue.push(due, ThreadEvent::ScanDone(records));
        Ok(ThreadScanStarted::Running)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_and_replace_defaults() {
        let nets = networks_from_args(&[
            "Home:0x1a2b:11:000102030405060708090a0b0c0d0e0f".into(),
            "OpenThread-1234:4660:25:ffffffffffffffffffffffffffffffff".into(),
        ])
        .unwrap();
        assert_eq!(nets.len(), 3);
        assert_eq!(nets[0].channel, 25);
        assert_eq!(nets[0].network_key, [0xff; 16]);
        assert_eq!(
            (nets[2].name.as_str(), nets[2].pan_id, nets[2].channel),
            ("Home", 0x1a2b, 11)
        );
        for bad in [
            "Home:0x1a2b:11",
            "Home:0x1a2b:40:00",
            "Home:zz:11:00112233445566778899aabbccddeeff",
            ":1:11:00112233445566778899aabbccddeeff",
        ] {
            assert!(networks_from_args(&[bad.into()]).is_err(), "{bad}");
        }
    }

    #[test]
    fn attach_needs_the_right_key_and_ids() {
        let net = &default_networks()[0];
        let good = dataset::from_scan_pick(15, 0x1234, &net.ext_pan_id, &net.network_key);
        assert!(net.accepts(&good));
        let wrong_key = dataset::from_scan_pick(15, 0x1234, &net.ext_pan_id, &[0; 16]);
        assert!(!net.accepts(&wrong_key));
        let wrong_pan = dataset::from_scan_pick(15, 0x1235, &net.ext_pan_id, &net.network_key);
        assert!(!net.accepts(&wrong_pan));
    }
}
