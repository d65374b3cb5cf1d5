"""Queues three cells at once, the first failing: the other two are aborted, not run
(as "Run All" stops at an error in IPython); a cell sent afterwards runs, and sees
nothing the aborted cells would have bound."""
import sys

from jupyter_client.manager import KernelManager


def reply_to(kc, msg_id):
    reply = kc.get_shell_msg(timeout=60)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=60)
    return reply["content"]


def main():
    km = KernelManager(kernel_name="dln")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        ids = [kc.execute("expect 1 == 2"), kc.execute("queued = 1"), kc.execute('print("queued ran")')]
        statuses = [reply_to(kc, msg_id)["status"] for msg_id in ids]
        if statuses != ["error", "aborted", "aborted"]:
            sys.exit(f"replies were {statuses}")
        later = kc.execute_interactive('print("later ran")', timeout=60)
        if later["content"]["status"] != "ok":
            sys.exit(f"the later cell replied {later['content']}")
        probe = kc.execute_interactive("queued", timeout=60)
        if probe["content"]["status"] != "error":
            sys.exit("an aborted cell was run")
        print("queued cells aborted; later cells run")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


if __name__ == "__main__":
    main()
