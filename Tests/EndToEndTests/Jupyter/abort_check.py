"""Queues three cells at once, the first failing: the other two are aborted, not run
(as "Run All" stops at an error in IPython); a cell sent afterwards runs, and sees
nothing the aborted cells would have bound.

The failing cell counts for a while before it fails, so that the two behind it have
reached the kernel by then even on a loaded machine: a request that arrives after the
error is not queued behind it, and runs (as in IPython)."""
import sys

from kernel_session import shell_reply, started_kernel


def main():
    with started_kernel() as (_, kc):
        failing = "n = 0\nwhile n < 300000 { n = n + 1 }\nexpect n == 0"
        ids = [kc.execute(failing), kc.execute("queued = 1"), kc.execute('print("queued ran")')]
        statuses = [shell_reply(kc, msg_id, timeout=60)["status"] for msg_id in ids]
        if statuses != ["error", "aborted", "aborted"]:
            sys.exit(f"replies were {statuses}")
        later = kc.execute_interactive('print("later ran")', timeout=60)
        if later["content"]["status"] != "ok":
            sys.exit(f"the later cell replied {later['content']}")
        probe = kc.execute_interactive("queued", timeout=60)
        if probe["content"]["status"] != "error":
            sys.exit("an aborted cell was run")
        print("queued cells aborted; later cells run")


if __name__ == "__main__":
    main()
