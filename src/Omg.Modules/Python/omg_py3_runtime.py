"""Omg's py3 runtime: runs SysInspect py3 modules under the host's CPython.

Run as ``python3 -I omg_py3_runtime.py``. It reads one module request (SysInspect's
seed-004 contract) as JSON on stdin and writes exactly one JSON response on stdout,
in the shape SysInspect's ``runtime.py3`` gives:

* ``arguments["rt.mod"]`` names the module, ``nested.reader`` being
  ``<sharelib>/lib/runtime/python3/nested/reader.py``; the sharelib is
  ``config["path.sharelib"]`` (default ``/usr/share/sysinspect``).
* The module sees ``log`` (error/warn/info/debug), ``host`` (trait/has/paths/path),
  ``packagekit`` and ``__module_name`` as globals, with the scripts directory and its
  ``site-packages`` on ``sys.path``; ``run(req)`` gets ``{"args", "opts", "config",
  "ext", "host"}`` with the ``rt.*`` names taken out of args and opts.
* Success is retcode 0, message "Called Python module successfully." and data
  ``{"changed": true, "data": <run's return>, "__sysinspect-module-logs": [...]}``;
  the logs are the module's log lines when option ``rt.logs`` is set, else ``[]``
  (and the lines go to stderr instead).
* Option ``rt.list`` lists the scripts: data ``{"changed": false, "modules": [...]}``.
  With the argument ``rt.man: true`` as well, data also has ``docs`` (name -> doc)
  and ``errors`` (name -> why its doc could not be read): Omg's addition, one process
  for the whole catalog.
* The argument ``rt.man: true`` with ``rt.mod`` returns that module's ``doc`` (a dict,
  or a function returning one) as data, beside ``"changed": false``.
* Any failure is retcode 1 with a message saying what failed, and data
  ``{"changed": false}``; a traceback, when there is one, goes to stderr.

Whatever the module prints, to sys.stdout or to file descriptor 1 (a subprocess, a C
extension), goes to stderr: descriptor 1 is kept for the response alone.

Python 3.9+ and the standard library only.
"""

import json
import os
import sys
import time
import types

RT_PREFIX = "rt."
OPT_LIST = "rt.list"
OPT_LOGS = "rt.logs"
ARG_MODULE = "rt.mod"
ARG_MANUAL = "rt.man"
LOGS_FIELD = "__sysinspect-module-logs"
DEFAULT_SHARELIB = "/usr/share/sysinspect"
SCRIPTS_SUBDIR = os.path.join("lib", "runtime", "python3")
# Fields the runtime itself consumes; any other top-level field is passthrough ext.
KNOWN_FIELDS = ("arguments", "args", "options", "opts", "config", "host", "ext", "timeout", "quiet")


class RuntimeFailure(Exception):
    """A failure that becomes the response's message."""


class ModuleUnreadable(RuntimeFailure):
    """The module's file is not there, not readable, or its name is not a module name."""


def response(retcode, message, data):
    return {"retcode": retcode, "message": message, "data": data}


def failure(message):
    return response(1, message, {"changed": False})


# ---------------------------------------------------------------- request


def parse_request(raw):
    try:
        request = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise RuntimeFailure("Arguments error: the request is not valid JSON: %s" % err)
    if not isinstance(request, dict):
        raise RuntimeFailure("Arguments error: the request must be a JSON object")

    def section(name, alias, kind, kind_name):
        if name in request and alias in request:
            raise RuntimeFailure("Arguments error: both '%s' and '%s' are given" % (name, alias))
        value = request.get(name, request.get(alias))
        if value is None:
            return kind()
        if not isinstance(value, kind):
            raise RuntimeFailure("Arguments error: '%s' must be %s" % (name, kind_name))
        return value

    arguments = section("arguments", "args", dict, "an object")
    options = section("options", "opts", list, "a list")
    config = request.get("config")
    if config is None:
        config = {}
    if not isinstance(config, dict):
        raise RuntimeFailure("Arguments error: 'config' must be an object")
    ext = request.get("ext")
    if ext is None:
        ext = {}
    if not isinstance(ext, dict):
        raise RuntimeFailure("Arguments error: 'ext' must be an object")

    # Top-level passthrough fields win over an explicit ext of the same name, as in SysInspect.
    ext = dict(ext)
    for key, value in request.items():
        if key not in KNOWN_FIELDS:
            ext[key] = value

    config = dict(config)
    if not isinstance(config.get("path.sharelib"), str):
        config["path.sharelib"] = DEFAULT_SHARELIB
    host = request.get("host")
    return {
        "arguments": arguments,
        "options": options,
        "config": config,
        "ext": ext,
        "host": {} if host is None else host,
    }


def has_option(request, name):
    return any(isinstance(opt, str) and opt == name for opt in request["options"])


def module_request(request):
    """The ``req`` a module's run() gets: SysInspect's five sections, rt.* names taken out."""
    return {
        "args": {k: v for k, v in request["arguments"].items() if not k.startswith(RT_PREFIX)},
        "config": request["config"],
        "opts": [o for o in request["options"] if isinstance(o, str) and not o.startswith(RT_PREFIX)],
        "ext": request["ext"],
        "host": request["host"],
    }


# ---------------------------------------------------------------- helpers given to modules


class Logger:
    """The module's ``log``: lines in SysInspect's format, kept for rt.logs or sent to stderr."""

    def __init__(self, modname, keep):
        self.modname = modname or "Python module"
        self.keep = keep
        self.lines = []

    def _write(self, level, args):
        stamp = time.strftime("%d/%m/%Y %H:%M:%S", time.localtime())
        line = "[%s] - %s: [%s] %s" % (stamp, level, self.modname, " ".join(map(str, args)).strip())
        if self.keep:
            self.lines.append(line)
        else:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()

    def error(self, *args):
        self._write("ERROR", args)

    def warn(self, *args):
        self._write("WARN", args)

    def info(self, *args):
        self._write("INFO", args)

    def debug(self, *args):
        self._write("DEBUG", args)


class Host:
    """The module's ``host``: read-only views of the request's host section."""

    def __init__(self, req):
        self._req = req

    def _section(self, name):
        host = self._req.get("host")
        value = host.get(name) if isinstance(host, dict) else None
        return value if isinstance(value, dict) else {}

    def trait(self, name):
        return self._section("traits").get(name)

    def has(self, name):
        return name in self._section("traits")

    def paths(self):
        return self._section("paths")

    def path(self, name):
        return self._section("paths").get(name)


class PackageKit:
    """SysInspect's ``packagekit`` helper. Omg has no PackageKit bridge for py3 modules, so it is never available."""

    def available(self):
        return False

    def _unsupported(self, *_args, **_kwargs):
        raise RuntimeError("packagekit is not available in Omg's py3 runtime")

    status = history = packages = install = remove = upgrade = _unsupported


# ---------------------------------------------------------------- modules


def is_valid_module_name(name):
    return bool(name) and all(
        part and all(ch.isascii() and (ch.isalnum() or ch == "_") for ch in part) for part in name.split(".")
    )


def module_path(scripts_dir, name):
    if not is_valid_module_name(name):
        raise ModuleUnreadable("invalid python module name '%s'" % name)
    return os.path.join(scripts_dir, *name.split(".")) + ".py"


def read_module_code(scripts_dir, name):
    path = module_path(scripts_dir, name)
    try:
        with open(path, "r", encoding="utf-8") as handle:
            return path, handle.read()
    except OSError as err:
        raise ModuleUnreadable("failed to read python file '%s': %s (os error %s)" % (path, err.strerror, err.errno))
    except UnicodeDecodeError as err:
        raise ModuleUnreadable("failed to read python file '%s': %s" % (path, err))


def prepare_path(scripts_dir):
    for entry in (scripts_dir, os.path.join(scripts_dir, "site-packages")):
        if entry not in sys.path:
            sys.path.append(entry)


def load_module(name, path, code, req, logger):
    """Executes a module's source with SysInspect's globals preinstalled; returns its namespace."""
    module = types.ModuleType(name)
    module.__file__ = path
    module.__package__ = name.rpartition(".")[0]
    module.__dict__.update(
        {
            "log": logger,
            "host": Host(req),
            "packagekit": PackageKit(),
            "__module_name": name,
            "_sysinspect_req": req,
        }
    )
    # Registered so that dataclasses, pickle and friends find it, unless that would hide another module.
    if name not in sys.modules:
        sys.modules[name] = module
    try:
        compiled = compile(code, path, "exec")
    except SyntaxError as err:
        raise RuntimeFailure("Unable to compile source code for %s: %s" % (name, describe(err)))
    try:
        exec(compiled, module.__dict__)
    except BaseException as err:
        report_traceback()
        raise RuntimeFailure('Error running Python module "%s": %s' % (name, describe(err)))
    return module.__dict__


def describe(err):
    """One line: the exception's type and message, as the last line of its traceback."""
    if isinstance(err, SyntaxError):
        return "%s: %s (%s, line %s)" % (type(err).__name__, err.msg, err.filename, err.lineno)
    text = str(err)
    return "%s: %s" % (type(err).__name__, text) if text else type(err).__name__


def report_traceback():
    # Imported here: traceback costs milliseconds at start-up and is only wanted after a failure.
    import traceback

    sys.stderr.write(traceback.format_exc())
    sys.stderr.flush()


def to_json(value):
    try:
        return json.loads(json.dumps(value, allow_nan=False))
    except (TypeError, ValueError, RecursionError) as err:
        raise RuntimeFailure("Unable to serialise Python value to JSON: %s" % err)


def module_doc(scripts_dir, name):
    """A module's doc as SysInspect's runtime reads and checks it; RuntimeFailure when missing or malformed."""
    path, code = read_module_code(scripts_dir, name)
    namespace = load_module(name, path, code, {}, Logger(name, keep=False))
    doc = namespace.get("doc", {})
    if callable(doc):
        try:
            doc = doc()
        except BaseException as err:
            report_traceback()
            raise RuntimeFailure("Error calling doc() in Python module \"%s\": %s" % (name, describe(err)))
    doc = to_json(doc)
    # SysInspect unwraps {"doc": {...}} written by mistake around the documentation itself.
    while isinstance(doc, dict) and len(doc) == 1 and "doc" in doc:
        doc = doc["doc"]
    validate_doc(doc)
    return doc


def validate_doc(doc):
    """SysInspect's validate_module_doc: the same rules and the same messages."""

    def string(value, path):
        if not isinstance(value, str):
            raise RuntimeFailure("%s must be a string" % path)

    def muted(value):
        return isinstance(value, dict) and not value

    if not isinstance(doc, dict):
        raise RuntimeFailure("doc must be an object")
    for field in ("name", "description"):
        if field not in doc:
            raise RuntimeFailure("doc.%s is required" % field)
        string(doc[field], "doc." + field)
    for field in ("version", "author"):
        if field in doc:
            string(doc[field], "doc." + field)

    def items(field, required, optional_strings, optional_bools=()):
        value = doc.get(field)
        if field not in doc or muted(value):
            return
        if not isinstance(value, list):
            raise RuntimeFailure("doc.%s must be an array" % field)
        for index, item in enumerate(value):
            path = "doc.%s[%d]" % (field, index)
            if not isinstance(item, dict):
                raise RuntimeFailure("%s must be an object" % path)
            if required not in item:
                raise RuntimeFailure("%s.%s is required" % (path, required))
            string(item[required], "%s.%s" % (path, required))
            for key in optional_strings:
                if key in item:
                    string(item[key], "%s.%s" % (path, key))
            for key in optional_bools:
                if key in item and not isinstance(item[key], bool):
                    raise RuntimeFailure("%s.%s must be a boolean" % (path, key))

    items("arguments", "name", ("type", "description"), ("required",))
    items("options", "name", ("description",))
    items("examples", "code", ("description",))
    returns = doc.get("returns")
    if "returns" in doc and not muted(returns):
        if not isinstance(returns, dict):
            raise RuntimeFailure("doc.returns must be an object")
        if "description" in returns:
            string(returns["description"], "doc.returns.description")


def list_modules(scripts_dir):
    """Every callable script name under the scripts directory, sorted; not site-packages or __pycache__."""
    names = []
    seen = set()
    for current, dirs, files in os.walk(scripts_dir, followlinks=True):
        real = os.path.realpath(current)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = [d for d in dirs if d not in ("site-packages", "__pycache__")]
        for filename in files:
            if not filename.endswith(".py"):
                continue
            relative = os.path.relpath(os.path.join(current, filename), scripts_dir)
            name = relative[: -len(".py")].replace(os.sep, ".")
            if name.split(".")[-1] == "__init__" or not is_valid_module_name(name):
                continue
            names.append(name)
    return sorted(names)


# ---------------------------------------------------------------- dispatch


def handle(raw):
    request = parse_request(raw)
    scripts_dir = os.path.join(request["config"]["path.sharelib"], SCRIPTS_SUBDIR)
    prepare_path(scripts_dir)
    arguments = request["arguments"]
    manual = arguments.get(ARG_MANUAL) is True

    if has_option(request, OPT_LIST):
        modules = list_modules(scripts_dir)
        data = {"changed": False, "modules": modules}
        if manual:
            docs, errors = {}, {}
            for name in modules:
                try:
                    docs[name] = module_doc(scripts_dir, name)
                except RuntimeFailure as err:
                    errors[name] = str(err)
            data["docs"] = docs
            data["errors"] = errors
        return response(0, "Listed available Python modules successfully.", data)

    name = arguments.get(ARG_MODULE)
    if not isinstance(name, str) or not name:
        return failure("No module name provided. Set '%s' argument properly." % ARG_MODULE)

    if manual:
        try:
            doc = module_doc(scripts_dir, name)
        except ModuleUnreadable as err:
            return failure("Failed to read Python module: %s" % err)
        except RuntimeFailure as err:
            return failure("Failed to get Python module documentation: %s" % err)
        data = {"changed": False}
        data.update(doc)
        return response(0, "Got Python module documentation successfully.", data)

    try:
        path, code = read_module_code(scripts_dir, name)
    except RuntimeFailure as err:
        return failure("Failed to read Python module: %s" % err)

    logger = Logger(name, keep=has_option(request, OPT_LOGS))
    req = module_request(request)
    try:
        namespace = load_module(name, path, code, req, logger)
        run = namespace.get("run")
        if not callable(run):
            raise RuntimeFailure("Python module must export run(req)")
        try:
            result = run(req)
        except BaseException as err:
            report_traceback()
            raise RuntimeFailure('Error calling run(req) in Python module "%s": %s' % (name, describe(err)))
        result = to_json(result)
    except RuntimeFailure as err:
        return failure("Failed to execute Python code: %s. Scripts directory: %s" % (err, scripts_dir))

    return response(
        0,
        "Called Python module successfully.",
        {"changed": True, "data": result, LOGS_FIELD: logger.lines},
    )


def take_stdout():
    """Keeps descriptor 1 for the response and points it, and sys.stdout, at stderr."""
    sys.stdout.flush()
    response_fd = os.dup(1)
    os.dup2(2, 1)
    os.set_inheritable(response_fd, False)
    return os.fdopen(response_fd, "w", encoding="utf-8")


def main():
    out = take_stdout()
    try:
        reply = handle(sys.stdin.buffer.read())
    except RuntimeFailure as err:
        reply = failure(str(err))
    except BaseException as err:  # the one response must be written whatever happened
        report_traceback()
        reply = failure("Runtime error: %s" % describe(err))
    sys.stdout.flush()
    out.write(json.dumps(reply) + "\n")
    out.flush()
    out.close()
    # A thread the module left running would keep the process alive after its answer; the answer is given.
    # (Looked up, not imported: a module that started a thread has imported threading.)
    threading = sys.modules.get("threading")
    if threading and any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        sys.stderr.flush()
        os._exit(0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
