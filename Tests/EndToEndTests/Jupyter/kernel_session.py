"""What the Jupyter checks share: a started dln kernel with a ready client, stopped
however the check ends, and the shell reply to one request."""
from contextlib import contextmanager

from jupyter_client.manager import KernelManager


@contextmanager
def started_kernel(name="dln"):
    """Yields (manager, client) once the kernel answers; shuts it down afterwards."""
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        yield km, kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def shell_reply(kc, msg_id, timeout=120):
    """The content of the shell reply to `msg_id`, skipping replies to other requests."""
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    return reply["content"]
