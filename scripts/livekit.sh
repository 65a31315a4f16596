#!/usr/bin/env bash
# LiveKit server for development and tests (docs/decisions/0300-video.md).
#   bash scripts/livekit.sh path      prints the installed binary, exits 1 when it is missing
#   bash scripts/livekit.sh install   builds it with Go into the cache folder when missing (~5 min, once)
#   bash scripts/livekit.sh run       installs if needed, then serves on loopback with a generated config
# v1.13.5 is the newest release the Go module proxy offers that builds as published (later ones
# `replace` modules with forks the proxy refuses; v1.12.0 is not offered at all).
set -euo pipefail
VERSION=1.13.5
DIR="${TANDEM_LIVEKIT_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tandem-livekit}"
BIN="$DIR/bin/server"

installed() { [ -x "$BIN" ] && "$BIN" --version 2>/dev/null | grep -q "version $VERSION\$"; }

install() {
  if installed; then return; fi
  if ! command -v go >/dev/null; then
    echo "LiveKit: Go is needed to build livekit-server v$VERSION (apt-get install golang, or go.dev)." >&2
    exit 1
  fi
  echo "LiveKit: building livekit-server v$VERSION with Go into $DIR (about 5 minutes, once)…" >&2
  mkdir -p "$DIR/bin"
  GOBIN="$DIR/bin" go install "github.com/livekit/livekit-server/cmd/server@v$VERSION"
  installed || { echo "LiveKit: $BIN does not report version $VERSION" >&2; exit 1; }
}

case "${1:-}" in
  path)
    installed && echo "$BIN"
    ;;
  install)
    install
    echo "$BIN"
    ;;
  run)
    install
    key="${LIVEKIT_API_KEY:-devkey}"
    secret="${LIVEKIT_API_SECRET:-tandem-development-secret-not-for-production}"
    port="${LIVEKIT_PORT:-7880}"
    # A browser on another interface needs that interface's address here (LIVEKIT_NODE_IP).
    node_ip="${LIVEKIT_NODE_IP:-127.0.0.1}"
    app="${TANDEM_URL:-http://127.0.0.1:3000}"
    echo "LiveKit on ws://127.0.0.1:$port — start Tandem with:" >&2
    echo "  LIVEKIT_URL=ws://127.0.0.1:$port LIVEKIT_API_KEY=$key LIVEKIT_API_SECRET=$secret npm start" >&2
    exec "$BIN" --config-body "$(cat <<YAML
port: $port
bind_addresses: ["$node_ip"]
keys:
  $key: "$secret"
rtc:
  tcp_port: $((port + 1))
  udp_port: $((port + 2))
  node_ip: $node_ip
  use_external_ip: false
  enable_loopback_candidate: true
  stun_servers: ["127.0.0.1:3478"]
room:
  auto_create: true
  empty_timeout: 300
webhook:
  api_key: $key
  urls: ["$app/livekit/webhook"]
logging:
  level: ${LIVEKIT_LOG_LEVEL:-info}
YAML
)"
    ;;
  *)
    echo "usage: bash scripts/livekit.sh path|install|run" >&2
    exit 2
    ;;
esac
