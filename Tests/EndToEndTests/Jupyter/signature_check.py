"""Sends an execute_request signed with the wrong key straight onto the shell channel:
the kernel must drop it (no reply, no output, nothing written), then still run a
correctly signed request."""
import os
import sys

from jupyter_client.session import Session
from kernel_session import started_kernel


def main():
    marker = "forged-cell-ran"  # relative: the kernel may write only below its working folder
    with started_kernel() as (_, kc):
        forged = Session(key=b"not the key", username="intruder")
        code = f'save([1, 2, 3], "{marker}.npy")\nprint("forged cell ran")'
        message = forged.msg("execute_request", content={
            "code": code, "silent": False, "store_history": True,
            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        forged.send(kc.shell_channel.socket, message)
        try:
            reply = kc.get_shell_msg(timeout=5)
            sys.exit(f"the forged request was answered: {reply['msg_type']}")
        except Exception:
            pass
        good = kc.execute_interactive('print("signed cell ran")', timeout=60)
        if good["content"]["status"] != "ok":
            sys.exit(f"the signed request failed: {good['content']}")
        if os.path.exists(marker + ".npy"):
            sys.exit("the forged cell was executed")
        print("forged request dropped; signed request ran")


if __name__ == "__main__":
    main()
