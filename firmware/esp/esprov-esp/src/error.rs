//! Why provisioning could not be set up or driven.

use esprov_device::esprov_proto::factory::FactoryDataError;
use esprov_device::{ManagerError, PlatformError};

/// What went wrong in `init`, `start` or a life-cycle call.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// `init` ran twice without `deinit` (there is one manager per device, as in ESP-IDF).
    #[error("provisioning is already initialised")]
    AlreadyInitialised,
    /// A call after `deinit`.
    #[error("provisioning is not initialised")]
    NotInitialised,
    /// The partition table has no partition with this label.
    #[error("the partition table has no {0:?} partition (see esprov-esp's partitions.csv)")]
    PartitionMissing(&'static str),
    /// Flash could not be read.
    #[error("flash read failed at {0:#x}")]
    Flash(u32),
    /// The factory-data partition holds no valid record, and no other secret was configured.
    #[error("no usable factory data ({0}): refusing to provision with a shared default secret; flash this device's record made by `esprov factory-data`, or build with the `demo` feature for a bench board")]
    FactoryData(FactoryDataError),
    /// The configuration contradicts itself or the factory data.
    #[error("invalid configuration: {0}")]
    Config(&'static str),
    /// The manager refused the call in its current state.
    #[error(transparent)]
    Manager(#[from] ManagerError),
    /// The credential store or the radio refused.
    #[error(transparent)]
    Platform(#[from] PlatformError),
    /// A task could not be spawned (its pool is full: `init` after `deinit` is not supported).
    #[error("could not start the {0} task")]
    Spawn(&'static str),
}
