#!/usr/bin/env bash
# Checks the Debian package `make dist` built, as its files will be installed: the desktop entry
# (desktop-file-validate), the AppStream metainfo (appstreamcli, without the network), both
# programs present and runnable, the package's dependencies, and no trace of the end-to-end
# tests' dialog answer in the app. Prints the package's size. Usage: check-package.sh FILE.deb
set -euo pipefail
deb="$1"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"

desktop="$root/usr/share/applications/Konbit.desktop"
metainfo="$root/usr/share/metainfo/org.konbit.app.metainfo.xml"
desktop-file-validate "$desktop"
grep -q '^GenericName\[fr\]=' "$desktop"
grep -q '^Comment\[fr\]=' "$desktop"
appstreamcli validate --no-net --pedantic "$metainfo"

for program in konbit konbit-app; do
  [ -x "$root/usr/bin/$program" ] || { echo "check-package: /usr/bin/$program is missing" >&2; exit 1; }
done
"$root/usr/bin/konbit" --version
! grep -qa KONBIT_E2E_DIALOG "$root/usr/bin/konbit-app"

depends="$(dpkg-deb -f "$deb" Depends)"
for needed in libwebkit2gtk-4.1-0 libgtk-3-0; do
  case "$depends" in *"$needed"*) ;; *) echo "check-package: Depends lacks $needed: $depends" >&2; exit 1 ;; esac
done
echo "check-package: $(basename "$deb") is $(du -k "$deb" | cut -f1) KB; Depends: $depends"
