# shellcheck shell=sh
# Throwaway Debian systems for the package tests: a cached debootstrap base
# tarball, fresh chroots unpacked from it, each run inside its own PID and
# mount namespace so that killing one process (its PID 1) ends everything the
# test started, and a trap-driven teardown that leaves nothing behind.
#
# Source it from a `set -eu` script, call chroot_cleanup_on_exit once, then:
#   base_tarball [PACKAGE...]      prints the cached tarball's path (builds it)
#   chroot_create sysv|systemd     unpacks the base of $CHROOT_PACKAGES and
#                                  that init system into $CHROOT_DIR
#   chroot_reboot sysv|systemd     a new PID 1 and /run, the same files
#   chroot_boot_sysv | chroot_boot_systemd
#                                  starts PID 1 of the namespace ($CHROOT_PID1)
#   in_chroot CMD...               runs CMD inside, as a process of the namespace
#   chroot_destroy                 kills PID 1, unmounts, removes the directory
#   chroot_in_memory               the test systems made after it live in a tmpfs
#
# The mirror is debootstrap's default: no host name is written here.

JDAEMON_TEST_CACHE=${JDAEMON_TEST_CACHE:-/var/cache/jdaemon-tests}
# The Debian releases jdaemon supports, the platform first; JDAEMON_SUITE names
# the one a test system is made of.
readonly JDAEMON_SUITES="trixie bookworm forky"
JDAEMON_SUITE=${JDAEMON_SUITE:-trixie}
case " $JDAEMON_SUITES " in
    *" $JDAEMON_SUITE "*) ;;
    *)
        printf 'error: JDAEMON_SUITE=%s: not one of %s\n' "$JDAEMON_SUITE" "$JDAEMON_SUITES" >&2
        exit 2
        ;;
esac
# Where test systems are unpacked: a disk file system that allows exec and
# device nodes (not TMPDIR, which may be a small or noexec tmpfs).
JDAEMON_TEST_TMP=${JDAEMON_TEST_TMP:-/var/tmp}

# What the tests need preinstalled, so that installing the .deb needs no
# download: `ps`, the package's Depends, and the fault suite's tools (a faked
# wall clock, logrotate). The init system's packages come with the mode.
CHROOT_BASE_PACKAGES="adduser default-jre-headless faketime jsvc \
libcommons-daemon-java logrotate procps"

# The packages of the systems chroot_create makes; a test may name others.
CHROOT_PACKAGES=$CHROOT_BASE_PACKAGES
CHROOT_HOSTNAME=jdaemon-test
CHROOT_DIR=
CHROOT_PID1=
CHROOT_UNSHARE=
CHROOT_TMPFS=
CHROOT_CGROUPS=

log() {
    printf '%s\n' "$*" >&2
}

die() {
    log "error: $*"
    exit 2
}

# Prints the path of a base tarball of $JDAEMON_SUITE with the given
# packages (default: CHROOT_BASE_PACKAGES) preinstalled and apt's lists
# fetched, building it first when the cache has none for this package list.
# The file name carries a hash of the sorted list, so a changed list gets a
# new tarball. Usable by other tools (piuparts -b).
base_tarball() {
    if [ "$#" -eq 0 ]; then
        # shellcheck disable=SC2086 # a word list on purpose
        set -- $CHROOT_BASE_PACKAGES
    fi
    _bt_list=$(printf '%s\n' "$@" | sort -u | paste -sd' ' -)
    _bt_hash=$(printf '%s %s\n' "$JDAEMON_SUITE" "$_bt_list" | sha256sum | cut -c1-12)
    _bt_tarball="$JDAEMON_TEST_CACHE/$JDAEMON_SUITE-$_bt_hash.tar.zst"
    # Parallel callers (piuparts-check, both scenarios) build it only once.
    cached_tarball "$_bt_tarball" build_base_tarball "$_bt_list"
}

# cached_tarball TARBALL BUILDER [ARG...]: prints TARBALL, first running
# BUILDER TARBALL ARG... in a subshell, under a lock, if it is not there.
cached_tarball() {
    mkdir -p "$JDAEMON_TEST_CACHE"
    (
        flock 9
        if [ ! -s "$1" ]; then
            "$2" "$1" "$3"
        fi
    ) 9>"$1.lock" || return
    printf '%s\n' "$1"
}

# The release's minimal base, from which every base of it is made: one
# debootstrap per release. Packages are installed in it afterwards rather than
# with --include, which fails on Debian 13 once one of them pulls in systemd
# (its pre-dependency is unpacked but not yet configured then).
minbase_tarball() {
    cached_tarball "$JDAEMON_TEST_CACHE/$JDAEMON_SUITE-minbase.tar.zst" build_minbase_tarball ""
}

build_minbase_tarball() {
    start_tarball_build "$1"
    log "debootstrap of $JDAEMON_SUITE, this takes a few minutes once"
    # shellcheck disable=SC2046 # a mirror and a script, or nothing
    debootstrap --variant=minbase "$JDAEMON_SUITE" "$_tb_root" $(debootstrap_script_args) \
        >"$_tb_root.log" 2>&1 || die "debootstrap failed: $(tail -n 5 "$_tb_root.log")"
    if suite_in_development; then
        echo 'Acquire::Check-Valid-Until "false";' >"$_tb_root/etc/apt/apt.conf.d/99jdaemon-tests-valid-until"
    fi
    # dpkg without its fsync()s: a throwaway system has no crash to survive, and every base, build
    # and test system of the release installs packages.
    echo force-unsafe-io >"$_tb_root/etc/dpkg/dpkg.cfg.d/99jdaemon-tests-unsafe-io"
    finish_tarball_build "$1"
}

# The release in development (testing): Debian 12's debootstrap has no
# script of its name, and its index on the mirrors the tests reach may be a
# snapshot past its Valid-Until, which apt then refuses.
suite_in_development() {
    [ "$JDAEMON_SUITE" = forky ]
}

# The mirror and script debootstrap needs for a release it has no script
# of: its own default mirror, read from it rather than written here, and its
# "sid" script, which makes every release after Debian 13. Nothing for a
# release it knows.
debootstrap_script_args() {
    [ ! -e "/usr/share/debootstrap/scripts/$JDAEMON_SUITE" ] || return 0
    _ds_mirror=$(sed -n 's/^DEF_MIRROR="\(.*\)"$/\1/p' /usr/sbin/debootstrap)
    [ -n "$_ds_mirror" ] || die "no default mirror in /usr/sbin/debootstrap"
    echo "$_ds_mirror /usr/share/debootstrap/scripts/sid"
}

# build_base_tarball TARBALL SPACE-SEPARATED-PACKAGES
build_base_tarball() {
    _bb_from=$(nearest_base "$2") || exit
    start_tarball_build "$1"
    log "building $1 ($2) from $_bb_from"
    tar -C "$_tb_root" --zstd -xf "$_bb_from"
    # Only the resolver: the host's own CA certificates would end up in the
    # base's /etc/ssl/certs, files no package owns (piuparts fails on them).
    share_host_resolver "$_tb_root"
    mount -t proc proc "$_tb_root/proc"
    # shellcheck disable=SC2086 # a word list on purpose
    chroot "$_tb_root" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends $2 >>"$_tb_root.log" 2>&1 ||
        die "installing $2 failed: $(tail -n 5 "$_tb_root.log")"
    umount "$_tb_root/proc"
    printf '%s\n' "$2" >"${1%.tar.zst}.packages"
    finish_tarball_build "$1"
}

# nearest_base SPACE-SEPARATED-PACKAGES: prints the cached base of $JDAEMON_SUITE that has the
# most of these packages and no other (by the list it was built with), or the minimal base. A new
# base grows from it, so that a cold cache installs a JVM and systemd a few times per release
# rather than once per base (the DEP-8 and metrics systems are the scenarios' and a few packages).
nearest_base() {
    _nb_best=$(minbase_tarball) || return
    _nb_most=0
    for _nb_list in "$JDAEMON_TEST_CACHE/$JDAEMON_SUITE"-*.packages; do
        [ -s "${_nb_list%.packages}.tar.zst" ] || continue
        read -r _nb_packages <"$_nb_list"
        _nb_count=0
        # shellcheck disable=SC2086 # a word list on purpose
        for _nb_package in $_nb_packages; do
            case " $1 " in
                *" $_nb_package "*) _nb_count=$((_nb_count + 1)) ;;
                *) continue 2 ;;
            esac
        done
        if [ "$_nb_count" -gt "$_nb_most" ]; then
            _nb_best=${_nb_list%.packages}.tar.zst
            _nb_most=$_nb_count
        fi
    done
    printf '%s\n' "$_nb_best"
}

# Runs in the builder's subshell, whose own traps clean up a build that fails
# or is interrupted.
start_tarball_build() {
    _tb_root=$(mktemp -d "$JDAEMON_TEST_CACHE/build.XXXXXX")
    _tb_tarball=$1
    trap 'tarball_build_cleanup' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    # mktemp's 0700 would end up as the mode of / in every chroot, closing it
    # to the service user.
    chmod 755 "$_tb_root"
}

# Lists let `apt-get install ./x.deb` resolve a dependency the base lacks (it
# then downloads it) instead of failing.
finish_tarball_build() {
    mount -t proc proc "$_tb_root/proc"
    chroot "$_tb_root" apt-get -q update >>"$_tb_root.log" 2>&1 ||
        die "apt-get update in the base failed: $(tail -n 5 "$_tb_root.log")"
    chroot "$_tb_root" apt-get clean
    umount "$_tb_root/proc"
    # zstd: a test system is unpacked from it in a second, where gzip takes five.
    tar -C "$_tb_root" --zstd -cf "$1.tmp" .
    mv "$1.tmp" "$1"
}

tarball_build_cleanup() {
    if mountpoint -q "$_tb_root/proc"; then
        umount "$_tb_root/proc"
    fi
    remove_tree "$_tb_root"
    rm -f "$_tb_root.log" "$_tb_tarball.tmp"
}

# Removes a directory tree, refusing if anything is still mounted below it:
# rm -rf through a live bind or proc mount would reach outside the tree.
remove_tree() {
    if awk -v d="$1" 'index($2, d "/") == 1 || $2 == d { found = 1 } END { exit !found }' /proc/self/mounts; then
        log "not removing $1: still mounted below it"
        return 1
    fi
    rm -rf --one-file-system "$1"
}

# The packages of an init system. sysv: sysvinit's, as on a Debian that
# runs it; its runlevel (and so invoke-rc.d in maintainer scripts) reads the
# utmp record chroot_boot_sysv writes, which Debian 13's systemd no longer
# reads. systemd: systemd as PID 1, and the bus systemctl talks over.
chroot_init_packages() {
    case "$1" in
        sysv) echo sysvinit-core ;;
        systemd) echo dbus systemd systemd-sysv ;;
        *) die "no init system '$1'" ;;
    esac
}

# chroot_create sysv|systemd: unpacks a fresh system from the base tarball
# with CHROOT_PACKAGES and that init system into a new $CHROOT_DIR.
chroot_create() {
    # shellcheck disable=SC2046,SC2086 # word lists on purpose
    _cc_tarball=$(base_tarball $CHROOT_PACKAGES $(chroot_init_packages "$1")) ||
        die "no base system of $JDAEMON_SUITE to make a test system from"
    CHROOT_DIR=$(mktemp -d "$JDAEMON_TEST_TMP/jdaemon-test.XXXXXX")
    chmod 755 "$CHROOT_DIR"
    tar -C "$CHROOT_DIR" --zstd -xf "$_cc_tarball"
    echo "$CHROOT_HOSTNAME" >"$CHROOT_DIR/etc/hostname"
    printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s\n::1\tlocalhost ip6-localhost ip6-loopback\n' \
        "$CHROOT_HOSTNAME" >"$CHROOT_DIR/etc/hosts"
    chroot_share_host_network
}

# The test system reaches the package registries as the host does: through
# the host's resolver, trusting the certificates its admin added (a company
# proxy's), which ca-certificates takes in when it is installed there. Never
# written through a link in the tree, which would point into the host.
chroot_share_host_network() {
    share_host_resolver "$CHROOT_DIR"
    if [ -d /usr/local/share/ca-certificates ]; then
        rm -rf "$CHROOT_DIR/usr/local/share/ca-certificates"
        cp -RL /usr/local/share/ca-certificates "$CHROOT_DIR/usr/local/share/"
    fi
}

# share_host_resolver ROOT
share_host_resolver() {
    rm -f "$1/etc/resolv.conf"
    cp -L /etc/resolv.conf "$1/etc/resolv.conf"
}

# The processes of the test system cannot set the host's clock or touch its
# network (PID 1 systemd, a timer, a maintainer script): those capabilities
# are dropped before entering. Its hostname lives in its own UTS namespace.
CHROOT_CAPS_DROPPED=-sys_time,-net_admin

# Run by PID 1 of the namespace before it execs the real init: the test
# system gets its own /dev (no host disks or consoles; systemd would mount the
# host's devtmpfs otherwise) and a read-only view of the kernel's settings, so
# that no sysctl or sysfs write reaches the host. Its host name, set in its
# own UTS namespace, resolves through /etc/hosts as on an installed system.
# shellcheck disable=SC2016 # expanded by the shell that runs it
CHROOT_PID1_SETUP='
set -e
mount -t proc -o nosuid,nodev,noexec proc /proc
cat /etc/hostname >/proc/sys/kernel/hostname
mount --bind /proc/sys /proc/sys
mount -o bind,remount,ro /proc/sys
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs /sys
mount -t tmpfs -o mode=755,nosuid,size=1m tmpfs /dev
for node in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
    mknod -m 666 "/dev/${node%%:*}" c "$(echo "$node" | cut -d: -f2)" "${node##*:}"
done
mkdir -m 755 /dev/pts
mkdir -m 1777 /dev/shm
mount -t devpts -o newinstance,ptmxmode=0666,mode=620,gid=5 devpts /dev/pts
ln -s pts/ptmx /dev/ptmx
ln -s /proc/self/fd /dev/fd
ln -s /proc/self/fd/0 /dev/stdin
ln -s /proc/self/fd/1 /dev/stdout
ln -s /proc/self/fd/2 /dev/stderr
mount -t tmpfs -o mode=755,nosuid,nodev tmpfs /run
exec "$@"
'

# chroot_start_pid1 PROGRAM [ARG...]: starts PROGRAM as PID 1 of new PID,
# mount and UTS namespaces rooted at $CHROOT_DIR and sets $CHROOT_PID1 to its
# host PID. Killing that one process ends every process of the namespace, and
# every mount made inside it goes with the mount namespace. unshare kills it
# too when it dies itself ($CHROOT_UNSHARE), should PID 1 not be known yet.
chroot_start_pid1() {
    chroot_make_cgroups
    # The first shell moves itself into the test's cgroups, so that the new
    # cgroup namespace is rooted there: systemd builds its tree below them
    # rather than at the roots of the host's hierarchies.
    # container= tells systemd it is not managing real hardware. The root is
    # made a mount point because systemd moves it when it builds a unit's
    # mount namespace (ProtectSystem= and the like): EINVAL on a plain chroot.
    # The unified cgroup hierarchy, as every Debian since 11 boots by default,
    # also on a host that runs the hybrid one: systemd 257 would otherwise
    # follow the host, and systemd 258 and later refuse to be upgraded to on
    # any other (Debian 13 -> 14); they read this variable as their command line.
    # shellcheck disable=SC2016 # expanded by those shells
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin container=jdaemon-test \
        SYSTEMD_PROC_CMDLINE=systemd.unified_cgroup_hierarchy=1 \
        sh -c 'for cgroup in $1; do echo $$ >"$cgroup/cgroup.procs"; done; shift; exec "$@"' \
        enter-cgroups "$CHROOT_CGROUPS" \
        setpriv --inh-caps "$CHROOT_CAPS_DROPPED" --bounding-set "$CHROOT_CAPS_DROPPED" \
        unshare --pid --fork --kill-child --mount --uts --cgroup --propagation private \
        sh -c 'mount --bind "$1" "$1" && exec chroot "$@"' make-root-a-mount \
        "$CHROOT_DIR" /bin/sh -c "$CHROOT_PID1_SETUP" pid1-setup "$@" \
        </dev/null >"$CHROOT_DIR.pid1.log" 2>&1 &
    CHROOT_UNSHARE=$!
    # unshare --fork makes PID 1 its only child.
    _sp_tries=0
    until CHROOT_PID1=$(tr -d ' ' <"/proc/$CHROOT_UNSHARE/task/$CHROOT_UNSHARE/children" 2>/dev/null) &&
        [ -n "$CHROOT_PID1" ] && [ "$(readlink "/proc/$CHROOT_PID1/root")" = "$CHROOT_DIR" ] &&
        [ "$(readlink "/proc/$CHROOT_PID1/exe")" = "$(realpath "$CHROOT_DIR$1")" ]; do
        _sp_tries=$((_sp_tries + 1))
        if [ "$_sp_tries" -gt 100 ] || ! kill -0 "$CHROOT_UNSHARE" 2>/dev/null; then
            cat "$CHROOT_DIR.pid1.log" >&2
            die "PID 1 of the test system did not start"
        fi
        sleep 0.1
    done
}

# Creates the test system's cgroups, one per mounted hierarchy, each below
# the caller's own cgroup there (so the host's limits still apply), named
# after the chroot directory; sets $CHROOT_CGROUPS to their paths.
chroot_make_cgroups() {
    CHROOT_CGROUPS=$(awk -v name="${CHROOT_DIR##*/}" '
        FILENAME == "/proc/self/cgroup" {
            # id:controllers:path; a v1 line names its controllers.
            path = $0; sub(/^[^:]*:[^:]*:/, "", path)
            split($0, field, ":"); own[field[2]] = path; next
        }
        $3 == "cgroup2" { print $2 own[""] "/" name; next }
        $3 == "cgroup" {
            for (controllers in own) {
                if (controllers == "") continue
                n = split(controllers, wanted, ","); found = 0
                for (i = 1; i <= n; i++) if (("," $4 ",") ~ ("," wanted[i] ",")) found++
                if (found == n) { print $2 own[controllers] "/" name; break }
            }
        }' /proc/self/cgroup /proc/self/mounts | sed 's,//*,/,g')
    for _mc_dir in $CHROOT_CGROUPS; do
        mkdir "$_mc_dir"
        # A v1 cpuset admits no task before it has CPUs and memory nodes.
        if [ -e "$_mc_dir/cpuset.cpus" ]; then
            cat "${_mc_dir%/*}/cpuset.cpus" >"$_mc_dir/cpuset.cpus"
            cat "${_mc_dir%/*}/cpuset.mems" >"$_mc_dir/cpuset.mems"
        fi
    done
}

# Removes the test's cgroup trees, deepest first; the kernel may need a
# moment after the last process died before a cgroup can go.
chroot_remove_cgroups() {
    for _rc_dir in $CHROOT_CGROUPS; do
        _rc_tries=0
        until [ ! -d "$_rc_dir" ] || find "$_rc_dir" -depth -type d -exec rmdir {} + 2>/dev/null; do
            _rc_tries=$((_rc_tries + 1))
            if [ "$_rc_tries" -gt 50 ]; then
                log "cannot remove cgroup $_rc_dir"
                return 1
            fi
            sleep 0.1
        done
    done
    CHROOT_CGROUPS=
}

# A sysvinit-like system: PID 1 only reaps orphans (as init does, so that
# daemons that exit leave no zombies), and init scripts are run by hand.
# The utmp record init writes on entering runlevel 2 lets `runlevel`, and so
# invoke-rc.d in maintainer scripts, see a booted system rather than a chroot
# (where invoke-rc.d starts nothing).
chroot_boot_sysv() {
    # SIGCHLD cuts the pause short, so an orphan that exits is reaped at once.
    # shellcheck disable=SC2016 # Perl code, not shell
    chroot_start_pid1 /usr/bin/perl -e '$SIG{TERM} = sub { exit 0 }; $SIG{CHLD} = sub { };
        while (1) { select(undef, undef, undef, 0.1) if wait == -1 }'
    # shellcheck disable=SC2016 # Perl code, not shell
    in_chroot perl -e 'open(my $utmp, ">>", "/run/utmp") or die "/run/utmp: $!\n";
        print $utmp pack("s x2 l Z32 a4 Z32 Z256 s s l l l l4 x20", 1, ord("2") + 256 * ord("N"),
            "~", "~~", "runlevel", "", 0, 0, 0, time, 0, 0, 0, 0, 0) or die "/run/utmp: $!\n";
        close($utmp) or die "/run/utmp: $!\n"'
}

# A real systemd as PID 1, up once `systemctl is-system-running` reports
# running (or degraded: a unit that cannot work in a namespace failed).
chroot_boot_systemd() {
    chroot_mask_host_units
    chroot_start_pid1 /lib/systemd/systemd --system --log-target=journal
    _bs_tries=0
    while :; do
        _bs_state=$(in_chroot systemctl is-system-running 2>/dev/null) || true
        case "$_bs_state" in
            running | degraded) break ;;
        esac
        _bs_tries=$((_bs_tries + 1))
        if [ "$_bs_tries" -gt 600 ]; then
            tail -n 40 "$CHROOT_DIR.pid1.log" >&2
            die "systemd did not finish booting (state: ${_bs_state:-none})"
        fi
        sleep 0.1
    done
    if [ "$_bs_state" = degraded ]; then
        log "systemd is degraded; failed units:"
        in_chroot systemctl --failed --no-legend >&2 || true
    fi
}

# Units that would reach the host (its console, kernel modules), need a
# login manager, or would run apt or disk jobs in the middle of a test.
CHROOT_MASKED_UNITS="apt-daily.timer apt-daily-upgrade.timer console-getty.service \
dev-hugepages.mount dpkg-db-backup.timer e2scrub_all.timer e2scrub_reap.service \
fstrim.timer getty.target getty-static.service kmod-static-nodes.service \
proc-sys-fs-binfmt_misc.automount serial-getty@.service sys-fs-fuse-connections.mount \
sys-kernel-config.mount sys-kernel-debug.mount sys-kernel-tracing.mount \
systemd-binfmt.service systemd-logind.service systemd-modules-load.service \
systemd-sysctl.service systemd-timesyncd.service"

chroot_mask_host_units() {
    for _mu_unit in $CHROOT_MASKED_UNITS; do
        ln -sf /dev/null "$CHROOT_DIR/etc/systemd/system/$_mu_unit"
    done
}

# in_chroot CMD [ARG...]: runs CMD in the test system's namespaces with a
# clean environment, as a process that dies with its PID 1.
in_chroot() {
    nsenter -t "$CHROOT_PID1" -m -p -u -C -r -w -- \
        /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

# Prints the host PIDs of the processes whose root is inside $CHROOT_DIR.
chroot_processes() {
    for _cp_proc in /proc/[0-9]*; do
        case "$(readlink "$_cp_proc/root" 2>/dev/null)" in
            "$CHROOT_DIR" | "$CHROOT_DIR"/*) printf '%s\n' "${_cp_proc#/proc/}" ;;
        esac
    done
}

# Prints the host's mount points inside $CHROOT_DIR.
chroot_mounts() {
    awk -v d="$CHROOT_DIR" 'index($2, d "/") == 1 || $2 == d { print $2 }' /proc/self/mounts
}

# Kills the test system's PID 1 (and with it the whole namespace), checks
# that no process and no mount is left, and removes the tree. Idempotent, so
# both the normal path and the exit trap may call it. Returns non-zero when
# something was left behind.
chroot_destroy() {
    [ -n "$CHROOT_DIR" ] || return 0
    chroot_halt || return 1
    remove_tree "$CHROOT_DIR"
    rm -f "$CHROOT_DIR.pid1.log"
    CHROOT_DIR=
}

# chroot_reboot sysv|systemd: the test system's init and every process with
# it end, as at a power cut, and a new init boots it again: a new /run, the
# files on disk as they were.
chroot_reboot() {
    chroot_halt || return 1
    "chroot_boot_$1"
}

# Ends every process of the test system and removes its cgroups; its tree
# stays. Fails when a process or a mount is left.
chroot_halt() {
    if [ -n "$CHROOT_PID1" ]; then
        kill -KILL "$CHROOT_PID1" 2>/dev/null || true
        CHROOT_PID1=
    fi
    if [ -n "$CHROOT_UNSHARE" ]; then
        kill -KILL "$CHROOT_UNSHARE" 2>/dev/null || true
        wait "$CHROOT_UNSHARE" 2>/dev/null || true
        CHROOT_UNSHARE=
    fi
    _cd_tries=0
    while [ -n "$(chroot_processes)" ] && [ "$_cd_tries" -lt 50 ]; do
        _cd_tries=$((_cd_tries + 1))
        sleep 0.1
    done
    _cd_left=$(chroot_processes)
    if [ -n "$_cd_left" ]; then
        log "left behind in $CHROOT_DIR: processes $(echo "$_cd_left" | paste -sd' ' -)"
        return 1
    fi
    if [ -n "$(chroot_mounts)" ]; then
        log "left behind in $CHROOT_DIR: mounts $(chroot_mounts | paste -sd' ' -)"
        return 1
    fi
    chroot_remove_cgroups
}

# Tears the test system down however the script ends, keeping its status.
chroot_cleanup_on_exit() {
    trap 'chroot_exit_trap' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    trap 'exit 129' HUP
}

chroot_exit_trap() {
    _et_status=$?
    trap - EXIT
    if ! chroot_destroy || ! chroot_memory_release; then
        [ "$_et_status" -ne 0 ] || _et_status=2
    fi
    exit "$_et_status"
}

# chroot_in_memory: the test systems made from now on live in a tmpfs of the
# caller's own, unmounted at exit (chroot_cleanup_on_exit first). For a suite
# that judges when its service's writes land while other test systems are
# unpacked and removed beside it (test-faults): a write to a disk file system
# can wait for its journal, or be throttled for the dirty pages they leave;
# one into memory does not. A tmpfs may hold device nodes and programs; its
# size is a limit, not a reservation.
chroot_in_memory() {
    CHROOT_TMPFS=$(mktemp -d "$JDAEMON_TEST_TMP/jdaemon-tmpfs.XXXXXX")
    mount -t tmpfs -o mode=0755,size=4g jdaemon-tests "$CHROOT_TMPFS" ||
        die "cannot mount a tmpfs on $CHROOT_TMPFS"
    JDAEMON_TEST_TMP=$CHROOT_TMPFS
}

chroot_memory_release() {
    [ -n "$CHROOT_TMPFS" ] || return 0
    umount "$CHROOT_TMPFS" || return 1
    rmdir "$CHROOT_TMPFS" || return 1
    CHROOT_TMPFS=
}
