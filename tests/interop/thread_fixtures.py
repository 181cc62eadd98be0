"""Writes byte-exact network_provisioning Thread fixtures with Google's protobuf package.

The messages are compiled from esprov's proto/proto/*.proto by grpc_tools.protoc (not by esprov),
then encoded by Python's protobuf runtime. Run:
    python3 -m venv v && v/bin/pip install protobuf grpcio-tools
    v/bin/python tests/interop/thread_fixtures.py > tests/interop/thread_fixtures.txt
"""
import importlib
import os
import sys
import tempfile

from grpc_tools import protoc

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'proto', 'proto')
FILES = ['constants.proto', 'wifi_constants.proto', 'thread_constants.proto',
         'wifi_config.proto', 'wifi_scan.proto', 'wifi_ctrl.proto']

# The sim's default network and the dataset esp_prov builds for it.
DATASET = bytes.fromhex('000300000f0208dead00beef001234051000112233445566778899aabbccddeeff01021234')
EXT_PAN_ID = bytes.fromhex('dead00beef001234')


def compile_protos():
    out = tempfile.mkdtemp()
    args = ['protoc', f'-I{ROOT}', f'--python_out={out}'] + [os.path.join(ROOT, f) for f in FILES]
    if protoc.main(args) != 0:
        sys.exit('protoc failed')
    sys.path.insert(0, out)
    return {name: importlib.import_module(name.replace('.proto', '_pb2')) for name in FILES}


def fixtures(m):
    cfg, scan, ctrl = m['wifi_config.proto'], m['wifi_scan.proto'], m['wifi_ctrl.proto']
    tc = m['thread_constants.proto']
    out = []

    p = cfg.WiFiConfigPayload(msg=cfg.TypeCmdGetThreadStatus)
    p.cmd_get_thread_status.SetInParent()
    out.append(('cmd_get_thread_status', p))

    p = cfg.WiFiConfigPayload(msg=cfg.TypeCmdSetThreadConfig)
    p.cmd_set_thread_config.dataset = DATASET
    out.append(('cmd_set_thread_config', p))

    p = cfg.WiFiConfigPayload(msg=cfg.TypeCmdApplyThreadConfig)
    p.cmd_apply_thread_config.SetInParent()
    out.append(('cmd_apply_thread_config', p))

    p = cfg.WiFiConfigPayload(msg=cfg.TypeRespGetThreadStatus)
    p.resp_get_thread_status.thread_state = tc.Attaching
    out.append(('resp_get_thread_status_attaching', p))

    p = cfg.WiFiConfigPayload(msg=cfg.TypeRespGetThreadStatus)
    p.resp_get_thread_status.thread_state = tc.Attached
    a = p.resp_get_thread_status.thread_attached
    a.pan_id, a.ext_pan_id, a.channel, a.name = 0x1234, EXT_PAN_ID, 15, 'OpenThread-1234'
    out.append(('resp_get_thread_status_attached', p))

    p = cfg.WiFiConfigPayload(msg=cfg.TypeRespGetThreadStatus)
    p.resp_get_thread_status.thread_state = tc.AttachingFailed
    p.resp_get_thread_status.thread_fail_reason = tc.ThreadNetworkNotFound
    out.append(('resp_get_thread_status_not_found', p))

    p = cfg.WiFiConfigPayload(msg=cfg.TypeRespSetThreadConfig)
    p.resp_set_thread_config.SetInParent()
    out.append(('resp_set_thread_config', p))

    p = scan.WiFiScanPayload(msg=scan.TypeCmdScanThreadStart)
    p.cmd_scan_thread_start.blocking = True
    out.append(('cmd_scan_thread_start', p))

    p = scan.WiFiScanPayload(msg=scan.TypeRespScanThreadStart)
    p.resp_scan_thread_start.SetInParent()
    out.append(('resp_scan_thread_start', p))

    p = scan.WiFiScanPayload(msg=scan.TypeCmdScanThreadStatus)
    p.cmd_scan_thread_status.SetInParent()
    out.append(('cmd_scan_thread_status', p))

    p = scan.WiFiScanPayload(msg=scan.TypeRespScanThreadStatus)
    p.resp_scan_thread_status.scan_finished = True
    p.resp_scan_thread_status.result_count = 2
    out.append(('resp_scan_thread_status', p))

    p = scan.WiFiScanPayload(msg=scan.TypeCmdScanThreadResult)
    p.cmd_scan_thread_result.start_index = 0
    p.cmd_scan_thread_result.count = 1
    out.append(('cmd_scan_thread_result', p))

    p = scan.WiFiScanPayload(msg=scan.TypeRespScanThreadResult)
    e = p.resp_scan_thread_result.entries.add()
    e.pan_id, e.channel, e.rssi, e.lqi = 0x1234, 15, -45, 255
    e.ext_addr = bytes.fromhex('166e0a0000000001')
    e.network_name, e.ext_pan_id = 'OpenThread-1234', EXT_PAN_ID
    out.append(('resp_scan_thread_result', p))

    p = ctrl.WiFiCtrlPayload(msg=ctrl.TypeCmdCtrlThreadReset)
    p.cmd_ctrl_thread_reset.SetInParent()
    out.append(('cmd_ctrl_thread_reset', p))

    p = ctrl.WiFiCtrlPayload(msg=ctrl.TypeCmdCtrlThreadReprov)
    p.cmd_ctrl_thread_reprov.SetInParent()
    out.append(('cmd_ctrl_thread_reprov', p))

    p = ctrl.WiFiCtrlPayload(msg=ctrl.TypeRespCtrlThreadReset, status=5)
    p.resp_ctrl_thread_reset.SetInParent()
    out.append(('resp_ctrl_thread_reset_refused', p))
    return out


def main():
    modules = compile_protos()
    import google.protobuf
    print(f'# network_provisioning Thread messages, encoded by Python protobuf {google.protobuf.__version__}')
    print('# from proto/proto/*.proto (grpc_tools.protoc); regenerate with tests/interop/thread_fixtures.py')
    for name, message in fixtures(modules):
        print(name, message.SerializeToString().hex())


if __name__ == '__main__':
    main()
