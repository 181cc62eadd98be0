//! BlueZ's `org.bluez` object tree on a private bus, backed by esprov-sim's GATT model: what
//! btleplug (through bluez-async) sees on a Linux desktop with one adapter and nearby devices.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use dbus::arg::{Append, Arg, PropMap, RefArg, Variant};
use dbus::blocking::SyncConnection;
use dbus::channel::{Channel, MatchingReceiver};
use dbus::message::MatchRule;
use dbus::{Message, MethodErr, Path};
use dbus_crossroads::{Context, Crossroads, IfaceBuilder, IfaceToken};
use esprov_sim::gatt::{att, GattConnection, GattError, GattServer};

/// The one adapter's object path.
pub const ADAPTER: &str = "/org/bluez/hci0";
/// What BlueZ asks for in the MTU exchange.
const CLIENT_MTU: u16 = 517;
const USER_DESCRIPTION: &str = "00002901-0000-1000-8000-00805f9b34fb";

/// A peripheral in range.
pub struct FakeDevice {
    pub address: String,
    pub rssi: i16,
    pub server: GattServer,
}

/// Whether there is an adapter, and whether it is powered.
#[derive(Clone, Copy)]
pub struct AdapterSetup {
    pub present: bool,
    pub powered: bool,
}

/// Everything the fake knows, shared with the test for assertions.
pub struct World {
    pub powered: bool,
    pub discovering: bool,
    pub devices: Vec<DeviceState>,
    pub connects: usize,
}

/// One device: its GATT server and, while connected, the link.
pub struct DeviceState {
    pub address: String,
    pub rssi: i16,
    pub server: GattServer,
    pub link: Option<GattConnection>,
}

impl DeviceState {
    fn path(&self) -> String {
        format!("{ADAPTER}/dev_{}", self.address.replace(':', "_"))
    }

    fn connected(&self) -> bool {
        self.link.as_ref().is_some_and(GattConnection::is_connected)
    }
}

type Shared = Arc<Mutex<World>>;

fn lock(world: &Shared) -> MutexGuard<'_, World> {
    world
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The object behind a path: which device, and which ATT handle (service, value or descriptor).
#[derive(Clone, Copy)]
struct Obj {
    device: usize,
    handle: u16,
}

#[derive(Clone, Copy)]
struct GattTokens {
    service: IfaceToken<Obj>,
    characteristic: IfaceToken<Obj>,
    descriptor: IfaceToken<Obj>,
}

/// The running fake; stops serving on drop.
pub struct FakeBluez {
    pub world: Shared,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl FakeBluez {
    /// Owns `org.bluez` on the bus at `address` and serves the tree until dropped.
    pub fn serve(
        address: &str,
        adapter: AdapterSetup,
        devices: Vec<FakeDevice>,
    ) -> Result<Self, String> {
        let mut channel = Channel::open_private(address).map_err(|e| format!("bus: {e}"))?;
        channel.register().map_err(|e| format!("bus hello: {e}"))?;
        let conn = Arc::new(SyncConnection::from(channel));
        conn.request_name("org.bluez", false, true, true)
            .map_err(|e| format!("name: {e}"))?;
        let devices = devices
            .into_iter()
            .map(|d| DeviceState {
                address: d.address,
                rssi: d.rssi,
                server: d.server,
                link: None,
            })
            .collect();
        let world = Arc::new(Mutex::new(World {
            powered: adapter.powered,
            discovering: false,
            devices,
            connects: 0,
        }));
        let cr = build_tree(&world, adapter.present, conn.clone());
        let cr = Mutex::new(cr);
        conn.start_receive(
            MatchRule::new_method_call(),
            Box::new(move |message, conn| {
                if let Ok(mut cr) = cr.lock() {
                    let _ = cr.handle_message(message, conn);
                }
                true
            }),
        );
        let stop = Arc::new(AtomicBool::new(false));
        let running = stop.clone();
        let thread = std::thread::spawn(move || {
            while !running.load(Ordering::SeqCst) {
                if conn.process(Duration::from_millis(20)).is_err() {
                    break;
                }
            }
        });
        Ok(FakeBluez {
            world,
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for FakeBluez {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn build_tree(world: &Shared, with_adapter: bool, conn: Arc<SyncConnection>) -> Crossroads {
    let mut cr = Crossroads::new();
    cr.set_object_manager_support(Some(conn));
    let gatt = GattTokens {
        service: service_iface(&mut cr, world),
        characteristic: characteristic_iface(&mut cr, world),
        descriptor: descriptor_iface(&mut cr, world),
    };
    let device = device_iface(&mut cr, world, gatt);
    let adapter = adapter_iface(&mut cr, world, device);
    let manager = cr.object_manager::<Obj>();
    cr.insert(
        "/",
        &[manager],
        Obj {
            device: usize::MAX,
            handle: 0,
        },
    );
    if with_adapter {
        cr.insert(
            ADAPTER,
            &[adapter],
            Obj {
                device: usize::MAX,
                handle: 0,
            },
        );
    }
    cr
}

/// A read-only property computed from the world.
fn prop<A, F>(b: &mut IfaceBuilder<Obj>, name: &str, world: &Shared, f: F)
where
    A: Arg + RefArg + Append + Send + 'static,
    F: Fn(&World, Obj) -> A + Send + 'static,
{
    let world = world.clone();
    b.property(name)
        .get(move |_, obj| Ok(f(&lock(&world), *obj)));
}

fn changed(path: &str, interface: &str, props: Vec<(&str, Box<dyn RefArg>)>) -> Message {
    let map: PropMap = props
        .into_iter()
        .map(|(k, v)| (k.to_string(), Variant(v)))
        .collect();
    Message::signal(
        &Path::from(path.to_string()),
        &"org.freedesktop.DBus.Properties".into(),
        &"PropertiesChanged".into(),
    )
    .append3(interface, map, Vec::<String>::new())
}

fn adapter_iface(cr: &mut Crossroads, world: &Shared, device: IfaceToken<Obj>) -> IfaceToken<Obj> {
    let world = world.clone();
    cr.register("org.bluez.Adapter1", move |b: &mut IfaceBuilder<Obj>| {
        prop(b, "Address", &world, |_, _| "00:1A:7D:DA:71:13".to_string());
        prop(b, "AddressType", &world, |_, _| "public".to_string());
        prop(b, "Name", &world, |_, _| "esprov-fake".to_string());
        prop(b, "Alias", &world, |_, _| "esprov-fake".to_string());
        prop(b, "Modalias", &world, |_, _| {
            "usb:v1D6Bp0246d0540".to_string()
        });
        prop(b, "Discovering", &world, |w, _| w.discovering);
        prop(b, "Discoverable", &world, |_, _| false);
        prop(b, "Pairable", &world, |_, _| false);
        prop(b, "UUIDs", &world, |_, _| Vec::<String>::new());
        let w = world.clone();
        let set = world.clone();
        b.property("Powered")
            .get(move |_, _| Ok(lock(&w).powered))
            .set(move |_, _, on: bool| {
                lock(&set).powered = on;
                Ok(Some(on))
            });
        b.method(
            "SetDiscoveryFilter",
            ("properties",),
            (),
            |_, _, (_filter,): (PropMap,)| Ok(()),
        );
        let w = world.clone();
        b.method_with_cr("StartDiscovery", (), (), move |ctx, cr, (): ()| {
            let paths: Vec<String> = {
                let mut world = lock(&w);
                if !world.powered {
                    return Err(MethodErr::from((
                        "org.bluez.Error.NotReady",
                        "Resource Not Ready",
                    )));
                }
                world.discovering = true;
                world.devices.iter().map(DeviceState::path).collect()
            };
            for (index, path) in paths.into_iter().enumerate() {
                if cr.data_mut::<Obj>(&Path::from(path.clone())).is_none() {
                    cr.insert(
                        path,
                        &[device],
                        Obj {
                            device: index,
                            handle: 0,
                        },
                    );
                }
            }
            ctx.push_msg(changed(
                ADAPTER,
                "org.bluez.Adapter1",
                vec![("Discovering", Box::new(true))],
            ));
            Ok(())
        });
        let w = world.clone();
        b.method("StopDiscovery", (), (), move |ctx, _, (): ()| {
            let mut world = lock(&w);
            if !world.discovering {
                return Err(MethodErr::from((
                    "org.bluez.Error.Failed",
                    "No discovery started",
                )));
            }
            world.discovering = false;
            ctx.push_msg(changed(
                ADAPTER,
                "org.bluez.Adapter1",
                vec![("Discovering", Box::new(false))],
            ));
            Ok(())
        });
    })
}

fn device_iface(cr: &mut Crossroads, world: &Shared, gatt: GattTokens) -> IfaceToken<Obj> {
    let world = world.clone();
    cr.register("org.bluez.Device1", move |b: &mut IfaceBuilder<Obj>| {
        prop(b, "Address", &world, |w, o| {
            w.devices[o.device].address.clone()
        });
        prop(b, "AddressType", &world, |_, _| "public".to_string());
        prop(b, "Name", &world, |w, o| {
            w.devices[o.device].server.advertisement().local_name
        });
        prop(b, "Alias", &world, |w, o| {
            w.devices[o.device].server.advertisement().local_name
        });
        prop(b, "RSSI", &world, |w, o| w.devices[o.device].rssi);
        prop(b, "UUIDs", &world, |w, o| {
            let advert = w.devices[o.device].server.advertisement();
            advert
                .service_uuids
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        });
        prop(b, "ManufacturerData", &world, |w, o| {
            let advert = w.devices[o.device].server.advertisement();
            advert
                .manufacturer_data
                .into_iter()
                .map(|(id, data)| (id, Variant(data)))
                .collect::<HashMap<u16, _>>()
        });
        prop(b, "Adapter", &world, |_, _| Path::from(ADAPTER));
        for flag in ["Paired", "Trusted", "Blocked", "Bonded", "LegacyPairing"] {
            prop(b, flag, &world, |_, _| false);
        }
        prop(b, "Connected", &world, |w, o| {
            w.devices[o.device].connected()
        });
        prop(b, "ServicesResolved", &world, |w, o| {
            w.devices[o.device].connected()
        });
        let w = world.clone();
        b.method_with_cr("Connect", (), (), move |ctx, cr, (): ()| {
            let obj = *cr
                .data_mut::<Obj>(ctx.path())
                .ok_or_else(|| MethodErr::no_path(ctx.path()))?;
            let objects = {
                let mut world = lock(&w);
                world.connects += 1;
                let device = &mut world.devices[obj.device];
                if device.connected() {
                    return Ok(());
                }
                device.link = Some(device.server.connect(CLIENT_MTU));
                gatt_objects(device, obj.device, gatt)
            };
            for (path, token, data) in objects {
                cr.insert(path, &[token], data);
            }
            let resolved: Vec<(&str, Box<dyn RefArg>)> = vec![
                ("Connected", Box::new(true)),
                ("ServicesResolved", Box::new(true)),
            ];
            ctx.push_msg(changed(
                &ctx.path().to_string(),
                "org.bluez.Device1",
                resolved,
            ));
            Ok(())
        });
        let w = world.clone();
        b.method_with_cr("Disconnect", (), (), move |ctx, cr, (): ()| {
            let obj = *cr
                .data_mut::<Obj>(ctx.path())
                .ok_or_else(|| MethodErr::no_path(ctx.path()))?;
            let objects = {
                let mut world = lock(&w);
                let device = &mut world.devices[obj.device];
                device.link = None;
                gatt_objects(device, obj.device, gatt)
            };
            for (path, _, _) in objects.into_iter().rev() {
                cr.remove::<Obj>(&Path::from(path));
            }
            let dropped: Vec<(&str, Box<dyn RefArg>)> = vec![
                ("ServicesResolved", Box::new(false)),
                ("Connected", Box::new(false)),
            ];
            ctx.push_msg(changed(
                &ctx.path().to_string(),
                "org.bluez.Device1",
                dropped,
            ));
            Ok(())
        });
    })
}

/// The service, characteristic and descriptor objects BlueZ exports after service resolution.
fn gatt_objects(
    device: &DeviceState,
    index: usize,
    gatt: GattTokens,
) -> Vec<(String, IfaceToken<Obj>, Obj)> {
    let table = device.server.table();
    let service = format!("{}/service{:04x}", device.path(), table.service_handle);
    let mut objects = vec![(
        service.clone(),
        gatt.service,
        Obj {
            device: index,
            handle: table.service_handle,
        },
    )];
    for c in &table.characteristics {
        let chr = format!("{service}/char{:04x}", c.declaration_handle);
        objects.push((
            chr.clone(),
            gatt.characteristic,
            Obj {
                device: index,
                handle: c.value_handle,
            },
        ));
        if let Some(handle) = c.description_handle {
            objects.push((
                format!("{chr}/desc{handle:04x}"),
                gatt.descriptor,
                Obj {
                    device: index,
                    handle,
                },
            ));
        }
    }
    objects
}

/// BlueZ's D-Bus errors for ATT outcomes (as its gatt-client reports them).
fn bluez_error(error: GattError) -> MethodErr {
    match error {
        GattError::Disconnected => ("org.bluez.Error.Failed", "Not connected").into(),
        GattError::Att(att::INVALID_OFFSET) => {
            ("org.bluez.Error.InvalidOffset", "Invalid offset").into()
        }
        GattError::Att(att::INVALID_ATTRIBUTE_VALUE_LENGTH) => {
            ("org.bluez.Error.InvalidValueLength", "Invalid Length").into()
        }
        GattError::Att(att::READ_NOT_PERMITTED) => {
            ("org.bluez.Error.NotPermitted", "Read not permitted").into()
        }
        GattError::Att(code) => (
            "org.bluez.Error.Failed",
            format!("Operation failed with ATT error: 0x{code:02x}"),
        )
            .into(),
    }
}

fn offset(options: &PropMap) -> usize {
    options
        .get("offset")
        .and_then(|v| v.0.as_u64())
        .map_or(0, |o| o as usize)
}

/// Runs `op` on the device's link; a link the device tore down is reported as BlueZ does, with
/// Connected and ServicesResolved going false.
fn on_link<T>(
    world: &Shared,
    ctx: &mut Context,
    obj: Obj,
    op: impl FnOnce(&mut GattConnection) -> Result<T, GattError>,
) -> Result<T, MethodErr> {
    let mut world = lock(world);
    let device = &mut world.devices[obj.device];
    let link = device
        .link
        .as_mut()
        .ok_or_else(|| bluez_error(GattError::Disconnected))?;
    let result = op(link);
    if matches!(result, Err(GattError::Disconnected)) || !device.connected() {
        let dropped: Vec<(&str, Box<dyn RefArg>)> = vec![
            ("ServicesResolved", Box::new(false)),
            ("Connected", Box::new(false)),
        ];
        ctx.push_msg(changed(&device.path(), "org.bluez.Device1", dropped));
    }
    result.map_err(bluez_error)
}

fn service_iface(cr: &mut Crossroads, world: &Shared) -> IfaceToken<Obj> {
    let world = world.clone();
    cr.register(
        "org.bluez.GattService1",
        move |b: &mut IfaceBuilder<Obj>| {
            prop(b, "UUID", &world, |w, o| {
                w.devices[o.device].server.table().service.to_string()
            });
            prop(b, "Primary", &world, |_, _| true);
            prop(b, "Device", &world, |w, o| {
                Path::from(w.devices[o.device].path())
            });
            prop(b, "Includes", &world, |_, _| Vec::<Path<'static>>::new());
        },
    )
}

fn characteristic_iface(cr: &mut Crossroads, world: &Shared) -> IfaceToken<Obj> {
    let world = world.clone();
    cr.register(
        "org.bluez.GattCharacteristic1",
        move |b: &mut IfaceBuilder<Obj>| {
            prop(b, "UUID", &world, |w, o| {
                let table = w.devices[o.device].server.table();
                table
                    .by_value_handle(o.handle)
                    .map(|c| c.uuid.to_string())
                    .unwrap_or_default()
            });
            prop(b, "Service", &world, |w, o| {
                let device = &w.devices[o.device];
                Path::from(format!(
                    "{}/service{:04x}",
                    device.path(),
                    device.server.table().service_handle
                ))
            });
            prop(b, "Flags", &world, |_, _| {
                vec!["read".to_string(), "write".to_string()]
            });
            prop(b, "MTU", &world, |w, o| {
                w.devices[o.device]
                    .link
                    .as_ref()
                    .map_or(23, GattConnection::mtu)
            });
            let w = world.clone();
            b.method(
                "ReadValue",
                ("options",),
                ("value",),
                move |ctx, obj, (options,): (PropMap,)| {
                    let from = offset(&options);
                    let value = on_link(&w, ctx, *obj, |link| link.read_long(obj.handle))?;
                    let rest = value
                        .get(from..)
                        .ok_or_else(|| bluez_error(GattError::Att(att::INVALID_OFFSET)))?;
                    Ok((rest.to_vec(),))
                },
            );
            let w = world.clone();
            b.method(
                "WriteValue",
                ("value", "options"),
                (),
                move |ctx, obj, (value, options): (Vec<u8>, PropMap)| {
                    let kind = options
                        .get("type")
                        .and_then(|v| v.0.as_str().map(str::to_string));
                    if kind.as_deref() == Some("command") {
                        return Err(
                            ("org.bluez.Error.NotSupported", "Operation is not supported").into(),
                        );
                    }
                    let at = offset(&options);
                    on_link(&w, ctx, *obj, |link| match at {
                        0 => link.write_long(obj.handle, &value),
                        _ => link
                            .prepare_write(obj.handle, at, &value)
                            .and_then(|()| link.execute_write(true)),
                    })
                },
            );
            b.method(
                "StartNotify",
                (),
                (),
                |_, _, (): ()| -> Result<(), MethodErr> {
                    Err(("org.bluez.Error.NotSupported", "Operation is not supported").into())
                },
            );
        },
    )
}

fn descriptor_iface(cr: &mut Crossroads, world: &Shared) -> IfaceToken<Obj> {
    let world = world.clone();
    cr.register(
        "org.bluez.GattDescriptor1",
        move |b: &mut IfaceBuilder<Obj>| {
            prop(b, "UUID", &world, |_, _| USER_DESCRIPTION.to_string());
            prop(b, "Characteristic", &world, |w, o| {
                let device = &w.devices[o.device];
                let table = device.server.table();
                let chr = table
                    .by_description_handle(o.handle)
                    .map_or(0, |c| c.declaration_handle);
                Path::from(format!(
                    "{}/service{:04x}/char{chr:04x}",
                    device.path(),
                    table.service_handle
                ))
            });
            prop(b, "Flags", &world, |_, _| vec!["read".to_string()]);
            let w = world.clone();
            b.method(
                "ReadValue",
                ("options",),
                ("value",),
                move |ctx, obj, (options,): (PropMap,)| {
                    let from = offset(&options);
                    let value = on_link(&w, ctx, *obj, |link| link.read_long(obj.handle))?;
                    Ok((value.get(from..).unwrap_or_default().to_vec(),))
                },
            );
        },
    )
}
