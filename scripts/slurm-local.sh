#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for `slidegraph sweep --executor slurm` and its test.
#   scripts/slurm-local.sh start   install Debian's slurm-wlm and munge if missing, write a one-node
#                                  slurm.conf (2 CPUs, this host on 127.0.0.1), start munged,
#                                  slurmctld and slurmd; does nothing that is already done
#   scripts/slurm-local.sh stop    stop the three daemons
#   scripts/slurm-local.sh status  print whether the cluster answers
# The daemons are started directly (no systemd needed); run as root, as in a container or CI.
set -euo pipefail

conf=/etc/slurm/slurm.conf
host=$(hostname -s)
log=/var/log/slurm

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

install() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null; then return; fi
  if [ "$(id -u)" != 0 ]; then echo "slurm-local: installing slurm-wlm needs root" >&2; exit 2; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
}

configure() {
  mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd "$log"
  local want
  want=$(cat <<CONF
# Written by slidegraph's scripts/slurm-local.sh: one node, this machine, 2 CPUs.
ClusterName=slidegraph
SlurmctldHost=${host}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=${log}/slurmctld.log
SlurmdLogFile=${log}/slurmd.log
MaxArraySize=100001
NodeName=${host} NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=local Nodes=${host} Default=YES MaxTime=INFINITE State=UP
CONF
)
  if [ ! -f "$conf" ] || [ "$(cat "$conf")" != "$want" ]; then printf '%s\n' "$want" >"$conf"; fi
}

start_munge() {
  if [ ! -f /etc/munge/munge.key ]; then
    if command -v mungekey >/dev/null; then mungekey --create >/dev/null; else dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none; fi
  fi
  chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge
  if ! running /run/munge/munged.pid; then runuser -u munge -- /usr/sbin/munged; fi
}

start() {
  install
  configure
  start_munge
  running /run/slurmctld.pid || slurmctld
  running /run/slurmd.pid || slurmd
  for _ in $(seq 1 30); do
    if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
      echo "slurm-local: one-node cluster up ($(sinfo -h -o '%N %c CPUs %T'))"
      return
    fi
    # A node that was down when slurmctld last saw it comes back once slurmd is up.
    scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true
    sleep 1
  done
  echo "slurm-local: the cluster did not come up; see $log/slurmctld.log and $log/slurmd.log" >&2
  exit 1
}

stop() {
  for pid in /run/slurmd.pid /run/slurmctld.pid /run/munge/munged.pid; do
    if running "$pid"; then kill "$(cat "$pid")"; fi
  done
  echo "slurm-local: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) sinfo ;;
  *) echo "usage: scripts/slurm-local.sh start|stop|status" >&2; exit 2 ;;
esac
