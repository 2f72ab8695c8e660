# Sourced before every page's blocks by DocsRunEndToEndTest (each line is part of the page script).
# __docs_block records which block runs (the test names it when a page fails or times out);
# the ERR trap names the failing script line, which the test maps back to the page line.
__docs_block() { printf '%s\n' "$1" > "$DOCS_TEST_STATE"; }
# Background jobs a block starts (a runtime, a follower) end with the page.
trap 'jobs -p | xargs -r kill 2>/dev/null || true' EXIT
trap 'printf "docs-test: command failed (exit %s) at script line %s\n" "$?" "$LINENO" >&2; printf "%s\n" "$LINENO" > "$DOCS_TEST_STATE.line"' ERR
# docs_test_oci_layout DIR TAG: a one-layer OCI image layout at DIR, tagged TAG (the README's
# ./my-image:v1), made by hand from the image-spec's files so the docs need no other client.
docs_test_oci_layout() {
  local dir=$1 tag=$2 tmp diff_id layer config manifest
  tmp=$(mktemp -d)
  mkdir -p "$dir/blobs/sha256" "$tmp/root"
  echo "hello from $dir:$tag" > "$tmp/root/hello.txt"
  tar --sort=name --mtime=@0 --owner=0 --group=0 -C "$tmp/root" -cf "$tmp/layer.tar" hello.txt
  diff_id=$(sha256sum < "$tmp/layer.tar" | cut -d' ' -f1)
  gzip -n < "$tmp/layer.tar" > "$tmp/layer.tgz"
  layer=$(__docs_blob "$dir" "$tmp/layer.tgz")
  printf '{"architecture":"amd64","os":"linux","config":{"Cmd":["/hello.txt"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' "$diff_id" > "$tmp/config.json"
  config=$(__docs_blob "$dir" "$tmp/config.json")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json",%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip",%s}]}' "$config" "$layer" > "$tmp/manifest.json"
  manifest=$(__docs_blob "$dir" "$tmp/manifest.json")
  printf '{"imageLayoutVersion":"1.0.0"}' > "$dir/oci-layout"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json",%s,"annotations":{"org.opencontainers.image.ref.name":"%s"}}]}' "$manifest" "$tag" > "$dir/index.json"
  rm -rf "$tmp"
}
# __docs_blob DIR FILE: stores FILE under DIR/blobs/sha256, prints its descriptor's digest and size.
__docs_blob() {
  local digest size
  digest=$(sha256sum < "$2" | cut -d' ' -f1)
  size=$(stat -c %s "$2")
  cp "$2" "$1/blobs/sha256/$digest"
  printf '"digest":"sha256:%s","size":%s' "$digest" "$size"
}
