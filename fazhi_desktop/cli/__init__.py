"""The command line, for scripting and for data exchange between offices.

`fazhi-desktop [--db FILE]` opens the window; `fazhi-desktop [--db FILE] COMMAND ...` runs a
command on the same core. Exit status: 0 done, 1 the data file or an output could not be used,
2 input refused (the problems in Chinese on stderr, nothing written).
Each group of commands lives in its own module with a `register(subparsers)` function.

No traceback ever reaches stderr (`run`): a refusal prints its problems (exit 2), a known fault
its Chinese sentence from core/faults.py (exit 1), anything else goes with its traceback to the
error log in the data folder (core/errorlog.py) and stderr names that file (exit 1). A reader
that closes our output early (`dump | head`) ends the command quietly with 141, as SIGPIPE does
for other tools; Ctrl+C prints 已中断 and exits 130.
"""
from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from itertools import accumulate
from typing import Optional
from pathlib import Path

from .. import APP_NAME, __version__

# Modules under fazhi_desktop.cli that add commands; each has register(subparsers).
COMMAND_MODULES = ("records", "profile", "stats", "safety", "report", "ledgers", "render",
                   "typeset", "package", "recycle", "erase")

EXIT_OK, EXIT_FAILED, EXIT_REFUSED = 0, 1, 2
EXIT_PIPE_CLOSED, EXIT_INTERRUPTED = 141, 130

# A JSON input larger than this is refused before it is read. 100,000 proposals with replies of
# ~2,600 characters (bench/make_data.py) are ~870 MB of UTF-8: a bureau's ten years in one file
# must fit (issue 16). Parsing costs a few times the file's size in memory.
MAX_JSON_BYTES = 1536 * 1024 * 1024
# Records nest a few levels (a case, its parties); deeper input is not a record, and Python's
# JSON reader would run out of stack on it.
MAX_JSON_DEPTH = 64

# argparse's English, as it formats its errors -> Chinese (message templates, in order).
_ARGPARSE_PHRASES = (
    (re.compile(r"^argument (\S+): "), r"参数 \1："),
    (re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)"),
     lambda m: f"无效的选项“{m[1]}”（可选：{m[2].replace(chr(39), '').replace(', ', '、')}）"),
    (re.compile(r"invalid (\w+) value: '([^']*)'"),
     lambda m: f"“{m[2]}”不是有效的{_VALUE_WORDS.get(m[1], '值')}"),
    (re.compile(r"the following arguments are required: "), "缺少参数："),
    (re.compile(r"unrecognized arguments: "), "无法识别的参数："),
    (re.compile(r"expected one argument"), "需要一个参数"),
    (re.compile(r"expected at least one argument"), "至少需要一个参数"),
    (re.compile(r"ambiguous option: (\S+) could match (.*)"), r"选项\1不明确，可能是\2"),
    (re.compile(r"not allowed with argument (\S+)"), r"不能与参数\1同时使用"),
    (re.compile(r"ignored explicit argument '([^']*)'"), r"多余的值“\1”"),
)
_VALUE_WORDS = {"int": "整数", "float": "数字"}


def chinese_argparse_message(message: str) -> str:
    for pattern, replacement in _ARGPARSE_PHRASES:
        message = pattern.sub(replacement, message)
    return message


def year_argument(text: str) -> int:
    """argparse type for --year: a year in core/years.py's range, refused in Chinese."""
    from ..core.years import parse_year

    try:
        return parse_year(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with its fixed phrases in Chinese and exit status 2 on a usage error."""

    def __init__(self, *args, **kwargs):
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def format_usage(self):
        return super().format_usage().replace("usage: ", "用法：", 1)

    def format_help(self):
        return super().format_help().replace("usage: ", "用法：", 1)

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(EXIT_REFUSED, f"{self.prog}：错误：{chinese_argparse_message(message)}\n")


# Which module registers each command: a start parses only the module of the command it runs
# (importing all of them, and the document types, fonts and ledgers they name, cost ~0.15 s of
# every start, the window's included; issue 16). tests/cli checks this against COMMAND_MODULES.
COMMAND_OWNERS = {
    "add": "records", "dump": "records", "profile": "profile", "stats": "stats",
    "check": "safety", "backup": "safety", "backups": "safety", "restore": "safety",
    "report": "report", "export": "ledgers", "import": "ledgers", "template": "ledgers",
    "render": "render", "typeset": "typeset", "import-replies": "typeset", "package": "package",
    "delete": "recycle", "erase": "erase",
}


def build_parser(argv: Optional[list] = None) -> argparse.ArgumentParser:
    """The parser; given the command line, with only the commands it can need (none when it
    opens the window, the one it names, all of them for help and for an unknown word)."""
    parser = ChineseArgumentParser(
        prog="fazhi-desktop", description=f"{APP_NAME}：不带命令时打开程序窗口。")
    parser.add_argument("--db", metavar="FILE", help="数据文件（默认：用户数据目录；也可用环境变量 FAZHI_DB）")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                        help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)
    for name in _modules_for(argv):
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def _modules_for(argv: Optional[list]) -> tuple:
    if argv is None or any(a in ("-h", "--help") for a in argv):
        return COMMAND_MODULES
    words = list(argv)
    while words and words[0].startswith("-"):  # the top-level options before the command
        option = words.pop(0)
        if option == "--db" and words:
            words.pop(0)
    if not words:
        return ()  # the window (or --version)
    owner = COMMAND_OWNERS.get(words[0])
    return (owner,) if owner else COMMAND_MODULES


def _utf8_streams() -> None:
    # backslashreplace: a character that cannot be encoded is shown escaped, never a crash.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
        except (AttributeError, ValueError):
            pass


def run(argv: list) -> int:
    """Parse and run one command (none: open the window); the exit status. Never raises but
    SystemExit, never prints a traceback."""
    _utf8_streams()
    args = None
    try:
        parser = build_parser(argv)
        args = parser.parse_args(argv)
        from ..core import errorlog

        # Before anything runs: an error logged on the way ("fazhi_desktop" logger) goes to the
        # file, not to stderr through logging's last-resort handler (nothing is created unless
        # something is written).
        errorlog.install(data_file_of(args.db).parent)
        if not args.command:
            from ..gui.launch import launch_gui

            return launch_gui(db=args.db)
        status = args.handler(args) or EXIT_OK
        if sys.stdout is not None:  # None in a windowed bundle
            sys.stdout.flush()  # a closed pipe shows here, not at exit
        return status
    except SystemExit:
        raise
    except BaseException as exc:  # noqa: BLE001 -- the one place every fault is turned into words
        return report_fault(exc, getattr(args, "db", None))


def report_fault(exc: BaseException, db_option=None) -> int:
    """Print the Chinese words for `exc` on stderr (logging unexpected ones); the exit status."""
    from ..core import errorlog, faults
    from ..core.errors import ValidationError

    if faults.is_broken_pipe(exc):
        _silence_stdout()
        return EXIT_PIPE_CLOSED
    if isinstance(exc, KeyboardInterrupt):
        _say("已中断。")
        return EXIT_INTERRUPTED
    if isinstance(exc, ValidationError):
        _say("已拒绝，未写入任何内容：")
        for line in exc.problems:
            _say(f"  {line}")
        return EXIT_REFUSED
    if isinstance(exc, InterruptedError):  # a cancel: its message is the whole story
        _say(str(exc))
        return EXIT_FAILED
    data_file = data_file_of(db_option)
    message = faults.message_for(exc, data_file=data_file)
    if message is None:
        log = errorlog.record_crash(exc, data_file.parent, "命令行")
        message = errorlog.crash_message(log)
    _say(message)
    return EXIT_FAILED


def data_file_of(db_option=None) -> Path:
    """The data file a command names (--db, FAZHI_DB, the default), without creating anything."""
    from ..paths import DB_FILENAME, ENV_DB, app_data_dir

    chosen = db_option or os.environ.get(ENV_DB)
    return Path(chosen).expanduser() if chosen else app_data_dir() / DB_FILENAME


def _say(line: str) -> None:
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError):  # stderr closed too: nobody to tell
        pass


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at the null device so that the interpreter's final
    flush does not complain (Python's documented recipe for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def open_registry(args, *, write: bool = True, missing_ok: bool = False):
    """The registry on the file chosen by --db / FAZHI_DB / the default.

    write=True: under the single-writer lock the window takes (another command is waited for a
    few seconds, then 「另一程序正在写入，请稍后重试」, exit 1); a new file is created and an old
    one upgraded after a backup. write=False, for commands that only read: opened read-only,
    nothing created, upgraded or changed; a missing, empty or older file is refused (exit 1),
    or with missing_ok a missing file reads as an empty register (import --dry-run).
    """
    from ..core.access import open_for_reading, open_for_writing
    from ..paths import resolve_db_path

    path = resolve_db_path(args.db, create_folder=write)
    return open_for_writing(path) if write else open_for_reading(path, missing_ok=missing_ok)


def read_json_file(path: str, what: str = "文件"):
    """Parse a JSON file, turning every failure into a ValidationError in Chinese."""
    import json

    from ..core.errors import ValidationError

    from ..core.faults import os_error_message

    try:
        size = os.path.getsize(path)
        if size > MAX_JSON_BYTES:
            raise ValidationError([f"{what}“{path}”过大（{size // 1024 // 1024} MB，上限"
                                   f"{MAX_JSON_BYTES // 1024 // 1024} MB），请分成几个文件导入"])
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        reason = os_error_message(exc) or "无法读取该文件"
        raise ValidationError([f"无法读取{what}“{path}”：{reason}"]) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError([f"{what}“{path}”不是UTF-8编码的文本文件（第{exc.start + 1}字节无法解码）"]) from exc
    depth = json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise ValidationError([f"{what}“{path}”嵌套层数过多（{depth}层，记录不超过"
                               f"{MAX_JSON_DEPTH}层），不是有效的记录文件"])
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            [f"{what}“{path}”不是有效的JSON：第{exc.lineno}行第{exc.colno}列，{_json_reason(exc.msg)}"]) from exc
    except ValueError as exc:  # an integer of thousands of digits (Python's int_max_str_digits)
        raise ValidationError([f"{what}“{path}”中有位数过多的数字，不是有效的记录"]) from exc
    except RecursionError as exc:  # the depth scan should have caught it; never a traceback
        raise ValidationError([f"{what}“{path}”嵌套层数过多，不是有效的记录文件"]) from exc


# Strings (unrolled: no alternation per character), then everything but brackets.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def json_depth(text: str) -> int:
    """How deep the brackets of a JSON text nest (strings skipped), without parsing it.

    Done by regular expressions and itertools in C: the same answer as walking the tokens in
    Python, 2.4 times faster (1 s of an `add` of 10,000 replies before; issue 16)."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    return max(0, max(accumulate(map(_BRACKET_STEP.__getitem__, brackets)), default=0))


def _json_reason(msg: str) -> str:
    table = {
        "Expecting value": "此处应为一个值",
        "Expecting property name enclosed in double quotes": "属性名应使用英文双引号",
        "Expecting ',' delimiter": "缺少逗号",
        "Expecting ':' delimiter": "缺少冒号",
        "Extra data": "末尾有多余内容",
        "Unterminated string starting at": "字符串缺少结束引号",
        "Invalid control character at": "字符串中有非法控制字符",
    }
    return table.get(msg, msg)


def print_json(value) -> None:
    import json

    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")
