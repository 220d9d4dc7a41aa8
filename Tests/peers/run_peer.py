"""Runs a peer tool (ltchiptool, bk7231tools) against a pseudo-terminal.

A pty has no modem lines: pyserial's RTS/DTR ioctls fail with ENOTTY and the tools abort (docs/TESTING.md, "Facts found
while driving the peers against a pseudo-terminal"). This wrapper makes pyserial ignore exactly that error for the
modem-line calls, then runs the tool's console script unchanged.

Usage: python run_peer.py /path/to/venv/bin/TOOL [arguments...]
"""
import errno
import runpy
import sys

import serial.serialposix as serialposix


def _ignoring_enotty(method):
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except OSError as error:
            if error.errno != errno.ENOTTY:
                raise
    return wrapper


for name in ("_update_rts_state", "_update_dtr_state", "_update_break_state"):
    if hasattr(serialposix.Serial, name):
        setattr(serialposix.Serial, name, _ignoring_enotty(getattr(serialposix.Serial, name)))

script = sys.argv[1]
sys.argv = [script] + sys.argv[2:]
runpy.run_path(script, run_name="__main__")
