#!/usr/bin/env python3
"""Writes an OCI image layout with fresh random tar+gzip layers, for the benchmark.

Usage: oci_image.py DIR TAG SIZE_MIB [SIZE_MIB ...]
Prints one JSON object: manifest digest, layer digests and sizes, total bytes.

Layers hold one file of os.urandom bytes (fresh every call, so nothing dedups across rounds or
registries). They are gzip streams with deflate "stored" blocks (level 0): valid gzip that skopeo
passes through untouched, and cheap to produce -- random data would not compress anyway.
Everything is streamed in 1 MiB pieces; no layer is held in memory.
"""
import hashlib
import json
import os
import sys
import tarfile
import zlib

PIECE = 1 << 20


def write_layer(blobs_dir, index, size):
    tmp = os.path.join(blobs_dir, f".layer-{index}.tmp")
    compressed = hashlib.sha256()
    uncompressed = hashlib.sha256()
    written = 0
    gz = zlib.compressobj(0, zlib.DEFLATED, 31)  # wbits 31: gzip wrapper

    with open(tmp, "wb") as out:
        def emit(raw):
            nonlocal written
            uncompressed.update(raw)
            data = gz.compress(raw)
            if data:
                compressed.update(data)
                out.write(data)
                written += len(data)

        info = tarfile.TarInfo(f"bench/layer-{index}.bin")
        info.size = size
        info.mtime = 1_700_000_000
        emit(info.tobuf(format=tarfile.USTAR_FORMAT))
        left = size
        while left > 0:
            n = min(PIECE, left)
            emit(os.urandom(n))
            left -= n
        emit(b"\0" * ((512 - size % 512) % 512) + b"\0" * 1024)
        tail = gz.flush()
        compressed.update(tail)
        out.write(tail)
        written += len(tail)

    digest = "sha256:" + compressed.hexdigest()
    os.replace(tmp, os.path.join(blobs_dir, compressed.hexdigest()))
    return {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": digest,
            "size": written}, "sha256:" + uncompressed.hexdigest()


def write_blob(blobs_dir, data):
    hexdigest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(blobs_dir, hexdigest), "wb") as out:
        out.write(data)
    return "sha256:" + hexdigest


def main():
    directory, tag, sizes = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3:]]
    blobs = os.path.join(directory, "blobs", "sha256")
    os.makedirs(blobs, exist_ok=True)
    layers, diff_ids = [], []
    for i, mib in enumerate(sizes):
        descriptor, diff_id = write_layer(blobs, i, mib << 20)
        layers.append(descriptor)
        diff_ids.append(diff_id)
    config = json.dumps({"architecture": "amd64", "os": "linux",
                         "rootfs": {"type": "layers", "diff_ids": diff_ids}}).encode()
    config_desc = {"mediaType": "application/vnd.oci.image.config.v1+json",
                   "digest": write_blob(blobs, config), "size": len(config)}
    manifest = json.dumps({"schemaVersion": 2,
                           "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": config_desc, "layers": layers}).encode()
    manifest_digest = write_blob(blobs, manifest)
    index = {"schemaVersion": 2, "manifests": [{
        "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifest_digest,
        "size": len(manifest), "annotations": {"org.opencontainers.image.ref.name": tag}}]}
    with open(os.path.join(directory, "index.json"), "w") as out:
        json.dump(index, out)
    with open(os.path.join(directory, "oci-layout"), "w") as out:
        out.write('{"imageLayoutVersion":"1.0.0"}')
    largest = max(layers, key=lambda l: l["size"])
    print(json.dumps({"manifest": manifest_digest,
                      "total": sum(l["size"] for l in layers) + len(config) + len(manifest),
                      "largest_layer": largest["digest"], "largest_size": largest["size"],
                      "layers": [l["digest"] for l in layers]}))


if __name__ == "__main__":
    main()
