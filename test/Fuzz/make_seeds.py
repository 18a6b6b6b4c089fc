"""Writes a seed corpus for qnn-pipeline-fuzzer: every MLIR test input
under the given folder, split at its `// -----` separators, one file per
piece (pieces over 64 KiB, which the fuzzer skips, are left out)."""
import os
import sys


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    count = 0
    for root, _, files in sorted(os.walk(src)):
        for name in sorted(files):
            if not name.endswith(".mlir"):
                continue
            with open(os.path.join(root, name), errors="replace") as f:
                text = f.read()
            for i, piece in enumerate(text.split("\n// -----\n")):
                if len(piece) > (1 << 16):
                    continue
                stem = os.path.relpath(os.path.join(root, name), src)
                path = os.path.join(out, "%s.%d" % (stem.replace("/", "_"), i))
                with open(path, "w") as f:
                    f.write(piece)
                count += 1
    print("seeds: %d" % count)


if __name__ == "__main__":
    main()
