"""Marks version needs of an ELF shared object weak (VER_FLG_WEAK), so that the dynamic linker
loads it where a library lacks those versions; the symbols are then bound to any definition,
here the compat library add_to_bundle.sh adds (cxx_compat.cpp).

    python3 weaken_versions.py FILE.so CXXABI_1.3.15 GLIBCXX_3.4.29 ...

Only 64-bit little-endian ELF (x86_64, aarch64): the bundle's architectures. Prints what it
changed; exits 1 when the file is not such an ELF or has no version needs.
"""
from __future__ import annotations

import struct
import sys

SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2


def _c_string(data: bytes, offset: int) -> str:
    end = data.index(b"\0", offset)
    return data[offset:end].decode("ascii", "replace")


def weaken(path: str, versions: set) -> list:
    with open(path, "rb") as f:
        data = bytearray(f.read())
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError(f"{path}: not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                for i in range(shnum)]
    verneed = next((s for s in sections if s[1] == SHT_GNU_VERNEED), None)
    if verneed is None:
        raise ValueError(f"{path}: no version needs (.gnu.version_r)")
    strtab_offset = sections[verneed[6]][4]
    changed, entry = [], verneed[4]
    while True:
        _version, count, file_name, aux, next_entry = struct.unpack_from("<HHIII", data, entry)
        library = _c_string(data, strtab_offset + file_name)
        position = entry + aux
        for _ in range(count):
            _hash, flags, _other, name, next_aux = struct.unpack_from("<IHHII", data, position)
            version = _c_string(data, strtab_offset + name)
            if version in versions and not flags & VER_FLG_WEAK:
                struct.pack_into("<H", data, position + 4, flags | VER_FLG_WEAK)
                changed.append(f"{library} {version}")
            if not next_aux:
                break
            position += next_aux
        if not next_entry:
            break
        entry += next_entry
    if changed:
        with open(path, "wb") as f:
            f.write(data)
    return changed


if __name__ == "__main__":
    try:
        for line in weaken(sys.argv[1], set(sys.argv[2:])):
            print(f"  weak: {line}")
    except (OSError, ValueError, struct.error) as exc:
        print(exc, file=sys.stderr)
        sys.exit(1)
