"""`profile show` and `profile set FILE.json`: the office profile (单位设置)."""
from __future__ import annotations

from . import open_registry, print_json, read_json_file


def register(sub) -> None:
    profile = sub.add_parser("profile", help="查看或设置单位信息")
    actions = profile.add_subparsers(dest="action", metavar="操作", required=True,
                                     parser_class=type(profile))
    show = actions.add_parser("show", help="输出单位设置（JSON）")
    show.set_defaults(handler=cmd_show)
    set_ = actions.add_parser("set", help="从JSON文件设置单位信息")
    set_.add_argument("file", metavar="FILE.json")
    set_.set_defaults(handler=cmd_set)


def cmd_show(args) -> int:
    with open_registry(args, write=False) as registry:
        print_json(registry.profile())
    return 0


def cmd_set(args) -> int:
    profile = read_json_file(args.file, "单位设置文件")
    with open_registry(args, write=True) as registry:
        registry.set_profile(profile)
    return 0
