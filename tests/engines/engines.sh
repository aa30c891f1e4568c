#!/usr/bin/env bash
# Real container engines for the `engines` tests (issue 15), on a machine without systemd or a
# registry. As root.
#
#   engines.sh install           the engines' Debian packages (ENGINE_PACKAGES in dev.sh)
#   engines.sh rootfs            the cached minimal Debian root: $CACHE/rootfs.tar (an image for
#                                `docker import` / `podman import`) and $CACHE/rootfs/ (for LXC
#                                and systemd-nspawn); built once, from .ci/pristine's minbase
#                                tarball when present, else with debootstrap
#   engines.sh up ENGINE         starts ENGINE (docker | podman | podman-rootless | lxc | nspawn)
#                                with its state under $STATE/ENGINE and one container in it;
#                                prints KEY=VALUE lines on stdout: NAME, PID (its init), ID,
#                                IMAGE, SOCKET (docker, podman), POD (podman)
#   engines.sh down ENGINE       stops all of it: containers, daemons, mounts; idempotent
#   engines.sh probe             up and down for each engine; one line each: "ENGINE: started"
#                                or "ENGINE: cannot start: REASON"
#
#   engines.sh down-all          down for every engine, then fails if any mount under the cache
#                                or state folder, or any of their processes, is left
#   engines.sh clean             removes the cache: the root and the engines' kept image stores
#
# Nothing here touches the host's own engines: each daemon has its own data root, exec root,
# socket, no bridge (docker --bridge=none, podman --network none, LXC with no network) and no
# iptables. Each step is bounded by `timeout`. Logs go to stderr and $STATE/ENGINE/*.log.
# The engines' image stores stay in $CACHE/data between runs (the imported image and its
# layers: deleting them takes longer than the tests here); `down` removes the containers,
# daemons, mounts and run state. Rootless podman's setup changes the host: a subuid/subgid
# range for uid 65534 (kept) and /dev/net/tun opened to all while it runs (restored).
set -uo pipefail
CACHE=${NSX_ENGINES_CACHE:-/var/cache/nsx-engines}
STATE=${NSX_ENGINES_STATE:-/var/tmp/nsx-engines}
PRISTINE=${NSX_PRISTINE_CACHE:-/var/cache/nsx-pristine}/bookworm-minbase-$(dpkg --print-architecture).tar.gz
IMAGE=localhost/nsx-engines:latest
ROOTLESS_UID=65534
LIMITS=(--ulimit nofile=4096:4096 --ulimit nproc=4096:4096) # defaults exceed the hard limits here
DOCKER=/usr/bin/docker                                      # not whatever docker is first in PATH
PODMAN_ROOTFUL=(podman --root "$CACHE/data/podman" --runroot "$STATE/podman/run"
    --runtime runc --cgroup-manager cgroupfs --events-backend file
    --storage-driver overlay --tmpdir "$STATE/podman/tmp")

log() { echo "engines.sh: $*" >&2; }
die() { log "$*"; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root"

wait_for() { # seconds, command...: poll until the command succeeds
    local deadline=$((SECONDS + $1)); shift
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.2
    done
}

# Running, not a zombie: the daemons are orphans here, and PID 1 may reap them late.
alive() { [ -r "/proc/$1/stat" ] && ! grep -q '^[0-9]* (.*) Z' "/proc/$1/stat" 2>/dev/null; }

kill_pidfile() { # pidfile: TERM, then KILL after 10 s
    local f=$1 pid
    [ -s "$f" ] || return 0
    pid=$(cat "$f")
    if alive "$pid"; then
        kill "$pid" 2>/dev/null
        wait_for 10 eval "! alive $pid" || kill -9 "$pid" 2>/dev/null
    fi
    rm -f "$f"
}

# Every mount under a directory, deepest first (overlays, shm, netns of the daemons).
umount_under() {
    local dir=$1
    awk -v d="$dir" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo |
        sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
}

install_packages() {
    local list
    list=$(cd "$(dirname "$0")/../.." && bash -c 'source <(sed -n "/^ENGINE_PACKAGES=(/,/)/p" dev.sh); echo "${ENGINE_PACKAGES[@]}"')
    [ -n "$list" ] || die "no ENGINE_PACKAGES in dev.sh"
    local missing=()
    for p in $list; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        apt-get update -q >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 ||
            die "apt-get install failed"
    fi
}

# ---- the root: minbase Debian 12 without docs, locales and apt lists ----
rootfs() {
    [ -s "$CACHE/rootfs.tar" ] && [ -x "$CACHE/rootfs/bin/sleep" ] && return 0
    mkdir -p "$CACHE"
    (
        exec 9>"$CACHE/.lock"
        flock -w 600 9 || die "rootfs: lock"
        [ -s "$CACHE/rootfs.tar" ] && [ -x "$CACHE/rootfs/bin/sleep" ] && exit 0
        local tmp="$CACHE/rootfs.part"
        rm -rf --one-file-system "$tmp" "$CACHE/rootfs"
        mkdir -p "$tmp"
        if [ -s "$PRISTINE" ]; then
            log "rootfs: from $PRISTINE"
            tar -C "$tmp" --numeric-owner -xzf "$PRISTINE" || die "rootfs: untar failed"
        else
            command -v debootstrap >/dev/null || die "rootfs: no debootstrap (engines.sh install)"
            log "rootfs: debootstrap --variant=minbase bookworm"
            debootstrap --variant=minbase bookworm "$tmp" >&2 || die "rootfs: debootstrap failed"
        fi
        rm -rf "$tmp"/usr/share/{doc,locale,man,info} "$tmp"/var/lib/apt/lists/* "$tmp"/var/cache/*
        echo nsx-engines >"$tmp/etc/hostname"
        tar -C "$tmp" --numeric-owner -cf "$CACHE/rootfs.tar.part" . || die "rootfs: tar failed"
        mv "$tmp" "$CACHE/rootfs"
        mv "$CACHE/rootfs.tar.part" "$CACHE/rootfs.tar"
        log "rootfs: $(du -sh "$CACHE/rootfs" | cut -f1) in $CACHE"
    ) || exit 1
}

# ---- docker ----
docker_() { "$DOCKER" -H "unix://$STATE/docker/docker.sock" "$@"; }
up_docker() {
    local d=$STATE/docker
    mkdir -p "$CACHE/data/docker" "$d/exec"
    command -v dockerd >/dev/null || die "docker: no dockerd (package docker.io)"
    setsid dockerd --data-root "$CACHE/data/docker" --exec-root "$d/exec" -H "unix://$d/docker.sock" \
        --pidfile "$d/dockerd.pid" --bridge=none --iptables=false --ip6tables=false \
        --containerd-namespace nsx-engines --containerd-plugins-namespace nsx-engines-plugins \
        --default-ulimit nofile=4096:4096 --default-ulimit nproc=4096:4096 \
        >"$d/dockerd.log" 2>&1 </dev/null &
    wait_for 60 docker_ info || { tail -5 "$d/dockerd.log" >&2; die "docker: dockerd did not answer in 60 s"; }
    if ! docker_ image inspect "$IMAGE" >/dev/null 2>&1; then
        timeout 300 "$DOCKER" -H "unix://$d/docker.sock" import "$CACHE/rootfs.tar" "$IMAGE" >/dev/null ||
            die "docker: import failed"
    fi
    docker_ rm -f nsx-dock >/dev/null 2>&1 # left in the kept data root by a crash
    timeout 120 "$DOCKER" -H "unix://$d/docker.sock" run -d --name nsx-dock --network none \
        --label nsx.test=engines --label com.docker.compose.project=nsx-project \
        "$IMAGE" sleep infinity >/dev/null || die "docker: run failed"
    echo "NAME=nsx-dock"
    echo "ID=$(docker_ inspect -f '{{.Id}}' nsx-dock)"
    echo "PID=$(docker_ inspect -f '{{.State.Pid}}' nsx-dock)"
    echo "IMAGE=$IMAGE"
    echo "SOCKET=$d/docker.sock"
}
down_docker() {
    local d=$STATE/docker
    [ -d "$d" ] || { umount_under "$CACHE/data/docker"; return 0; }
    if [ -S "$d/docker.sock" ] && [ -s "$d/dockerd.pid" ]; then
        timeout 30 "$DOCKER" -H "unix://$d/docker.sock" rm -f nsx-dock >/dev/null 2>&1
    fi
    kill_pidfile "$d/dockerd.pid"
    # dockerd's own containerd and shims, if dockerd died without them
    pkill_under "$d"
    umount_under "$d"
    umount_under "$CACHE/data/docker"
    rm -rf --one-file-system "$d"
}

# Processes whose command line names a path under a directory (the daemons' helpers): by pid.
# Every process in the pid namespaces with these inodes (killing a namespace's init would do,
# but one of them may be a process that was never its init); waits until they are gone.
kill_pidns() {
    local ns pid left
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        left=
        for ns in "$@"; do
            for pid in $(stat -L -c '%i %n' /proc/[0-9]*/ns/pid 2>/dev/null |
                awk -v n="$ns" '$1 == n { split($2, a, "/"); print a[3] }'); do
                kill -9 "$pid" 2>/dev/null && left=1
            done
        done
        [ -z "$left" ] && return 0
        sleep 0.2
    done
    echo "engines.sh: processes left in pid namespaces $*" >&2
    PIDNS_LEFT=1
    return 1
}

pkill_under() {
    local dir=$1 pid
    for pid in $(pgrep -f -- "$dir/" 2>/dev/null); do
        [ "$pid" = $$ ] && continue
        kill -9 "$pid" 2>/dev/null
    done
}

# ---- podman, rootful: its own storage, runc, an API service on its own socket ----
podman_() { CONTAINERS_CONF=$STATE/podman/containers.conf timeout 120 "${PODMAN_ROOTFUL[@]}" "$@"; }
# rlimits for every container, the pod's infra container too (pod create has no --ulimit)
containers_conf() {
    cat >"$1" <<EOF
[containers]
default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]
EOF
}
up_podman() {
    local d=$STATE/podman
    mkdir -p "$CACHE/data/podman" "$d/run" "$d/tmp"
    containers_conf "$d/containers.conf"
    command -v podman >/dev/null || die "podman: not installed"
    command -v runc >/dev/null || die "podman: no runc (crun refuses this machine's hybrid cgroups)"
    if ! podman_ image exists "$IMAGE"; then
        podman_ import "$CACHE/rootfs.tar" "$IMAGE" >/dev/null || die "podman: import failed"
    fi
    podman_ pod rm -f -t 0 nsx-pod-pod >/dev/null 2>&1 # left in the kept storage by a crash
    podman_ rm -f -t 0 nsx-pod >/dev/null 2>&1
    podman_ pod create --name nsx-pod-pod --network none >/dev/null || die "podman: pod create failed"
    podman_ run -d --name nsx-pod --pod nsx-pod-pod "${LIMITS[@]}" \
        --label nsx.test=engines "$IMAGE" sleep infinity >/dev/null || die "podman: run failed"
    CONTAINERS_CONF=$d/containers.conf setsid "${PODMAN_ROOTFUL[@]}" system service --time=0 "unix://$d/podman.sock" \
        >"$d/service.log" 2>&1 </dev/null &
    echo $! >"$d/service.pid"
    wait_for 30 curl -sf --unix-socket "$d/podman.sock" http://d/_ping ||
        { tail -5 "$d/service.log" >&2; die "podman: the API service did not answer in 30 s"; }
    # The pid namespaces of the pod's infra container and of nsx-pod: what `down` kills when
    # podman's own removal leaves them (it did: catatonit and the sleep, re-parented to PID 1,
    # their overlay unmounted, no path of ours on their command lines).
    local infra
    infra=$(podman_ pod inspect -f '{{.InfraContainerID}}' nsx-pod-pod)
    for c in "$infra" nsx-pod; do
        stat -L -c %i "/proc/$(podman_ inspect -f '{{.State.Pid}}' "$c")/ns/pid" 2>/dev/null
    done >"$d/pidns"
    echo "NAME=nsx-pod"
    echo "ID=$(podman_ inspect -f '{{.Id}}' nsx-pod)"
    echo "PID=$(podman_ inspect -f '{{.State.Pid}}' nsx-pod)"
    echo "IMAGE=$IMAGE"
    echo "POD=nsx-pod-pod"
    echo "SOCKET=$d/podman.sock"
}
down_podman() {
    local d=$STATE/podman
    [ -d "$d" ] || { umount_under "$CACHE/data/podman"; return 0; }
    kill_pidfile "$d/service.pid"
    podman_ pod rm -f -t 0 nsx-pod-pod >/dev/null 2>&1
    podman_ rm -f -t 0 nsx-pod >/dev/null 2>&1
    pkill_under "$d"
    # shellcheck disable=SC2046
    [ -s "$d/pidns" ] && kill_pidns $(cat "$d/pidns")
    umount_under "$d"
    umount_under "$CACHE/data/podman" # the kept store: its overlays and shm, and itself
    rm -rf --one-file-system "$d"
}

# ---- podman, rootless, as uid 65534 ("nobody"): a subuid/subgid range, a home and
# XDG_RUNTIME_DIR of its own (/run/user/65534, where root's engine directory looks), slirp4netns
# (/dev/net/tun must be open to all: Debian's default, not this machine's), native overlay ----
ROOTLESS_RUN=/run/user/$ROOTLESS_UID
rootless_() {
    local d=$STATE/podman-rootless
    (cd / && timeout 120 setpriv --reuid "$ROOTLESS_UID" --regid "$ROOTLESS_UID" --clear-groups \
        env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$d/home" XDG_RUNTIME_DIR="$ROOTLESS_RUN" \
        XDG_CONFIG_HOME="$d/home/.config" XDG_DATA_HOME="$CACHE/data/podman-rootless" \
        CONTAINERS_CONF="$d/containers.conf" "$@")
}
up_podman_rootless() {
    local d=$STATE/podman-rootless user
    command -v newuidmap >/dev/null || die "podman-rootless: no newuidmap (package uidmap)"
    command -v slirp4netns >/dev/null || die "podman-rootless: no slirp4netns"
    user=$(getent passwd "$ROOTLESS_UID" | cut -d: -f1)
    [ -n "$user" ] || die "podman-rootless: no user $ROOTLESS_UID"
    for f in /etc/subuid /etc/subgid; do
        grep -q "^$user:" "$f" 2>/dev/null || echo "$user:1065536:65536" >>"$f"
    done
    mkdir -p "$d/home/.config/containers"
    chmod 755 "$STATE" "$d"
    containers_conf "$d/containers.conf"
    chmod 644 "$d/containers.conf"
    printf '[storage]\ndriver = "overlay"\n' >"$d/home/.config/containers/storage.conf"
    mkdir -p "$CACHE/data/podman-rootless"
    chown -R "$ROOTLESS_UID:$ROOTLESS_UID" "$d/home"
    chown "$ROOTLESS_UID:$ROOTLESS_UID" "$CACHE/data/podman-rootless"
    if [ ! -d "$ROOTLESS_RUN" ]; then
        mkdir -p "$ROOTLESS_RUN" && touch "$d/made-run-dir"
    fi
    chown "$ROOTLESS_UID:$ROOTLESS_UID" "$ROOTLESS_RUN"
    chmod 700 "$ROOTLESS_RUN"
    if [ -c /dev/net/tun ] && [ "$(stat -c %a /dev/net/tun)" != 666 ]; then
        stat -c %a /dev/net/tun >"$d/tun-mode"
        chmod 666 /dev/net/tun
    fi
    # The first podman command starts the pause process, which keeps the descriptors it was
    # given: /dev/null, not a pipe someone waits on (the probe's $(...)).
    rootless_ podman info </dev/null >/dev/null 2>&1
    if ! rootless_ podman image exists "$IMAGE" </dev/null >/dev/null 2>&1; then
        rootless_ podman import "$CACHE/rootfs.tar" "$IMAGE" >/dev/null || die "podman-rootless: import failed"
    fi
    rootless_ podman rm -f -t 0 nsx-rootless >/dev/null 2>&1 # left in the kept storage by a crash
    rootless_ podman run -d --name nsx-rootless --label nsx.test=engines "$IMAGE" sleep infinity \
        >/dev/null || die "podman-rootless: run failed"
    # exec: the pid recorded is the service's, and no shell stays behind holding our stdout
    (cd / && exec setsid setpriv --reuid "$ROOTLESS_UID" --regid "$ROOTLESS_UID" --clear-groups \
        env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$d/home" XDG_RUNTIME_DIR="$ROOTLESS_RUN" \
        XDG_CONFIG_HOME="$d/home/.config" XDG_DATA_HOME="$CACHE/data/podman-rootless" \
        CONTAINERS_CONF="$d/containers.conf" podman system service --time=0 \
        >"$d/service.log" 2>&1 </dev/null) &
    echo $! >"$d/service.pid"
    wait_for 30 curl -sf --unix-socket "$ROOTLESS_RUN/podman/podman.sock" http://d/_ping ||
        { tail -5 "$d/service.log" >&2; die "podman-rootless: the API service did not answer in 30 s"; }
    echo "NAME=nsx-rootless"
    echo "ID=$(rootless_ podman inspect -f '{{.Id}}' nsx-rootless)"
    echo "PID=$(rootless_ podman inspect -f '{{.State.Pid}}' nsx-rootless)"
    echo "IMAGE=$IMAGE"
    echo "SOCKET=$ROOTLESS_RUN/podman/podman.sock"
    echo "PAUSE_PID=$(cat "$ROOTLESS_RUN/libpod/tmp/pause.pid" 2>/dev/null)"
    echo "SLIRP_PID=$(pgrep -u "$ROOTLESS_UID" -f "^/usr/bin/slirp4netns .*$ROOTLESS_RUN/netns/" | head -1)"
}
down_podman_rootless() {
    local d=$STATE/podman-rootless pid userns=
    [ -d "$d" ] || return 0
    # Everything rootless podman runs (the service's inner process, conmon, the container,
    # slirp4netns) sits in the user namespace its pause process holds: those pids, and only
    # those, are ours to kill (uid 65534 runs other programs too).
    [ -s "$ROOTLESS_RUN/libpod/tmp/pause.pid" ] &&
        userns=$(stat -L -c %i "/proc/$(cat "$ROOTLESS_RUN/libpod/tmp/pause.pid")/ns/user" 2>/dev/null)
    # (no `podman rm` after this: with its pause process gone it would start a new one; the
    # next `up` removes the container)
    if [ -n "$userns" ]; then
        for pid in $(stat -L -c '%i %n' /proc/[0-9]*/ns/user 2>/dev/null |
            awk -v u="$userns" '$1 == u { split($2, a, "/"); print a[3] }'); do
            kill -9 "$pid" 2>/dev/null
        done
    fi
    kill_pidfile "$d/service.pid"
    for pid in $(pgrep -u "$ROOTLESS_UID" -f "$ROOTLESS_RUN/netns/|$d/" 2>/dev/null); do
        kill -9 "$pid" 2>/dev/null
    done
    umount_under "$d"
    umount_under "$ROOTLESS_RUN"
    rm -rf --one-file-system "$ROOTLESS_RUN"/{containers,libpod,netns,runc,podman,overlay*}
    [ -e "$d/made-run-dir" ] && rmdir "$ROOTLESS_RUN" 2>/dev/null
    [ -s "$d/tun-mode" ] && chmod "$(cat "$d/tun-mode")" /dev/net/tun
    rm -rf --one-file-system "$d"
}

# ---- LXC: a directory root, no network, unconfined, sleep as init ----
up_lxc() {
    local d=$STATE/lxc
    command -v lxc-start >/dev/null || die "lxc: not installed"
    mkdir -p "$d/nsx-lxc"
    cat >"$d/nsx-lxc/config" <<EOF
lxc.uts.name = nsx-lxc
lxc.rootfs.path = dir:$CACHE/rootfs
lxc.rootfs.options = ro
lxc.apparmor.profile = unconfined
lxc.net.0.type = empty
lxc.init.cmd = /bin/sleep infinity
lxc.mount.auto = proc:mixed sys:ro
lxc.autodev = 1
lxc.tty.max = 0
lxc.pty.max = 16
lxc.prlimit.nofile = 4096
lxc.log.file = $d/nsx-lxc.log
lxc.log.level = WARN
EOF
    timeout 60 lxc-start -P "$d" -n nsx-lxc -d || { tail -5 "$d/nsx-lxc.log" >&2; die "lxc: lxc-start failed"; }
    wait_for 30 bash -c "[ \"\$(lxc-info -P '$d' -n nsx-lxc -p -H)\" -gt 0 ]" ||
        { tail -5 "$d/nsx-lxc.log" >&2; die "lxc: no init pid in 30 s"; }
    echo "NAME=nsx-lxc"
    echo "ID=nsx-lxc"
    echo "PID=$(lxc-info -P "$d" -n nsx-lxc -p -H)"
}
down_lxc() {
    local d=$STATE/lxc
    [ -d "$d" ] || return 0
    timeout 30 lxc-stop -P "$d" -n nsx-lxc -k >/dev/null 2>&1
    pkill_under "$d"
    umount_under "$d"
    rm -rf --one-file-system "$d"
}

# ---- systemd-nspawn: no machined here, so --register=no --keep-unit ----
up_nspawn() {
    local d=$STATE/nspawn
    command -v systemd-nspawn >/dev/null || die "nspawn: not installed (package systemd-container)"
    mkdir -p "$d"
    setsid systemd-nspawn --register=no --keep-unit --quiet -M nsx-spawn -D "$CACHE/rootfs" \
        --read-only --private-network /bin/sleep infinity >"$d/nspawn.log" 2>&1 </dev/null &
    echo $! >"$d/nspawn.pid"
    local nspawn pid
    nspawn=$(cat "$d/nspawn.pid")
    # the payload (the container's pid 1) is nspawn's child
    wait_for 30 pgrep -P "$nspawn" -f '^/bin/sleep infinity' ||
        { tail -5 "$d/nspawn.log" >&2; die "nspawn: no payload in 30 s"; }
    pid=$(pgrep -P "$nspawn" -f '^/bin/sleep infinity' | head -1)
    echo "NAME=nsx-spawn"
    echo "ID=nsx-spawn"
    echo "PID=$pid"
    echo "NSPAWN_PID=$nspawn"
}
down_nspawn() {
    local d=$STATE/nspawn
    [ -d "$d" ] || return 0
    kill_pidfile "$d/nspawn.pid"
    rm -rf --one-file-system "$d"
}

up() {
    rootfs || exit 1
    case "$1" in
    docker | podman | lxc | nspawn) "down_$1"; "up_$1" ;;
    podman-rootless) down_podman_rootless; up_podman_rootless ;;
    *) die "unknown engine $1" ;;
    esac
}
down() {
    case "$1" in
    docker | podman | lxc | nspawn) "down_$1" ;;
    podman-rootless) down_podman_rootless ;;
    *) die "unknown engine $1" ;;
    esac
}

case "${1:-}" in
install) install_packages ;;
rootfs) rootfs && echo "$CACHE/rootfs" ;;
down-all)
    for e in docker podman podman-rootless lxc nspawn; do down "$e"; done
    left=$(awk -v c="$CACHE" -v s="$STATE" 'index($5, c) == 1 || index($5, s) == 1 { print $5 }' /proc/self/mountinfo)
    [ -z "$left" ] || die "mounts left: $left"
    [ -z "${PIDNS_LEFT:-}" ] || die "processes left in the containers' pid namespaces"
    procs=$(pgrep -f -- "$CACHE/|$STATE/" | grep -vx $$ | tr '\n' ' ')
    [ -z "$procs" ] || die "processes left: $procs"
    [ ! -e "$STATE" ] || rmdir "$STATE" 2>/dev/null || die "state left: $(ls "$STATE")"
    ;;
clean)
    for e in docker podman podman-rootless lxc nspawn; do down "$e"; done
    umount_under "$CACHE"
    rm -rf --one-file-system "$CACHE"
    ;;
up) [ $# = 2 ] || die "usage: engines.sh up ENGINE"; up "$2" ;;
down) [ $# = 2 ] || die "usage: engines.sh down ENGINE"; down "$2" ;;
probe)
    rootfs || exit 1
    for e in docker podman podman-rootless lxc nspawn; do
        start=$SECONDS
        if out=$( (up "$e") 2>"$STATE.probe.err"); then
            echo "$e: started ($((SECONDS - start)) s; $(echo "$out" | grep -E '^(NAME|PID)=' | tr '\n' ' '))"
        else
            echo "$e: cannot start: $(tail -1 "$STATE.probe.err")"
        fi
        down "$e" 2>/dev/null
    done
    rm -f "$STATE.probe.err"
    ;;
*)
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
    exit 2
    ;;
esac
