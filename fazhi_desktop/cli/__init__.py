"""The command line, for scripting and for data exchange between offices.

`fazhi-desktop [--db FILE]` opens the window; `fazhi-desktop [--db FILE] COMMAND ...` runs a
command on the same core. Exit status: 0 done, 1 the data file or an output could not be used,
2 input refused (the problems in Chinese on stderr, nothing written).
Each group of commands lives in its own module with a `register(subparsers)` function.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from .. import APP_NAME, __version__

# Modules under fazhi_desktop.cli that add commands; each has register(subparsers).
COMMAND_MODULES = ("records", "profile", "stats", "safety", "report", "ledgers", "render",
                   "package", "recycle", "erase")

EXIT_OK, EXIT_FAILED, EXIT_REFUSED = 0, 1, 2


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
        message = (message.replace("the following arguments are required", "缺少参数")
                   .replace("invalid choice", "无效的选项")
                   .replace("unrecognized arguments", "无法识别的参数")
                   .replace("expected one argument", "需要一个参数"))
        self.exit(EXIT_REFUSED, f"{self.prog}：错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="fazhi-desktop", description=f"{APP_NAME}：不带命令时打开程序窗口。")
    parser.add_argument("--db", metavar="FILE", help="数据文件（默认：用户数据目录；也可用环境变量 FAZHI_DB）")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                        help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError):
            pass


def run(argv: list) -> int:
    _utf8_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        from ..gui.launch import launch_gui

        return launch_gui(db=args.db)
    from ..core.errors import FazhiError, ValidationError
    from ..core.errors import DatabaseProblem

    try:
        return args.handler(args) or EXIT_OK
    except ValidationError as exc:
        print("已拒绝，未写入任何内容：", file=sys.stderr)
        for line in exc.problems:
            print(f"  {line}", file=sys.stderr)
        return EXIT_REFUSED
    except DatabaseProblem as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED
    except FazhiError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED
    except InterruptedError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED


def open_registry(args):
    """The registry on the file chosen by --db / FAZHI_DB / the default."""
    from ..core.registry import Registry
    from ..paths import resolve_db_path

    return Registry.open(resolve_db_path(args.db))


def read_json_file(path: str, what: str = "文件"):
    """Parse a JSON file, turning every failure into a ValidationError in Chinese."""
    import json

    from ..core.errors import ValidationError

    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise ValidationError([f"无法读取{what}“{path}”：{exc.strerror or exc}"]) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError([f"{what}“{path}”不是UTF-8编码的文本文件（第{exc.start + 1}字节无法解码）"]) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            [f"{what}“{path}”不是有效的JSON：第{exc.lineno}行第{exc.colno}列，{_json_reason(exc.msg)}"]) from exc


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
