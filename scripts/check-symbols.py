#!/usr/bin/env python3
"""Fails when two static libraries of the build define the same global
symbol: the linker would silently take one of them (a domain function
named like a planner function once replaced the planner's validator).

  check-symbols.py LIB.a [LIB.a ...]
"""
import subprocess
import sys

seen = {}
clash = []
for lib in sys.argv[1:]:
    out = subprocess.run(['nm', '-g', '--defined-only', lib], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in 'TDBR':
            name = parts[2]
            if name in seen and seen[name] != lib:
                clash.append(f'{name}: {seen[name]} and {lib}')
            seen.setdefault(name, lib)
for c in clash:
    print('duplicate global symbol', c)
sys.exit(1 if clash else 0)
