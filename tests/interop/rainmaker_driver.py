"""Drives an esprov virtual device over HTTP with Espressif's own client code.

The security, transport and provisioning helpers come from the `rmaker_tools.common`
package of esp-rainmaker-cli; this script only sequences them. It exits 0 when the
scenario behaves as expected and 1 (with a reason on stderr) otherwise.

Run it with `python -I` from a directory that has no `proto` entry: `rmaker_tools.common`
does `import proto` first and only then falls back to its own `rmaker_prov/proto` package.
"""

import argparse
import json
import sys
import time

from rmaker_tools.common.prov import wifi_ctrl, wifi_prov, wifi_scan
from rmaker_tools.common.security import Security0, Security1, Security2
from rmaker_tools.common.transport.transport_http import Transport_HTTP

import proto  # resolved by the imports above: rmaker_tools/rmaker_prov/proto

HOME_SSID = 'HomeNetwork'
HOME_PASSPHRASE = 'any-passphrase-1'
MISSING_SSID = 'NoSuchNetwork'
NETWORK_NOT_FOUND = 1  # WifiConnectFailedReason.NetworkNotFound


class Failed(Exception):
    """The device did not behave as the scenario expects."""


class Recording:
    """Wraps a security context and keeps the last decrypted payload for inspection."""

    def __init__(self, inner):
        self.inner = inner
        self.verbose = False
        self.last_plain = b''

    def encrypt_data(self, data):
        return self.inner.encrypt_data(data)

    def decrypt_data(self, data):
        self.last_plain = self.inner.decrypt_data(data)
        return self.last_plain


def security_for(args):
    if args.sec == 0:
        return Security0(False)
    if args.sec == 1:
        return Security1(args.pop or '', False)
    return Security2(args.sec_patch, args.username, args.password, False)


def check_version(tp, args):
    raw = tp.send_data('proto-ver', '---')
    info = json.loads(raw)
    prov = info.get('prov', {})
    if prov.get('sec_ver') != args.sec:
        raise Failed(f'proto-ver says sec_ver {prov.get("sec_ver")}, expected {args.sec}: {raw}')
    if args.sec == 2 and prov.get('sec_patch_ver', 0) != args.sec_patch:
        raise Failed(f'proto-ver says sec_patch_ver {prov.get("sec_patch_ver")}, expected {args.sec_patch}')
    caps = prov.get('cap', [])
    if args.sec == 1 and not args.pop and 'no_pop' not in caps:
        raise Failed(f'sec1 without PoP must advertise no_pop: {raw}')
    if 'wifi_scan' not in caps:
        raise Failed(f'wifi_scan capability missing: {raw}')


def establish_session(tp, sec):
    response = None
    while True:
        request = sec.security_session(response)
        if request is None:
            return
        response = tp.send_data('prov-session', request)


def send_credentials(tp, sec, ssid, passphrase):
    status = wifi_prov.config_set_config_response(
        sec, tp.send_data('prov-config', wifi_prov.config_set_config_request(sec, ssid, passphrase)))
    if status != 0:
        raise Failed(f'set_config answered status {status}')
    status = wifi_prov.config_apply_config_response(
        sec, tp.send_data('prov-config', wifi_prov.config_apply_config_request(sec)))
    if status != 0:
        raise Failed(f'apply_config answered status {status}')


def wait_for_state(tp, sec, wanted, timeout_s=30):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        state = wifi_prov.config_get_status_response(
            sec, tp.send_data('prov-config', wifi_prov.config_get_status_request(sec)))
        if state == wanted:
            return
        if state != 'connecting':
            raise Failed(f'Wi-Fi state {state}, expected {wanted}')
        time.sleep(0.5)
    raise Failed(f'Wi-Fi state did not become {wanted} within {timeout_s} s')


def fail_reason(sec):
    payload = proto.wifi_config_pb2.WiFiConfigPayload()
    payload.ParseFromString(sec.last_plain)
    return payload.resp_get_status.fail_reason


def scenario_provision(tp, sec, args):
    check_version(tp, args)
    establish_session(tp, sec)
    send_credentials(tp, sec, HOME_SSID, HOME_PASSPHRASE)
    wait_for_state(tp, sec, 'connected')


def scenario_scan(tp, sec, args):
    check_version(tp, args)
    establish_session(tp, sec)
    wifi_scan.scan_start_response(sec, tp.send_data('prov-scan', wifi_scan.scan_start_request(sec)))
    status = wifi_scan.scan_status_response(sec, tp.send_data('prov-scan', wifi_scan.scan_status_request(sec)))
    if not status['finished'] or status['count'] < 1:
        raise Failed(f'blocking scan not finished or empty: {status}')
    results = []
    for index in range(0, status['count'], 4):
        count = min(4, status['count'] - index)
        page = wifi_scan.scan_result_response(
            sec, tp.send_data('prov-scan', wifi_scan.scan_result_request(sec, index, count)))
        results += page
    if len(results) != status['count']:
        raise Failed(f'{status["count"]} results announced, {len(results)} read')
    if HOME_SSID not in [r['ssid'] for r in results]:
        raise Failed(f'{HOME_SSID} missing from the scan: {results}')
    print(f'scan: {[r["ssid"] for r in results]}')


def scenario_bad_session(tp, sec, args):
    check_version(tp, args)
    try:
        establish_session(tp, sec)
    except Exception as err:  # the device drops the connection; the client raises
        print(f'session failed as expected: {err}')
        return
    raise Failed('the session was established with wrong credentials')


def scenario_no_ap_reset(tp, sec, args):
    check_version(tp, args)
    establish_session(tp, sec)
    send_credentials(tp, sec, MISSING_SSID, HOME_PASSPHRASE)
    wait_for_state(tp, sec, 'failed')
    if fail_reason(sec) != NETWORK_NOT_FOUND:
        raise Failed(f'fail_reason {fail_reason(sec)}, expected NetworkNotFound')
    wifi_ctrl.ctrl_reset_response(sec, tp.send_data('prov-ctrl', wifi_ctrl.ctrl_reset_request(sec)))
    send_credentials(tp, sec, HOME_SSID, HOME_PASSPHRASE)
    wait_for_state(tp, sec, 'connected')


SCENARIOS = {
    'provision': scenario_provision,
    'scan': scenario_scan,
    'bad-session': scenario_bad_session,
    'no-ap-reset': scenario_no_ap_reset,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('scenario', choices=sorted(SCENARIOS))
    parser.add_argument('address', help='host:port of the device')
    parser.add_argument('--sec', type=int, required=True, choices=[0, 1, 2])
    parser.add_argument('--pop', default='')
    parser.add_argument('--username', default='wifiprov')
    parser.add_argument('--password', default='abcd1234')
    parser.add_argument('--sec-patch', type=int, default=1, choices=[0, 1])
    args = parser.parse_args()

    tp = Transport_HTTP(args.address, timeout=10)
    sec = security_for(args)
    if args.scenario != 'bad-session':
        sec = Recording(sec)
        sec.security_session = sec.inner.security_session
    try:
        SCENARIOS[args.scenario](tp, sec, args)
    except Failed as err:
        print(f'FAILED: {err}', file=sys.stderr)
        return 1
    print(f'OK: {args.scenario}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
