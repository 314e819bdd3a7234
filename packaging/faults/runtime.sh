# shellcheck shell=sh
# shellcheck disable=SC2034 # NOTE is read by check() in lib/checks.sh
# Runtime faults of the output and log files (sourced by packaging/test-faults):
# each breaks what the running service writes to, checks that it says so once,
# then repairs it and checks that writing resumes by itself within one
# interval, with no record torn, repeated or out of sequence.

# A record appears within one interval of the repair; this much more is
# allowed for a loaded machine.
readonly RESUME_SLACK_MS=250

# Time of the newest record, in epoch milliseconds.
last_record_ms() {
    _lr_time=$(in_chroot tail -n 1 "$RECORDS" 2>/dev/null | cut -d' ' -f3)
    [ -n "$_lr_time" ] || return 1
    date -d "$_lr_time" +%s%3N
}

# Whether a record newer than MS exists.
record_after() {
    _ra_last=$(last_record_ms) && [ "$_ra_last" -gt "$1" ]
}

# outage BREAK REPAIR EXPECTED_WARN [RECORDS_ARG...]: runs the shell command
# BREAK in the test system, waits for the service's WARN (a full disk takes
# effect only once the file's last page is full), then six intervals more,
# runs REPAIR, and checks one WARN (matching EXPECTED_WARN) for the episode,
# the first record after the repair within an interval, and the records
# intact around a gap no longer than the outage (RECORDS_ARG: records_intact's
# --partial when BREAK deleted the records before it, or the files to judge).
outage() {
    _ou_break=$1
    _ou_repair=$2
    _ou_expected=$3
    shift 3
    _ou_warnings=$(log_lines WARN)
    _ou_from=$(now_ms)
    sh_in "$_ou_break" || why "could not break it: $_ou_break" || return
    wait_for 30 warned_since "$_ou_warnings" || why "no WARN within 30 s of: $_ou_break" || return
    sleep "$(intervals 6)"
    _ou_during=$(log_lines WARN)
    _ou_to=$(now_ms)
    sh_in "$_ou_repair" || why "could not repair it: $_ou_repair" || return
    wait_for 5 record_after "$_ou_to" || why "no record within 5 s of the repair" || return
    _ou_resume=$(($(last_record_ms) - _ou_to))
    NOTE="resumed ${_ou_resume} ms after the repair"
    [ "$_ou_resume" -le $((FAULT_INTERVAL_MS + RESUME_SLACK_MS)) ] ||
        why "resumed only ${_ou_resume} ms after the repair, interval ${FAULT_INTERVAL_MS} ms" || return
    [ "$_ou_during" -eq $((_ou_warnings + 1)) ] ||
        why "$((_ou_during - _ou_warnings)) WARN lines for one outage, want 1" || return
    _ou_warning=$(in_chroot grep ' WARN ' "$JDAEMON_LOG" | tail -n 1)
    echo "$_ou_warning" | grep -q -e "$_ou_expected" ||
        why "the WARN does not say '$_ou_expected': $_ou_warning" || return
    sleep "$(intervals 4)"
    records_intact --allow "$_ou_from:$_ou_to" "$@"
}

warned_since() {
    [ "$(log_lines WARN)" -gt "$1" ]
}

# on_tmpfs DIR SIZE FUNCTION: runs FUNCTION with the service writing to a
# tmpfs of SIZE mounted over DIR for the service user, restarted so that it
# (under systemd, its own mount namespace) uses it; unmounts it afterwards
# whatever FUNCTION returned.
on_tmpfs() {
    service_cmd stop || why "stop exits $?" || return
    sh_in "mount -t tmpfs -o size=$2,mode=0750,uid=$(in_chroot id -u "$SERVICE_USER"),gid=$(in_chroot id -g "$SERVICE_USER") \
        jdaemon-faults $1" || why "cannot mount a tmpfs on $1" || return
    _ot_status=0
    tmpfs_started && "$3" || _ot_status=1
    _ot_why=$WHY
    service_cmd stop || why "stop exits $?" || _ot_status=1
    in_chroot umount "$1" || why "cannot unmount $1" || _ot_status=1
    WHY=${_ot_why:-$WHY}
    return "$_ot_status"
}

tmpfs_started() {
    service_cmd start || why "start on the tmpfs exits $?: $(output_tail "$OUT")" || return
    wait_for 5 in_chroot test -s "$RECORDS" || why "no record on the tmpfs" || return
    sleep "$(intervals 4)"
}

case_output_dir_deleted() {
    fresh_service || return
    outage "rm -rf $RECORDS_DIR" \
        "install -d -o $SERVICE_USER -g $SERVICE_USER -m 0750 $RECORDS_DIR" "$RECORDS" --partial
}

case_output_file_deleted() {
    fresh_service || return
    sleep "$(intervals 4)"
    _fd_before=$(now_ms)
    in_chroot rm "$RECORDS"
    wait_for 5 in_chroot test -s "$RECORDS" || why "no new file within 5 s" || return
    _fd_first=$(head -n 1 "$CHROOT_DIR$RECORDS" | cut -d' ' -f3)
    NOTE="new file's first record $(($(date -d "$_fd_first" +%s%3N) - _fd_before)) ms after the delete"
    _fd_mode=$(in_chroot stat -c '%a %U' "$RECORDS")
    [ "$_fd_mode" = "640 $SERVICE_USER" ] || why "the new file is $_fd_mode, want 640 $SERVICE_USER" || return
    sleep "$(intervals 4)"
    records_intact --partial
}

case_output_file_unwritable() {
    fresh_service || return
    outage "chown root:root $RECORDS" "chown $SERVICE_USER:$SERVICE_USER $RECORDS" "$RECORDS"
}

# The file and a new directory trade places in one rename (renameat2's
# RENAME_EXCHANGE, syscall 316 on x86_64; mv --exchange is not in Debian 12),
# and the directory is removed again to repair it: with a moment without a
# file at the path, the service would create a new one there, and a record
# could land where the test does not look.
case_output_file_replaced_by_dir() {
    fresh_service || return
    sleep "$(intervals 4)"
    # shellcheck disable=SC2016 # Perl code, not shell
    outage "mkdir $RECORDS.dir && perl -e 'syscall(316, -100, \$ARGV[0], -100, \$ARGV[1], 2) == 0 or
            die \"renameat2: \$!\n\"' $RECORDS.dir $RECORDS" \
        "rmdir $RECORDS" "not a regular file" "$RECORDS.dir" "$RECORDS"
}

# The tmpfs holds a few pages; a filler file takes the rest. A record that
# only partly fits must leave no fragment.
case_disk_full() {
    on_tmpfs "$RECORDS_DIR" 64k fill_records_dir
}

fill_records_dir() {
    outage "dd if=/dev/zero of=$RECORDS_DIR/filler bs=1k 2>/dev/null; true" "rm $RECORDS_DIR/filler" \
        "\(No space left on device\|short write\)"
}

case_read_only_remount() {
    on_tmpfs "$RECORDS_DIR" 1m remount_records_dir
}

remount_records_dir() {
    outage "mount -o remount,ro $RECORDS_DIR" "mount -o remount,rw $RECORDS_DIR" "Read-only file system"
}

# rotate_records OPTION [CHECK_OPTION]: logrotate's rotation of the output
# file, three times while the service writes, as a logrotate.d file would do
# it; CHECK_OPTION (--lossy) goes to check-records with each round's window.
rotate_records() {
    printf '%s {\n    su %s %s\n    rotate 10\n    nocompress\n    %s\n}\n' \
        "$RECORDS" "$SERVICE_USER" "$SERVICE_USER" "$1" >"$CHROOT_DIR/root/faults/records.logrotate"
    _rr_windows=
    for _rr_round in 1 2 3; do
        sleep "$(intervals 5)"
        _rr_from=$(now_ms)
        in_chroot logrotate -f -s /root/faults/logrotate.state /root/faults/records.logrotate >"$OUT" 2>&1 ||
            why "logrotate round $_rr_round exits $?: $(output_tail "$OUT")" || return
        _rr_windows="$_rr_windows ${2:-} ${2:+$_rr_from:$(now_ms)}"
    done
    sleep "$(intervals 5)"
    # shellcheck disable=SC2086 # option words built above
    records_intact $_rr_windows "$RECORDS.3" "$RECORDS.2" "$RECORDS.1" "$RECORDS"
}

case_logrotate_create() {
    fresh_service || return
    rotate_records "create 0640 $SERVICE_USER $SERVICE_USER"
}

# A record written between logrotate's copy and its truncation is lost, as
# logrotate(8) warns: jdaemon cannot see it go. What is judged is the rest:
# no torn record, no hole of NUL bytes (the file is opened for appending), no
# record lost outside those windows.
case_logrotate_copytruncate() {
    fresh_service || return
    rotate_records copytruncate --lossy
}

# jdaemon.log gone: records go on.
case_log_dir_deleted() {
    fresh_service || return
    _ld_status=0
    log_dir_deleted || _ld_status=1
    # What postinst made, so that the next cases start from an installed system.
    sh_in "install -d -o $SERVICE_USER -g $SERVICE_USER -m 0750 $LOG_DIR"
    return "$_ld_status"
}

log_dir_deleted() {
    _ld_from=$(record_count)
    in_chroot rm -rf "$LOG_DIR"
    sleep "$(intervals 8)"
    [ "$(record_count)" -ge $((_ld_from + 6)) ] || why "records stopped with the log directory gone" || return
    records_intact
}

# A full log file system: an outage of the records that the log cannot
# record still ends by itself, and no record is lost to the full log.
case_log_dir_full() {
    fresh_service || return
    on_tmpfs "$LOG_DIR" 256k outage_with_full_log
}

outage_with_full_log() {
    sh_in "dd if=/dev/zero of=$LOG_DIR/filler bs=1k 2>/dev/null; true"
    _lf_from=$(now_ms)
    sh_in "chown root:root $RECORDS"
    sleep "$(intervals 4)"
    _lf_to=$(now_ms)
    sh_in "chown $SERVICE_USER:$SERVICE_USER $RECORDS"
    wait_for 5 record_after "$_lf_to" || why "no record within 5 s of the repair, with the log full" || return
    sleep "$(intervals 4)"
    records_intact --allow "$_lf_from:$_lf_to"
}

runtime_cases() {
    fault_case output-dir-deleted case_output_dir_deleted
    fault_case output-file-deleted case_output_file_deleted
    fault_case output-file-unwritable case_output_file_unwritable
    fault_case output-file-replaced-by-dir case_output_file_replaced_by_dir
    fault_case disk-full case_disk_full
    fault_case read-only-remount case_read_only_remount
    fault_case logrotate-create case_logrotate_create
    fault_case logrotate-copytruncate case_logrotate_copytruncate
    fault_case log-dir-deleted case_log_dir_deleted
    fault_case log-dir-full case_log_dir_full
}
