# shellcheck shell=sh
# Where packaging/build-deb puts the package, for the scripts that check and exercise it.

# built_deb REPO_ROOT: prints ../jdaemon_<version of debian/changelog>_<architecture>.deb beside
# REPO_ROOT, where dpkg-buildpackage writes it (the package holds a JNI library: one per architecture).
built_deb() {
    echo "$(dirname "$1")/jdaemon_$(dpkg-parsechangelog -l "$1/debian/changelog" -S Version)_$(dpkg --print-architecture).deb"
}
