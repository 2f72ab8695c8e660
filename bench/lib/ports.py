#!/usr/bin/env python3
"""Prints the first port P (from a random start) such that P .. P+COUNT-1 are all free on 127.0.0.1.

Usage: ports.py COUNT
"""
import random
import socket
import sys


def free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def main():
    count = int(sys.argv[1])
    for _ in range(200):
        start = random.randint(20000, 60000 - count)
        if all(free(p) for p in range(start, start + count)):
            print(start)
            return
    sys.exit("no free port range found in 200 tries")


if __name__ == "__main__":
    main()
