#!/usr/bin/env bash
# Fetch the real-face corpus (tests/corpus/real-faces.tsv) from Debian 12 packages.
#
#   tools/faces/fetch-real-faces.sh DEST
#
# For each row of the TSV: apt-get download the row's package (once, cached in
# DEST/.debs), extract exactly the row's file, check its sha256, crop it when
# the row says so, and write DEST/IDENTITY__N.EXT (EXT is the source's).
# Photos DEST already has are skipped; so is a package none of whose photos
# is missing. Run as root on Debian 12 after `apt-get update` (ImageMagick is
# installed with apt-get if a crop needs it). Exits non-zero if any photo
# could not be made.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 DEST" >&2
  exit 2
fi
DEST=$1
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TSV=${REAL_FACES_TSV:-$HERE/../../tests/corpus/real-faces.tsv}
[ -r "$TSV" ] || { echo "no corpus list at $TSV" >&2; exit 2; }

mkdir -p "$DEST/.debs"
DEST=$(cd "$DEST" && pwd)
cp "$TSV" "$DEST/real-faces.tsv"

IM=convert-im6.q16   # Debian's ImageMagick 6; a bare `convert` may be something else
need_im() {
  command -v "$IM" >/dev/null 2>&1 && return 0
  echo "installing imagemagick (for crops)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends imagemagick >/dev/null
}

out_name() { # identity n path -> file name
  local ext=${3##*.}
  printf '%s__%s.%s' "$1" "$2" "${ext,,}"
}

# Which packages still have a missing photo?
declare -A want_pkg=()
while IFS=$'\t' read -r id n pkg ver path crop sha rest; do
  [ "$id" = identity ] && continue
  [ -e "$DEST/$(out_name "$id" "$n" "$path")" ] || want_pkg[$pkg]=1
done < "$TSV"

fail=0
for pkg in "${!want_pkg[@]}"; do
  if ! ls "$DEST/.debs/${pkg}_"*.deb >/dev/null 2>&1; then
    echo "downloading $pkg" >&2
    (cd "$DEST/.debs" && apt-get download "$pkg" >/dev/null 2>&1) \
      || { echo "apt-get download $pkg failed (run apt-get update first?)" >&2; fail=1; }
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One pass over each package's archive for all of its missing files.
declare -A paths_of=()
while IFS=$'\t' read -r id n pkg ver path crop sha rest; do
  [ "$id" = identity ] && continue
  [ -e "$DEST/$(out_name "$id" "$n" "$path")" ] && continue
  paths_of[$pkg]+=".$path"$'\n'
done < "$TSV"
for pkg in "${!paths_of[@]}"; do
  deb=$(ls "$DEST/.debs/${pkg}_"*.deb 2>/dev/null | head -n1 || true)
  [ -n "$deb" ] || continue
  mkdir -p "$work/$pkg"
  printf '%s' "${paths_of[$pkg]}" | sort -u > "$work/$pkg.list"
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work/$pkg" -T "$work/$pkg.list" 2>/dev/null || true
done

made=0 kept=0
while IFS=$'\t' read -r id n pkg ver path crop sha rest; do
  [ "$id" = identity ] && continue
  out="$DEST/$(out_name "$id" "$n" "$path")"
  if [ -e "$out" ]; then kept=$((kept + 1)); continue; fi
  deb=$(ls "$DEST/.debs/${pkg}_"*.deb 2>/dev/null | head -n1 || true)
  [ -n "$deb" ] || { echo "skip $id #$n: no $pkg package" >&2; fail=1; continue; }
  have=$(dpkg-deb -f "$deb" Version)
  [ "$have" = "$ver" ] || echo "note: $pkg is $have here, the list was made with $ver" >&2
  src="$work/$pkg$path"
  if [ ! -f "$src" ]; then
    echo "skip $id #$n: $path is not in $pkg $have" >&2; fail=1; continue
  fi
  got=$(sha256sum "$src" | cut -d' ' -f1)
  if [ "$got" != "$sha" ]; then
    echo "skip $id #$n: $path in $pkg $have is not the listed file (sha256 $got)" >&2; fail=1; continue
  fi
  if [ "$crop" = - ]; then
    cp "$src" "$out.tmp"
  else
    need_im
    "$IM" "$src" -crop "$crop" +repage -quality 95 "${out##*.}:$out.tmp"
  fi
  mv "$out.tmp" "$out"
  made=$((made + 1))
done < "$TSV"

echo "real faces in $DEST: $made written, $kept already there" >&2
exit $fail
