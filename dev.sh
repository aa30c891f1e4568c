#!/usr/bin/env bash
# nsexplorer developer entry point — the README's two commands.
#   ./dev.sh run    install what is missing, build, start the GUI on the live system
#   ./dev.sh test   install what is missing, build, run every test (ctest)
#   ./dev.sh engines  install the container engines, build, run the real-engine tests (as root)
#   ./dev.sh deps | build | bench | asan | tsan | fuzz
#   ./dev.sh lupdate    refresh translations/*.ts from the sources (new strings: unfinished;
#                       translations/README.md says how to translate them)
# Build folder: $NSX_BUILD_DIR (default ./build). Run as root (or with sudo available)
# so that missing Debian packages can be installed; live-namespace tests need root.
set -euo pipefail
cd "$(dirname "$0")"
SRC_DIR=$PWD
BUILD_DIR=${NSX_BUILD_DIR:-build}
JOBS=${NSX_JOBS:-$(nproc)}

# Real package names only (no virtual ones: dpkg-query never reports those installed, so every
# run would call apt-get again). Checked on a pristine debootstrapped Debian 12 by .ci/run.
PACKAGES=(build-essential cmake ninja-build pkg-config
    # Qt: qt6-charts-dev needs Qt6OpenGL's CMake files but does not depend on their package
    qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev qt6-l10n-tools libgl-dev
    libqt6svg6 qt6-qpa-plugins libxkbcommon-dev
    # translations: Qt6LinguistTools' CMake functions (qt6-l10n-tools has only the programs),
    # Qt's own strings in Chinese (qtbase_zh_CN.qm), a CJK font for the Chinese interface
    qt6-tools-dev qt6-translations-l10n fonts-noto-cjk
    libspdlog-dev nlohmann-json3-dev libcurl4-openssl-dev
    # Graphviz's library: the network map's layout and `nsexplorer-cli map --format svg`
    libgraphviz-dev
    # what the tests and the GUI call at run time: unshare/lsns/setpriv/nsenter (util-linux),
    # script (bsdutils), ps (procps), ip (iproute2), fuser (psmisc), strace, dot (graphviz),
    # a terminal for launched shells, Xvfb and fonts for screenshots
    util-linux bsdutils procps iproute2 psmisc strace graphviz xterm xauth xvfb
    fonts-dejavu-core
    # bench_idle measures htop next to the GUI, in a tmux session
    htop tmux
    # sandboxes the container-name tests start (tests/containers, issue 15)
    bubblewrap firejail)
FUZZ_PACKAGES=(clang libclang-rt-dev)
# The real container engines of the `engines` tests (./dev.sh engines; tests/engines/engines.sh):
# docker, podman (runc: crun refuses a hybrid cgroup hierarchy; uidmap, slirp4netns,
# fuse-overlayfs and catatonit for rootless), LXC, systemd-nspawn, debootstrap for their root,
# curl to wait for the podman service.
ENGINE_PACKAGES=(docker.io podman runc uidmap slirp4netns fuse-overlayfs catatonit
    containernetworking-plugins lxc systemd-container debootstrap curl)

sudo_() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        echo "dev.sh: not root and no sudo; as root run: $*" >&2
        exit 1
    fi
}

deps() {
    local missing=()
    for p in "${PACKAGES[@]}" "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "dev.sh: installing ${missing[*]}" >&2
        sudo_ apt-get update -q
        sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
}

build() {
    local dir=$1; shift
    local launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
    cmake -S . -B "$dir" -G Ninja "${launcher[@]}" "$@"
    cmake --build "$dir" -j "$JOBS"
}

case "${1:-}" in
deps) deps ;;
build) deps; build "$BUILD_DIR" ;;
run)
    deps
    build "$BUILD_DIR"
    shift
    exec "$BUILD_DIR/gui/nsexplorer" "$@"
    ;;
test)
    deps
    build "$BUILD_DIR"
    cd "$BUILD_DIR"
    # The real engines (label engines) need packages of their own: ./dev.sh engines
    QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$JOBS" --timeout 600 -LE engines
    ;;
engines)
    # docker, podman (rootful and rootless as 65534), LXC and systemd-nspawn started by the
    # tests themselves (tests/engines/engines.sh) on a minimal Debian root cached in
    # /var/cache/nsx-engines; says first which engines start here.
    deps "${ENGINE_PACKAGES[@]}"
    build "$BUILD_DIR"
    tests/engines/engines.sh probe
    cd "$BUILD_DIR"
    ctest --output-on-failure -L engines --timeout 600
    ;;
asan)
    deps
    build "${BUILD_DIR}-asan" -DNSX_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
    cd "${BUILD_DIR}-asan"
    ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS="suppressions=$SRC_DIR/tests/lsan.supp" \
        UBSAN_OPTIONS=print_stacktrace=1 QT_QPA_PLATFORM=offscreen \
        ctest --output-on-failure -j "$JOBS" --timeout 900 -LE engines
    ;;
fuzz)
    # Every tests/fuzz/fuzz_*.cpp runs for NSX_FUZZ_SECONDS (default 30) from its seed corpus.
    deps "${FUZZ_PACKAGES[@]}"
    CC=clang CXX=clang++ cmake -S . -B "${BUILD_DIR}-fuzz" -G Ninja -DNSX_BUILD_FUZZERS=ON \
        -DNSX_BUILD_GUI=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNSX_FUZZ_SECONDS="${NSX_FUZZ_SECONDS:-30}"
    targets=$(for f in tests/fuzz/fuzz_*.cpp; do basename "$f" .cpp; done)
    # shellcheck disable=SC2086
    cmake --build "${BUILD_DIR}-fuzz" -j "$JOBS" --target $targets
    cd "${BUILD_DIR}-fuzz"
    ctest --output-on-failure -L fuzz
    ;;
tsan)
    # The threaded code under ThreadSanitizer: the poller, the scanner's parallel walk and
    # detail threads, against real namespaces and under churn, and the poller feeding the real
    # models and filter proxy under churn (tst_churn_model runs shorter there and without
    # QAbstractItemModelTester, which would make one poll take minutes: see its comment), and
    # the engine directory's refresh thread against hung and dead sockets.
    deps
    cmake -S . -B "${BUILD_DIR}-tsan" -G Ninja -DNSX_TSAN=ON -DCMAKE_BUILD_TYPE=Debug
    cmake --build "${BUILD_DIR}-tsan" -j "$JOBS" \
        --target tst_poller tst_scanner_live tst_churn_scanner tst_churn_model tst_event_scan \
        tst_engine_directory
    cd "${BUILD_DIR}-tsan"
    TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 die_after_fork=0 suppressions=$SRC_DIR/tests/tsan.supp" \
        QT_QPA_PLATFORM=offscreen \
        ctest --output-on-failure --timeout 900 \
        -R '^(model\.tst_poller|scanner_live|churn_scanner|churn_model|event_scan|engine_directory)$'
    ;;
lupdate)
    deps
    cmake -S . -B "$BUILD_DIR" -G Ninja >/dev/null
    cmake --build "$BUILD_DIR" --target update_translations
    ;;
bench)
    deps
    build "$BUILD_DIR"
    shift
    for b in "$BUILD_DIR"/tests/bench/bench_*; do [ -x "$b" ] && "$b" "$@"; done
    ;;
*)
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
    exit 2
    ;;
esac
