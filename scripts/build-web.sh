#!/usr/bin/env bash
# build-web.sh - installs the web UI's npm packages when needed and builds
# web/dist (served by the pagalba binary). Rebuilds only when a source file
# is newer than the last build.
set -euo pipefail
cd "$(dirname "$0")/../web"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
	echo "web: installing npm packages"
	if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
	touch node_modules
fi
stamp=dist/.built
if [ -f "$stamp" ] && [ -z "$(find src index.html package.json vite.config.* tsconfig*.json scripts -newer "$stamp" 2>/dev/null | head -1)" ]; then
	exit 0
fi
echo "web: building"
npm run build --silent
touch "$stamp"
