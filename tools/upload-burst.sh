#!/usr/bin/env bash
# Pages during a burst of uploads (docs/benchmarks.md): how fast a page answers with no uploads, then while UPLOADERS
# students send 12 MP phone photos through the JSON API again and again for SECONDS, and how the uploads were answered.
# Against an app started by ./photocollect run (dev tools on: SMS codes and collection codes are read from its dev
# pages). Each run signs UPLOADERS demo students of 北方示范大学 in again (the SMS limit is 20 codes per address an hour).
# usage: tools/upload-burst.sh [BASE_URL] [UPLOADERS] [SECONDS]
set -euo pipefail

BASE=${1:-http://127.0.0.1:${PHOTOCOLLECT_PORT:-5080}}
UPLOADERS=${2:-8}
DURATION=${3:-40}
SCHOOL=$BASE/s/beifang
API=$SCHOOL/api/v1
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { printf '[upload-burst] %s\n' "$*" >&2; }

command -v wrk >/dev/null || { say "installing wrk"; apt-get install -y -qq wrk >/dev/null; }
work=$(mktemp -d)
trap 'jobs -p | xargs -r kill 2>/dev/null; rm -rf "$work"' EXIT

say "making the benchmark photo (3000×4000, about 3 MB)"
dotnet build "$ROOT/tools/VisionLab/VisionLab.csproj" -c Release -v quiet -nologo >/dev/null
PHOTOCOLLECT_SHARED="${PHOTOCOLLECT_SHARED:-$ROOT/../shared}" \
  dotnet "$ROOT/tools/VisionLab/bin/Release/net10.0/Photocollect.VisionLab.dll" photo "$work/photo.jpg"

json() { curl -sf -X POST -H 'Content-Type: application/json' "$@"; }

# A demo student through the API up to the camera; prints a bearer token.
student() {
  local i=$1 phone code token record
  phone=$(printf '1390077%04d' "$i")
  json -d "{\"phone\":\"$phone\"}" "$API/auth/code" >/dev/null
  code=$(curl -sf "$BASE/dev/sms" | grep "data-phone=\"$phone\"" | grep -o '验证码为[0-9]\{6\}' | head -n 1 | grep -o '[0-9]\{6\}') ||
    { say "no SMS code for $phone: is the app running with dev tools on (./photocollect run)?"; exit 1; }
  token=$(json -d "{\"phone\":\"$phone\",\"code\":\"$code\",\"agree\":true}" "$API/auth/token" | grep -o '"accessToken":"[^"]*"' | cut -d'"' -f4)
  record=$(curl -sf "$SCHOOL/dev/codes" | grep -o 'data-code>[^<]*' | sed -n "$((i + 1))p" | cut -c11-)
  json -H "Authorization: Bearer $token" -d "{\"code\":\"$record\"}" "$API/collection/code" >/dev/null
  json -H "Authorization: Bearer $token" -d '{"featureCode":"sv8s65"}' "$API/collection/verify" >/dev/null
  json -H "Authorization: Bearer $token" -d '{"faceConsent":true}' "$API/collection/standards" >/dev/null
  echo "$token"
}

# Uploads until the time is up; a 503 waits its Retry-After, as the upload script does.
uploads() {
  local token=$1 log=$2 end=$((SECONDS + DURATION)) answer
  while [ "$SECONDS" -lt "$end" ]; do
    answer=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $token" \
      -F "photo=@$work/photo.jpg;type=image/jpeg" "$API/collection/photos")
    echo "$answer" >>"$log"
    [ "${answer%% *}" = 503 ] && sleep 2
  done
}

# Latency of a page (the sign-in page, HTML) and of the API (campaign, bearer token and a query), 4 connections each.
pages() {
  local seconds=$1 token=$2 what
  for what in "$SCHOOL/login" "$API/campaign"; do
    printf '  %-45s' "${what#"$BASE"}"
    wrk -t1 -c4 -d"$seconds"s --latency -H "Authorization: Bearer $token" "$what" |
      awk '/^ +50%/ {p50=$2} /^ +90%/ {p90=$2} /^ +99%/ {p99=$2} /Requests\/sec/ {rps=$2} END {printf "p50 %s  p90 %s  p99 %s  %s req/s\n", p50, p90, p99, rps}'
  done
}

say "signing in $UPLOADERS students"
tokens=()
for i in $(seq 0 $((UPLOADERS - 1))); do tokens+=("$(student "$i")"); done

echo "no uploads:"
pages 8 "${tokens[0]}"
for i in "${!tokens[@]}"; do uploads "${tokens[$i]}" "$work/uploads-$i.log" & done
sleep 3  # the burst is under way
echo "while $UPLOADERS students upload:"
pages $(((DURATION - 6) / 2)) "${tokens[0]}"
wait
cat "$work"/uploads-*.log >"$work/all.log"
echo "uploads in ${DURATION}s: $(wc -l <"$work/all.log") answered, by status: $(cut -d' ' -f1 "$work/all.log" | sort | uniq -c | awk '{printf "%s×%s ", $2, $1}')"
echo "upload answer time, 200s (p50 / p95 / max, s): $(awk '$1 == 200 {print $2}' "$work/all.log" | sort -n | awk '{v[NR]=$1} END {if (NR) {h=int(NR*0.95)+1; if (h>NR) h=NR; printf "%.2f / %.2f / %.2f", v[int(NR*0.5)+1], v[h], v[NR]}}')"
