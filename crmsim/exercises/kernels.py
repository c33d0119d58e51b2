"""Warm kernels for grading: one fresh ipykernel per notebook, forked from a process that has imported the course.

Starting a kernel the usual way costs a new Python process that imports
ipykernel, and then the notebook's first cells import numpy, pandas, scipy and
crmsim: about three seconds of one core per notebook, more than running a
solved exercise. A *zygote* pays for those imports once: it is started with
the kernels' environment, imports the modules every exercise notebook imports
(:data:`PRELOAD`), and then forks one child per notebook, which becomes the
kernel exactly as ``python -m ipykernel_launcher -f <connection file>`` would
(same interpreter, same arguments, the environment and working folder the
kernel manager asked for, a session of its own). Each child serves one
notebook and is killed afterwards, so no notebook sees another's state: a
forked child starts from the zygote's state, which no notebook has touched.

The kernel manager (:func:`manager_class`) is jupyter_client's own, with
a provisioner that asks the zygote for the process instead of ``Popen``;
nbclient runs the notebook as before, so interrupts, timeouts and errors go
through the same code. Whatever cannot be forked (another kernel spec, a
zygote that failed to start) is launched the usual way.

Only the zygote signals or reaps its children, and it signals a child only
while it has not reaped it, so a signal never reaches a process id that the
system has given to another program.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
import uuid
from typing import Any


#: Modules the zygote imports besides all of crmsim (which a fresh kernel imports too: the first text look-up
#: of an exercise loads every module of the package, :func:`crmsim.i18n.load_all`): the kernel and what it
#: imports while it starts (its debugger brings debugpy, a quarter of a second).
PRELOAD = ("IPython", "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.debugger",
           "IPython.core.debugger", "IPython.core.completerlib", "IPython.core.oinspect",
           "IPython.extensions.storemagic", "tornado.platform.asyncio", "tornado.queues", "faulthandler")

#: Seconds to wait for the zygote to import :data:`PRELOAD`, or to answer a request.
START_TIMEOUT = 120
REPLY_TIMEOUT = 30


class ZygoteError(RuntimeError):
    """The zygote is not running (it failed to start, or it stopped)."""


class Zygote:
    """The parent's handle on a zygote process: start a kernel, poll it, signal it. Thread-safe.

    Parameters
    ----------
    env : mapping
        Environment of the zygote (it is read by modules when they are
        imported, so it should be the kernels' own).
    """

    def __init__(self, env: dict[str, str]) -> None:
        self._lock = threading.Lock()
        self._buffer = b""
        self._process = subprocess.Popen([sys.executable, "-m", __name__], env=env, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, start_new_session=True)
        try:
            ready = self._reply(START_TIMEOUT)
        except (ZygoteError, ValueError):
            self._stop()
            raise
        if not ready.get("ready"):
            self.close()
            raise ZygoteError(ready.get("error", "the zygote did not start"))

    def _reply(self, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        out = self._process.stdout.fileno()
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([out], [], [], left)[0]:
                raise ZygoteError(f"no answer from the zygote in {timeout:g} s")
            chunk = os.read(out, 65536)
            if not chunk:
                raise ZygoteError("the zygote stopped")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def request(self, **message: Any) -> dict:
        with self._lock:
            if self._process.poll() is not None:
                raise ZygoteError("the zygote stopped")
            try:
                self._process.stdin.write(json.dumps(message).encode() + b"\n")
                self._process.stdin.flush()
            except OSError as exc:
                raise ZygoteError(f"the zygote stopped: {exc}") from exc
            try:
                reply = self._reply(REPLY_TIMEOUT)
            except (ZygoteError, ValueError):
                self._stop()  # out of step with its answers: no more requests (its kernels stop with it)
                raise ZygoteError("the zygote stopped answering") from None
        if "error" in reply:
            raise OSError(reply["error"])
        return reply

    def start(self, argv: list[str], env: dict[str, str], cwd: str | None, quiet: bool) -> int:
        """Fork a kernel ``ipykernel_launcher <argv>``; its process id."""
        return self.request(op="start", argv=argv, env=env, cwd=cwd or os.getcwd(), quiet=quiet)["pid"]

    def poll(self, pid: int) -> int | None:
        return self.request(op="poll", pid=pid)["code"]

    def signal(self, pid: int, signum: int) -> None:
        """Send ``signum`` to the kernel's process group (as jupyter_client does), if it still runs."""
        self.request(op="signal", pid=pid, signum=int(signum))

    def close(self) -> None:
        """Stop the zygote; it kills any kernel it still has."""
        if self._process.poll() is None:
            try:
                self._process.stdin.close()
                self._process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self._stop()
        for stream in (self._process.stdin, self._process.stdout):
            try:
                stream.close()
            except OSError:  # pragma: no cover - already closed
                pass

    def _stop(self) -> None:
        """Kill the zygote (our own child, not yet reaped); its kernels notice their parent is gone and stop."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()

    def __enter__(self) -> "Zygote":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ForkedProcess:
    """What jupyter_client's provisioner uses of a ``Popen``, for a kernel forked by the zygote."""

    stdin = stdout = stderr = None

    def __init__(self, zygote: Zygote, pid: int) -> None:
        self.zygote, self.pid, self.returncode = zygote, pid, None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                self.returncode = self.zygote.poll(self.pid)
            except ZygoteError:
                self.returncode = -signal.SIGKILL  # the zygote kills its kernels when it stops
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            try:
                self.zygote.signal(self.pid, signum)
            except ZygoteError:
                pass

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def manager_class(zygote: Zygote | None) -> type:
    """A kernel manager class for nbclient whose kernels come from ``zygote`` (None: jupyter_client's own)."""
    from jupyter_client.manager import AsyncKernelManager

    if zygote is None:
        return AsyncKernelManager
    return type("WarmKernelManager", (_classes()[1],), {"zygote": zygote})


@functools.cache
def _classes() -> tuple[type, type]:
    """The provisioner and the kernel manager (defined on first use: jupyter_client comes with the course extra,
    and importing every crmsim module, as the text catalogue does, must work without it)."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_client.provisioning import LocalProvisioner

    class ForkedProvisioner(LocalProvisioner):
        """jupyter_client's local provisioner, whose kernels come from the zygote when they can."""

        zygote: Zygote | None = None

        def _forkable(self, cmd: list[str]) -> bool:
            return (self.zygote is not None and len(cmd) >= 3 and cmd[0] == sys.executable
                    and cmd[1:3] == ["-m", "ipykernel_launcher"])

        async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> dict:
            if not self._forkable(cmd):
                return await super().launch_kernel(cmd, **kwargs)
            env = dict(kwargs.get("env") or os.environ)
            env["JPY_PARENT_PID"] = str(os.getpid())  # as jupyter_client's launcher sets it
            quiet = kwargs.get("stderr") == subprocess.DEVNULL
            try:
                pid = self.zygote.start(cmd[3:], env, kwargs.get("cwd"), quiet)
            except (ZygoteError, OSError):  # no zygote, or it could not fork: a kernel of its own
                return await super().launch_kernel(cmd, **kwargs)
            self.process = ForkedProcess(self.zygote, pid)
            self.pid, self.pgid = pid, None  # signals go through the zygote, to the kernel's process group
            self.cwd = kwargs.get("cwd")
            return self.connection_info

    class WarmKernelManager(AsyncKernelManager):
        """An asynchronous kernel manager whose kernels are forked by :attr:`zygote` (a class attribute)."""

        zygote: Zygote | None = None

        async def _async_pre_start_kernel(self, **kw: Any):
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
            if self.provisioner is None:
                self.provisioner = ForkedProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec,
                                                     parent=self)
                self.provisioner.zygote = self.zygote
            return await super()._async_pre_start_kernel(**kw)

    return ForkedProvisioner, WarmKernelManager


# ---- the zygote process ------------------------------------------------------------------------------------

def _serve() -> None:  # pragma: no cover - runs in the zygote (tested through the grading runs)
    """The zygote: import, report ready, then fork a kernel per request until the parent closes the pipe."""
    requests, replies, errors = os.dup(0), os.dup(1), os.dup(2)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):  # whatever an import prints must reach neither the parent's pipe nor its terminal
        os.dup2(devnull, fd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the zygote by closing its pipe

    def reply(**message: Any) -> None:
        data = json.dumps(message).encode() + b"\n"
        while data:
            data = data[os.write(replies, data):]

    environ = dict(os.environ)
    try:
        import importlib

        for name in PRELOAD:
            importlib.import_module(name)
        from crmsim import i18n

        i18n.load_all()
        if threading.active_count() != 1:
            raise RuntimeError("an import started a thread: forking is not safe")
    except BaseException as exc:  # noqa: BLE001 - any failure means: use ordinary kernels
        reply(error=f"{type(exc).__name__}: {exc}")
        return
    # variables the imports set for themselves (debugpy's PYDEVD_USE_FRAME_EVAL): a fresh kernel has them too
    imported_environ = {k: v for k, v in os.environ.items() if environ.get(k) != v}
    reply(ready=True)
    children: dict[int, int | None] = {}

    def reap() -> None:
        while children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            children[pid] = os.waitstatus_to_exitcode(status)

    reader = os.fdopen(requests, "rb")
    for line in reader:
        reap()
        try:
            message = json.loads(line)
            op, pid = message["op"], message.get("pid")
            if op == "start":
                pid = os.fork()
                if pid == 0:
                    _become_kernel(message, imported_environ, requests, replies, errors, devnull)
                children[pid] = None
                reply(pid=pid)
            elif op == "poll":
                reply(code=children.get(pid, 0))
            elif op == "signal":
                if children.get(pid, 0) is None:  # ours and not reaped: the id is still this kernel's
                    try:
                        os.killpg(pid, message["signum"])
                    except OSError:
                        os.kill(pid, message["signum"])
                reply(done=True)
            else:
                reply(error=f"unknown request {op!r}")
        except Exception as exc:  # noqa: BLE001 - one bad request is that request's problem
            reply(error=f"{type(exc).__name__}: {exc}")
    for pid, code in children.items():  # the parent is gone: so are its kernels
        if code is None:
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
    for pid, code in children.items():
        if code is None:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


def _become_kernel(message: dict, imported_environ: dict[str, str], requests: int, replies: int, errors: int,
                   devnull: int) -> None:  # pragma: no cover - in the child
    """In a forked child: become ``python -m ipykernel_launcher <argv>`` in the requested folder and environment."""
    code = 1
    try:
        os.setsid()  # a session of its own, as jupyter_client starts kernels, so interrupts reach its group
        for signum in (signal.SIGCHLD, signal.SIGTERM):
            signal.signal(signum, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        # stdin and stdout as the zygote has them (nothing), stderr the parent's unless the manager asked for none
        os.dup2(devnull if message["quiet"] else errors, 2)
        for fd in (requests, replies, errors, devnull):  # the student's code has no business with the zygote's pipes
            os.close(fd)
        os.chdir(message["cwd"])
        os.environ.clear()
        os.environ.update(message["env"])
        os.environ.update(imported_environ)
        sys.path[0] = os.getcwd()  # what `python -m` puts first (the launcher takes it out again)
        if "numpy.random" in sys.modules:  # a fresh kernel seeds numpy's global generator from the system
            sys.modules["numpy.random"].seed()
        import runpy

        # the kernel stops if the zygote does (a fresh kernel watches its own parent); ipywidgets, imported in
        # the zygote where no kernel was running, registers its comm targets as it does on import in a kernel
        sys.argv = ["ipykernel_launcher", *message["argv"], f"--IPKernelApp.parent_handle={os.getppid()}",
                    *(["--IPKernelApp.extra_extensions=['ipywidgets']"] if "ipywidgets" in sys.modules else [])]
        runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001
        import traceback

        traceback.print_exc()
    finally:
        try:
            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    _serve()
