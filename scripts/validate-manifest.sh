#!/usr/bin/env bash
# Validates an Office add-in XML manifest offline against Microsoft's XSDs (Office's own validator needs the internet).
# Usage: scripts/validate-manifest.sh [manifest.xml]   (default: manifest.xml at the repo root)
# The schemas live in the shared folder beside the repo (../shared); a checkout elsewhere sets RECTIFY_SHARED_DIR.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
manifest=${1:-$repo/manifest.xml}
for candidate in "${RECTIFY_SHARED_DIR:-}" "$repo/../shared"; do
  if [ -n "$candidate" ] && [ -x "$candidate/office-manifest-schemas/validate-manifest" ]; then
    exec "$candidate/office-manifest-schemas/validate-manifest" "$manifest"
  fi
done
echo "validate-manifest: office-manifest-schemas not found in ../shared (set RECTIFY_SHARED_DIR)" >&2
exit 2
