
use builtin;
use str;

set edit:completion:arg-completer[esprov] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'esprov'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'esprov'= {
            cand -v 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand --verbose 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand provision 'Send Wi-Fi credentials to a device, apply them and wait until it joins the network'
            cand info 'Show the device''s protocol version, capabilities and the security it wants'
            cand status 'Open a session and show the device''s Wi-Fi connection state'
            cand scan 'Ask the device to scan for access points and list them'
            cand reset 'After a failed attempt, make the device accept new credentials (prov-ctrl reset)'
            cand reprov 'After a success, make the device take new credentials (prov-ctrl reprov)'
            cand send 'Send bytes to a custom endpoint, encrypted like any other, and print the answer'
            cand discover 'Find provisioning devices on the local network (mDNS)'
            cand sec2-creds 'Generate a security 2 salt and verifier for firmware'
            cand qr 'Print a device''s QR payload as a terminal QR code and as JSON'
            cand batch 'Provision every device of a manifest (CSV or JSON Lines), with a durable report'
            cand sim 'Run one or more virtual ESP32 devices (HTTP, mDNS, console) for tests and demos'
            cand completions 'Print a shell completion script'
            cand esp-prov 'Run with esp_prov.py''s options, so existing scripts work unchanged (our exit codes)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'esprov;provision'= {
            cand --device 'HTTP address of the device (default port 80)'
            cand --mdns 'Find the device by its mDNS service instance name'
            cand --mdns-interface 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address'
            cand --qr 'A device''s QR payload: fills name, PoP, username and transport'
            cand --ble 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address'
            cand --ble-prefix 'Name prefix that marks provisioning devices in BLE scans'
            cand --service-uuid 'The provisioning GATT service UUID, for devices with a custom one'
            cand --adapter 'Bluetooth adapter to use (e.g. hci0); the first one by default'
            cand --retries 'Retry a failed BLE connect or GATT discovery this many times'
            cand --serial 'Reach the device''s console over a serial port or PTY (e.g. /dev/ttyUSB0)'
            cand --baud 'Serial baud rate'
            cand --line-limit 'Refuse requests whose console line would exceed this many characters (stock ESP-IDF: 256)'
            cand --sec 'Security scheme: `auto` decides from the device''s proto-ver'
            cand --pop 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt'
            cand --pop-file 'Read the PoP from a file, or from stdin with `-`'
            cand --username 'Security 2 SRP username'
            cand --password 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt'
            cand --password-file 'Read the SRP password from a file, or from stdin with `-`'
            cand --sec2-salt-mode 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not'
            cand --timeout 'Bound on the whole run, in seconds'
            cand --ssid 'SSID of the access point the device should join'
            cand --passphrase 'Passphrase of the access point (empty for an open network); or ESPROV_PASSPHRASE'
            cand --passphrase-file 'Read the passphrase from a file, or from stdin with `-`'
            cand --console-manual 'Relay console lines by hand: print each request, paste the device''s answer'
            cand --json 'Machine-readable output: one JSON object (provision: NDJSON events)'
            cand --sim 'Start the built-in virtual device with this SSID and passphrase, then provision it'
            cand -v 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand --verbose 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esprov;info'= {
            cand --device 'HTTP address of the device (default port 80)'
            cand --mdns 'Find the device by its mDNS service instance name'
            cand --mdns-interface 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address'
            cand --qr 'A device''s QR payload: fills name, PoP, username and transport'
            cand --ble 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address'
            cand --ble-prefix 'Name prefix that marks provisioning devices in BLE scans'
            cand --service-uuid 'The provisioning GATT service UUID, for devices with a custom one'
            cand --adapter 'Bluetooth adapter to use (e.g. hci0); the first one by default'
            cand --retries 'Retry a failed BLE connect or GATT discovery this many times'
            cand --serial 'Reach the device''s console over a serial port or PTY (e.g. /dev/ttyUSB0)'
            cand --baud 'Serial baud rate'
            cand --line-limit 'Refuse requests whose console line would exceed this many characters (stock ESP-IDF: 256)'
            cand --sec 'Security scheme: `auto` decides from the device''s proto-ver'
            cand --pop 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt'
            cand --pop-file 'Read the PoP from a file, or from stdin with `-`'
            cand --username 'Security 2 SRP username'
            cand --password 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt'
            cand --password-file 'Read the SRP password from a file, or from stdin with `-`'
            cand --sec2-salt-mode 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not'
            cand --timeout 'Bound on the whole run, in seconds'
            cand --console-manual 'Relay console lines by hand: print each request, paste the device''s answer'
            cand --json 'Machine-readable output: one JSON object (provision: NDJSON events)'
            cand -v 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand --verbose 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esprov;status'= {
            cand --device 'HTTP address of the device (default port 80)'
            cand --mdns 'Find the device by its mDNS service instance name'
            cand --mdns-interface 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address'
            cand --qr 'A device''s QR payload: fills name, PoP, username and transport'
            cand --ble 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address'
            cand --ble-prefix 'Name prefix that marks provisioning devices in BLE scans'
            cand --service-uuid 'The provisioning GATT service UUID, for devices with a custom one'
            cand --adapter 'Bluetooth adapter to use (e.g. hci0); the first one by default'
            cand --retries 'Retry a failed BLE connect or GATT discovery this many times'
            cand --serial 'Reach the device''s console over a serial port or PTY (e.g. /dev/ttyUSB0)'
            cand --baud 'Serial baud rate'
            cand --line-limit 'Refuse requests whose console line would exceed this many characters (stock ESP-IDF: 256)'
            cand --sec 'Security scheme: `auto` decides from the device''s proto-ver'
            cand --pop 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt'
            cand --pop-file 'Read the PoP from a file, or from stdin with `-`'
            cand --username 'Security 2 SRP username'
            cand --password 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt'
            cand --password-file 'Read the SRP password from a file, or from stdin with `-`'
            cand --sec2-salt-mode 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not'
            cand --timeout 'Bound on the whole run, in seconds'
            cand --console-manual 'Relay console lines by hand: print each request, paste the device''s answer'
            cand --json 'Machine-readable output: one JSON object (provision: NDJSON events)'
            cand -v 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand --verbose 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esprov;scan'= {
            cand --device 'HTTP address of the device (default port 80)'
            cand --mdns 'Find the device by its mDNS service instance name'
            cand --mdns-interface 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address'
            cand --qr 'A device''s QR payload: fills name, PoP, username and transport'
            cand --ble 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address'
            cand --ble-prefix 'Name prefix that marks provisioning devices in BLE scans'
            cand --service-uuid 'The provisioning GATT service UUID, for devices with a custom one'
            cand --adapter 'Bluetooth adapter to use (e.g. hci0); the first one by default'
            cand --retries 'Retry a failed BLE connect or GATT discovery this many times'
            cand --serial 'Reach the device''s console over a serial port or PTY (e.g. /dev/ttyUSB0)'
            cand --baud 'Serial baud rate'
            cand --line-limit 'Refuse requests whose console line would exceed this many characters (stock ESP-IDF: 256)'
            cand --sec 'Security scheme: `auto` decides from the device''s proto-ver'
            cand --pop 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt'
            cand --pop-file 'Read the PoP from a file, or from stdin with `-`'
            cand --username 'Security 2 SRP username'
            cand --password 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt'
            cand --password-file 'Read the SRP password from a file, or from stdin with `-`'
            cand --sec2-salt-mode 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not'
            cand --timeout 'Bound on the whole run, in seconds'
            cand --console-manual 'Relay console lines by hand: print each request, paste the device''s answer'
            cand --json 'Machine-readable output: one JSON object (provision: NDJSON events)'
            cand -v 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand --verbose 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esprov;reset'= {
            cand --device 'HTTP address of the device (default port 80)'
            cand --mdns 'Find the device by its mDNS service instance name'
            cand --mdns-interface 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address'
            cand --qr 'A device''s QR payload: fills name, PoP, username and transport'
            cand --ble 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address'
            cand --ble-prefix 'Name prefix that marks provisioning devices in BLE scans'
            cand --service-uuid 'The provisioning GATT service UUID, for devices with a custom one'
            cand --adapter 'Bluetooth adapter to use (e.g. hci0); the first one by default'
            cand --retries 'Retry a failed BLE connect or GATT discovery this many times'
            cand --serial 'Reach the device''s console over a serial port or PTY (e.g. /dev/ttyUSB0)'
            cand --baud 'Serial baud rate'
            cand --line-limit 'Refuse requests whose console line would exceed this many characters (stock ESP-IDF: 256)'
            cand --sec 'Security scheme: `auto` decides from the device''s proto-ver'
            cand --pop 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt'
            cand --pop-file 'Read the PoP from a file, or from stdin with `-`'
            cand --username 'Security 2 SRP username'
            cand --password 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt'
            cand --password-file 'Read the SRP password from a file, or from stdin with `-`'
            cand --sec2-salt-mode 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not'
            cand --timeout 'Bound on the whole run, in seconds'
            cand --console-manual 'Relay console lines by hand: print each request, paste the device''s answer'
            cand --json 'Machine-readable output: one JSON object (provision: NDJSON events)'
            cand -v 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand --verbose 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esprov;reprov'= {
            cand --device 'HTTP address of the device (default port 80)'
            cand --mdns 'Find the device by its mDNS service instance name'
            cand --mdns-interface 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address'
            cand --qr 'A device''s QR payload: fills name, PoP, username and transport'
            cand --ble 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address'
            cand --ble-prefix 'Name prefix that marks provisioning devices in BLE scans'
            cand --service-uuid 'The provisioning GATT service UUID, for devices with a custom one'
            cand --adapter 'Bluetooth adapter to use (e.g. hci0); the first one by default'
            cand --retries 'Retry a failed BLE connect or GATT discovery this many times'
            cand --serial 'Reach the device''s console over a serial port or PTY (e.g. /dev/ttyUSB0)'
            cand --baud 'Serial baud rate'
            cand --line-limit 'Refuse requests whose console line would exceed this many characters (stock ESP-IDF: 256)'
            cand --sec 'Security scheme: `auto` decides from the device''s proto-ver'
            cand --pop 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt'
            cand --pop-file 'Read the PoP from a file, or from stdin with `-`'
            cand --username 'Security 2 SRP username'
            cand --password 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt'
            cand --password-file 'Read the SRP password from a file, or from stdin with `-`'
            cand --sec2-salt-mode 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not'
            cand --timeout 'Bound on the whole run, in seconds'
            cand --console-manual 'Relay console lines by hand: print each request, paste the device''s answer'
            cand --json 'Machine-readable output: one JSON object (provision: NDJSON events)'
            cand -v 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand --verbose 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esprov;send'= {
            cand --data 'Send this text'
            cand --hex 'Send these bytes, written as hex'
            cand --file 'Send the contents of a file'
            cand --device 'HTTP address of the device (default port 80)'
            cand --mdns 'Find the device by its mDNS service instance name'
            cand --mdns-interface 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address'
            cand --qr 'A device''s QR payload: fills name, PoP, username and transport'
            cand --ble 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address'
            cand --ble-prefix 'Name prefix that marks provisioning devices in BLE scans'
            cand --service-uuid 'The provisioning GATT service UUID, for devices with a custom one'
            cand --adapter 'Bluetooth adapter to use (e.g. hci0); the first one by default'
            cand --retries 'Retry a failed BLE connect or GATT discovery this many times'
            cand --serial 'Reach the device''s console over a serial port or PTY (e.g. /dev/ttyUSB0)'
            cand --baud 'Serial baud rate'
            cand --line-limit 'Refuse requests whose console line would exceed this many characters (stock ESP-IDF: 256)'
            cand --sec 'Security scheme: `auto` decides from the device''s proto-ver'
            cand --pop 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt'
            cand --pop-file 'Read the PoP from a file, or from stdin with `-`'
            cand --username 'Security 2 SRP username'
            cand --password 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt'
            cand --password-file 'Read the SRP password from a file, or from stdin with `-`'
            cand --sec2-salt-mode 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not'
            cand --timeout 'Bound on the whole run, in seconds'
            cand --console-manual 'Relay console lines by hand: print each request, paste the device''s answer'
            cand --json 'Machine-readable output: one JSON object (provision: NDJSON events)'
            cand -v 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand --verbose 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esprov;discover'= {
            cand --timeout 'How long to listen for answers, in seconds'
            cand --interface 'Listen for mDNS on one interface only: a name (`eth0`, `lo`) or an IP address'
            cand --ble-prefix 'Name prefix that marks provisioning devices in BLE scans'
            cand --service-uuid 'The provisioning GATT service UUID, for devices with a custom one'
            cand --adapter 'Bluetooth adapter to use (e.g. hci0); the first one by default'
            cand --ble 'Scan BLE advertisements (with neither --ble nor --mdns: both)'
            cand --mdns 'Browse mDNS (with neither --ble nor --mdns: both)'
            cand --json 'Machine-readable output: one JSON object (provision: NDJSON events)'
            cand -v 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand --verbose 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'esprov;sec2-creds'= {
            cand --username 'SRP username'
            cand --password 'SRP password; or ESPROV_PASSWORD, --password-file, or a prompt'
            cand --password-file 'Read the password from a file, or from stdin with `-`'
            cand --salt-len 'Salt length in bytes'
            cand --format 'Output format'
            cand --sec2-salt-mode 'x convention: `full` (ESP-IDF, Android) or `strip` (esp_prov''s leading-zero stripping)'
            cand -v 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand --verbose 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esprov;qr'= {
            cand --qr 'An existing payload to render (as printed by the firmware)'
            cand --name 'Service name: the BLE device name or the SoftAP SSID'
            cand --transport 'Transport the phone app should use'
            cand --username 'Security 2 username'
            cand --pop 'PoP (security 1) or SRP password (security 2), which the payload carries in `pop`'
            cand --security 'Security scheme to state in the payload (the apps assume 2 when absent)'
            cand --json 'Print only the JSON, no terminal QR code'
            cand -v 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand --verbose 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esprov;batch'= {
            cand --report 'The report: one JSON line per attempt, fsynced as written'
            cand --concurrency 'Devices provisioned at once'
            cand --ble-per-adapter 'BLE devices provisioned at once per adapter'
            cand --retries 'Retries of transient failures (unreachable, connection lost, timeout)'
            cand --timeout 'Bound on one attempt, in seconds, for rows without a `timeout` column'
            cand --sec 'Security scheme for every row: `auto` decides from each device''s proto-ver'
            cand --status-delay-ms 'Wait this long after ApplyConfig before the first GetStatus, then poll every 100 ms (ESP-IDF v4.1+ starts joining 1 s after ApplyConfig; 0 for firmware that joins at once)'
            cand --resume 'Continue the report: skip devices already ok, run the rest'
            cand --json 'Stream events and the summary as NDJSON on stdout'
            cand --no-group-commit 'One write + fsync per record instead of group commit (for measuring)'
            cand -v 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand --verbose 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esprov;sim'= {
            cand --transport 'Transport to serve'
            cand --bind 'Address to bind HTTP to (loopback only by default)'
            cand --port 'First TCP port; 0 picks free ports'
            cand --count 'Number of devices, on consecutive ports with distinct names'
            cand --tty 'PTY or serial path for the console transport (stdin/stdout when absent)'
            cand --sec 'Security scheme'
            cand --pop 'Proof of possession for security 1 (none when absent)'
            cand --username 'SRP username for security 2'
            cand --password 'SRP password for security 2'
            cand --sec-patch 'Security 2 patch level (sec_patch_ver)'
            cand --ap 'A simulated access point, SSID:PASSPHRASE (repeatable; or one in ESPROV_SIM_AP)'
            cand --connect-delay-ms 'Milliseconds from apply_config to the simulated connection result'
            cand --apply-delay-ms 'Milliseconds from apply_config to the Wi-Fi connect (ESP-IDF waits 1 s so the answer leaves first)'
            cand --outcome 'What the simulated Wi-Fi does with the credentials'
            cand --name 'Service-name prefix; the name is PREFIX + 6 hex digits'
            cand --state-dir 'Directory for stored credentials (NVS stand-in); a temporary one when absent'
            cand --conn-attempts 'Connection attempts before a failure is final (wifi_conn_attempts; 0 = ESP-IDF''s legacy behaviour: fail at once on auth/no-AP reasons)'
            cand --autostop-timeout-ms 'Auto-stop this many ms after success when no GetStatus arrives (ESP-IDF: 30 s)'
            cand --stock-line-limit 'Limit console lines to ESP-IDF''s stock 256 characters'
            cand --no-auto-stop 'Keep provisioning running after success (disable_auto_stop), so reprov works'
            cand --pty 'Serve the console on a new PTY and print its path, for `esprov --serial PATH`'
            cand --mdns 'Advertise over mDNS. Off by default: mdns-sd joins multicast groups on every interface'
            cand --no-mdns 'Accepted for older scripts; mDNS is off unless --mdns'
            cand --json 'Print the ready line and events as JSON'
            cand -v 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand --verbose 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esprov;completions'= {
            cand -v 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand --verbose 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'esprov;esp-prov'= {
            cand --transport 'softap, httpd, ble or console'
            cand --service_name 'softap/httpd: HOST[:PORT] (default 192.168.4.1:80); ble: the device name'
            cand --proto_ver 'Require this protocol version (the raw proto-ver answer or its prov.ver)'
            cand --sec_ver 'Security scheme 0, 1 or 2; auto-detected when absent'
            cand --pop 'Proof of possession for security 1 (or ESPROV_POP)'
            cand --sec2_username 'SRP username for security 2'
            cand --sec2_pwd 'SRP password for security 2 (or ESPROV_PASSWORD)'
            cand --sec2_salt_len 'Salt length for --sec2_gen_cred'
            cand --ssid 'SSID of the access point; empty: scan on the device and choose'
            cand --passphrase 'Passphrase of the access point; asked for when absent (or ESPROV_PASSPHRASE)'
            cand --custom_data 'Send this text to the `custom-data` endpoint after the session'
            cand --timeout 'esprov''s bound on the whole run, in seconds (esp_prov has none)'
            cand --sec2_gen_cred 'With --sec_ver 2: print a salt and verifier as C arrays and exit'
            cand --reset 'Send CtrlReset (after a failed attempt) and exit'
            cand --reprov 'Send CtrlReprov (after a success) and exit'
            cand -v 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand --verbose 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esprov;help'= {
            cand provision 'Send Wi-Fi credentials to a device, apply them and wait until it joins the network'
            cand info 'Show the device''s protocol version, capabilities and the security it wants'
            cand status 'Open a session and show the device''s Wi-Fi connection state'
            cand scan 'Ask the device to scan for access points and list them'
            cand reset 'After a failed attempt, make the device accept new credentials (prov-ctrl reset)'
            cand reprov 'After a success, make the device take new credentials (prov-ctrl reprov)'
            cand send 'Send bytes to a custom endpoint, encrypted like any other, and print the answer'
            cand discover 'Find provisioning devices on the local network (mDNS)'
            cand sec2-creds 'Generate a security 2 salt and verifier for firmware'
            cand qr 'Print a device''s QR payload as a terminal QR code and as JSON'
            cand batch 'Provision every device of a manifest (CSV or JSON Lines), with a durable report'
            cand sim 'Run one or more virtual ESP32 devices (HTTP, mDNS, console) for tests and demos'
            cand completions 'Print a shell completion script'
            cand esp-prov 'Run with esp_prov.py''s options, so existing scripts work unchanged (our exit codes)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'esprov;help;provision'= {
        }
        &'esprov;help;info'= {
        }
        &'esprov;help;status'= {
        }
        &'esprov;help;scan'= {
        }
        &'esprov;help;reset'= {
        }
        &'esprov;help;reprov'= {
        }
        &'esprov;help;send'= {
        }
        &'esprov;help;discover'= {
        }
        &'esprov;help;sec2-creds'= {
        }
        &'esprov;help;qr'= {
        }
        &'esprov;help;batch'= {
        }
        &'esprov;help;sim'= {
        }
        &'esprov;help;completions'= {
        }
        &'esprov;help;esp-prov'= {
        }
        &'esprov;help;help'= {
        }
    ]
    $completions[$command]
}
