#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# slurm-array: contrib/slurm/precis-eval.sbatch on a real single-node Slurm
# (suite `slurm`). Starts its own munged, slurmctld and slurmd on localhost
# with a generated minimal slurm.conf in a temporary directory (free ports, its
# own munge key and socket), submits the array job for 4 shards of a synthetic
# project, waits for the dependent merge job and checks that its output is byte
# for byte `precis-cli eval` run in one process, for both protocols. Every
# daemon it started is stopped at the end, on failure too. Needs root
# (slurmd), slurm-wlm and munge. Prints TAP.
#
#   PRECIS_CLI=build/src/cli/precis-cli tests/slurm-array.sh [SRCDIR]
set -euo pipefail

srcdir=${1:-${G_TEST_SRCDIR:-$(dirname "$0")}/..}
sbatch_script=$(cd "$srcdir" && pwd)/contrib/slurm/precis-eval.sbatch
cli=${PRECIS_CLI:?PRECIS_CLI: the precis-cli to test}
cli=$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")

tmp=$(mktemp -d /tmp/precis-slurm-XXXXXX)
chmod 700 "$tmp"
pids=()
n_test=0

cleanup ()
{
  local status=$?
  # Daemons first, newest first; each by the pid it was started with.
  for ((k = ${#pids[@]} - 1; k >= 0; k--)); do
    kill "${pids[k]}" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [[ $status -ne 0 ]]; then
    for log in "$tmp"/*.log "$tmp"/out/*.log; do
      [[ -f $log ]] && sed "s|^|# $(basename "$log"): |" "$log" | tail -n 20
    done
  fi
  rm -rf "$tmp"
  exit $status
}
trap cleanup EXIT INT TERM

ok ()
{
  n_test=$((n_test + 1))
  echo "ok $n_test - $1"
}

fail ()
{
  n_test=$((n_test + 1))
  echo "not ok $n_test - $1"
  exit 1
}

# A TCP port in 20000–59999 that nothing listens on (bash's /dev/tcp connects).
free_port ()
{
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    if ! (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

# Waits up to $2 tenths of a second for the command $1 to succeed.
wait_for ()
{
  for _ in $(seq "$2"); do
    if eval "$1" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.1
  done
  return 1
}

echo "1..4"
[[ $(id -u) -eq 0 ]] || fail "runs as root (slurmd needs it)"
for prog in munged mungekey slurmctld slurmd sbatch squeue scontrol sinfo; do
  command -v "$prog" >/dev/null || fail "$prog is installed (slurm-wlm, munge)"
done

# --- munge ------------------------------------------------------------------
mkdir -p "$tmp/munge" "$tmp/state" "$tmp/spool" "$tmp/out"
chmod 700 "$tmp/munge"
mungekey --create --keyfile="$tmp/munge/munge.key" --force
munged --foreground --force --socket="$tmp/munge/socket" --key-file="$tmp/munge/munge.key" \
  --pid-file="$tmp/munge/munged.pid" --seed-file="$tmp/munge/seed" \
  --log-file="$tmp/munged.log" 2>> "$tmp/munged.log" &
pids+=($!)
wait_for "[[ -S $tmp/munge/socket ]]" 100 || fail "munged starts"

# --- slurm ------------------------------------------------------------------
host=$(hostname -s)
cat > "$tmp/slurm.conf" <<CONF
ClusterName=precis-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
AuthType=auth/munge
AuthInfo=socket=$tmp/munge/socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=300
KillWait=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$tmp/slurm.conf

slurmctld -D -i -f "$SLURM_CONF" > "$tmp/slurmctld.out" 2>&1 &
pids+=($!)
wait_for "scontrol ping | grep -q UP" 150 || fail "slurmctld starts"
slurmd -D -N "$host" -f "$SLURM_CONF" > "$tmp/slurmd.out" 2>&1 &
pids+=($!)
wait_for "sinfo -h -N -o %t | grep -qE '^(idle|mix|alloc)'" 300 || fail "slurmd registers its node"
ok "munged, slurmctld and slurmd run on $host"

# --- the synthetic project and the single-process reference ------------------
"$cli" synth --quiet --images 60 --preds-per-image 20 --kind segm --out "$tmp/project"
"$cli" eval "$tmp/project" --iou-type segm --json > "$tmp/active.json"
"$cli" eval "$tmp/project" --iou-type segm --protocol coco --json > "$tmp/coco.json"

# --- the array job and the merge, for each protocol --------------------------
run_array ()
{
  local name=$1
  shift
  local ids merge state
  ids=$(PRECIS_CLI=$cli "$sbatch_script" submit 4 "$tmp/out/$name" "$tmp/project" --iou-type segm "$@")
  merge=${ids#* }
  # The merge job leaves the queue when it ends (or is cancelled: a task failed).
  wait_for "! squeue -h -j $merge -o %T | grep -q ." 900 || fail "$name: the merge job $merge ends"
  state=$(scontrol show job "$merge" 2>/dev/null | grep -o 'JobState=[A-Z]*' || true)
  [[ $state == JobState=COMPLETED ]] || fail "$name: the merge job completed ($state)"
}

run_array active
cmp "$tmp/out/active/eval.json" "$tmp/active.json" \
  || fail "active: the merged eval.json is the single-process eval --json"
ok "active: 4 shards merged by the dependent job equal one process, byte for byte"

run_array coco --protocol coco
cmp "$tmp/out/coco/eval.json" "$tmp/coco.json" \
  || fail "coco: the merged eval.json is the single-process eval --json"
ok "coco: 4 shards merged by the dependent job equal one process, byte for byte"

[[ $(ls "$tmp"/out/coco/shard-*-of-4.partial | wc -l) -eq 4 ]] || fail "one partial per task"
ok "each array task wrote its partial"
