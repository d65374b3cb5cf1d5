"""Interrupts a long training cell through KernelManager.interrupt_kernel() (the
kernelspec's interrupt_mode "message": an interrupt_request on the control channel),
then checks that the next cell sees the partly trained network."""
import signal
import sys
import time

from kernel_session import shell_reply, started_kernel

TRAIN = """
data d = xor()
network net {
  input 2
  dense 64, tanh
  dense 1
}
before = net(d.x)
run = train net on d {
  loss: bce
  optimizer: sgd(lr: 0.0001)
  epochs: 100000000
  init: glorot(seed: 1)
}
"""


def wait_for_progress(kc, msg_id):
    """Waits until training is under way: its first progress line on stdout."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=120)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout" and "epoch" in msg["content"]["text"]:
            return
    sys.exit("training never reported progress")


def main():
    with started_kernel() as (km, kc):
        if km.kernel_spec.interrupt_mode != "message":
            sys.exit(f"interrupt_mode is {km.kernel_spec.interrupt_mode!r}, expected 'message'")
        msg_id = kc.execute(TRAIN)
        wait_for_progress(kc, msg_id)
        km.interrupt_kernel()
        content = shell_reply(kc, msg_id)
        print("reply:", content.get("status"), content.get("ename"), content.get("evalue"))
        if content["status"] != "error" or "interrupt" not in content.get("evalue", "").lower():
            sys.exit(f"the interrupted cell replied {content}")
        check = kc.execute_interactive(
            'print("changed:", max(abs(net(d.x) - before)) > 0)\nprint("net", net)', timeout=120
        )
        if check["content"]["status"] != "ok":
            sys.exit(f"the cell after the interrupt failed: {check['content']}")
        print("the next cell ran")
        # SIGINT (what a frontend sends with interrupt_mode "signal") stops training too.
        msg_id = kc.execute("again = train net on d {\n  loss: bce\n  optimizer: sgd(lr: 0.0001)\n  epochs: 100000000\n}")
        wait_for_progress(kc, msg_id)
        km.signal_kernel(signal.SIGINT)
        reply = shell_reply(kc, msg_id)
        if reply["status"] != "error" or reply.get("ename") != "KeyboardInterrupt":
            sys.exit(f"SIGINT: the training cell replied {reply}")
        after = kc.execute_interactive('print("still here")', timeout=120)
        if after["content"]["status"] != "ok":
            sys.exit(f"the cell after SIGINT failed: {after['content']}")
        print("SIGINT interrupted training")


if __name__ == "__main__":
    main()
