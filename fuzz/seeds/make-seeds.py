#!/usr/bin/env python3
"""Writes the small valid files that seed the `load` and `format` fuzz targets.

    python3 fuzz/seeds/make-seeds.py      # rewrites fuzz/seeds/load/ and fuzz/seeds/format/

Standard library only (no NumPy), so that the seeds can be rebuilt anywhere; the
outputs are committed, and scripts/fuzz uses them as they are.
"""
import gzip
import io
import json
import os
import struct
import zipfile

ROOT = os.path.dirname(os.path.abspath(__file__))


def npy(descr, shape, payload, version=1, fortran=False):
    shape_text = "(%s,)" % shape[0] if len(shape) == 1 else "(" + ", ".join(map(str, shape)) + ")"
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, fortran, shape_text)
    prefix = 10 if version == 1 else 12
    total = (prefix + len(header) + 1 + 63) // 64 * 64
    header += " " * (total - prefix - len(header) - 1) + "\n"
    length = struct.pack("<H", len(header)) if version == 1 else struct.pack("<I", len(header))
    return b"\x93NUMPY" + bytes([version, 0]) + length + header.encode() + payload


def idx(code, fmt, shape, values):
    head = bytes([0, 0, code, len(shape)]) + b"".join(struct.pack(">I", s) for s in shape)
    return head + b"".join(struct.pack(">" + fmt, v) for v in values)


def safetensors(tensors, metadata=None):
    header, data = {}, b""
    for name, dtype, shape, values in tensors:
        fmt = "<f" if dtype == "F32" else "<d"
        payload = b"".join(struct.pack(fmt, v) for v in values)
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(payload)]}
        data += payload
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode()
    return struct.pack("<Q", len(text)) + text + data


def npz(members, compression):
    """A zip of .npy members with fixed dates, as numpy.savez (stored) or savez_compressed writes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0)), data, compress_type=compression)
    return buffer.getvalue()


def load_seeds():
    floats = [0.0, -1.5, 2.25, float("inf"), float("nan"), 1e-310]
    return {
        "f8-2x3.npy": npy("<f8", [2, 3], struct.pack("<6d", *floats)),
        "f4-3.npy": npy("<f4", [3], struct.pack("<3f", 1.0, -2.0, 0.5)),
        "i2-be-2x2-v2.npy": npy(">i2", [2, 2], struct.pack(">4h", 1, -2, 300, -32768), version=2),
        "u1-0x4.npy": npy("|u1", [0, 4], b""),
        "b1-scalar.npy": npy("|b1", [], b"\x01"),
        "i8-4.npy": npy("<i8", [4], struct.pack("<4q", 0, -1, 2**62, -2**63)),
        "f8-2x3-fortran.npy": npy("<f8", [2, 3], struct.pack("<6d", *floats), fortran=True),
        "stored.npz": npz([("a", npy("<f4", [3], struct.pack("<3f", 1.0, -2.0, 0.5))),
                           ("b", npy("|u1", [2, 2], bytes([1, 2, 3, 4])))], zipfile.ZIP_STORED),
        "deflated.npz": npz([("w", npy("<f8", [2, 3], struct.pack("<6d", *floats)))], zipfile.ZIP_DEFLATED),
        "labelled.csv": b"label,a,b\n0,1.5,2\n1,-3,4e2\ncat,5,6\n",
        "quoted.csv": b'label,"x, y",z\r\n"1",2,"3"\r\n2,  4 ,5\r\n',
        "numeric-labels.csv": b"a,label\n1,0.5\n2,1.5\n",
        "images-u8.idx": idx(0x08, "B", [2, 2, 2], range(8)),
        "labels-u8.idx": idx(0x08, "B", [2], [3, 7]),
        "f32.idx": idx(0x0D, "f", [3], [1.0, -0.5, 2.0]),
        "f64.idx": idx(0x0E, "d", [1, 2], [3.5, -1e300]),
        "i16.idx": idx(0x0B, "h", [2], [-5, 5]),
        "i32-rank0.idx": idx(0x0C, "i", [], [42]),
        "images-u8.idx.gz": gzip.compress(idx(0x08, "B", [2, 2, 2], range(8)), mtime=0),
        "labels-u8.idx.gz": gzip.compress(idx(0x08, "B", [2], [3, 7]), mtime=0),
        "stored-block.idx.gz": gzip.compress(idx(0x09, "b", [4], [-1, 0, 1, 127]), compresslevel=0, mtime=0),
        "two-members.idx.gz": gzip.compress(idx(0x08, "B", [3], [1, 2, 3])[:6], mtime=0)
        + gzip.compress(idx(0x08, "B", [3], [1, 2, 3])[6:], mtime=0),
        # Shaped like a network of one Dense 2 → 3 layer (what the load target loads into).
        "network-dense-2x3.safetensors": safetensors(
            [("layers.0.weight", "F32", [2, 3], [0.5] * 6), ("layers.0.bias", "F32", [3], [0.0, 1.0, -1.0])],
            {"dln.network": "dense 2 → 3"}),
        "f64-scalar.safetensors": safetensors([("x", "F64", [], [3.25]), ("empty", "F64", [0, 2], [])]),
    }


def format_seeds():
    # Bytes as the format target reads them: flags, rank, sizes, then value selectors.
    return {
        "scalar-nan": bytes([0, 0, 0xF0]),
        "vector-specials": bytes([0, 1, 7] + list(range(0xF0, 0xFF))),
        "matrix-float": bytes([1, 2, 3, 4, 0x80]) + struct.pack("<f", 1.0) + bytes([0x85]) + struct.pack("<f", 1e-45) + bytes([0xF3, 0xF5]),
        "cube-double": bytes([0, 3, 2, 2, 2]) + bytes([0xC0]) + struct.pack("<d", 1e-320) + bytes([0xF6, 0xF7]),
        "empty-wide": bytes([0, 2, 0, 255]),
        "elided": bytes([0, 2, 230, 220, 0xF1, 0xF8]),
        "rank8": bytes([1, 8, 2, 1, 2, 1, 2, 1, 2, 1, 0xF9, 0xFA]),
    }


def write(folder, files):
    path = os.path.join(ROOT, folder)
    os.makedirs(path, exist_ok=True)
    for name, data in files.items():
        with open(os.path.join(path, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    write("load", load_seeds())
    write("format", format_seeds())
