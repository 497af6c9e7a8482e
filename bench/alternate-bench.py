# Times commands round by round, in turn (the order rotated each round), instead of all of one
# command's rounds and then the next's as hyperfine does: on a shared machine, a busy minute
# then weighs on every command alike. Before each run, FILE in the command's repository gets
# new content and is staged (as bench/builtins-bench.sh's --prepare does).
#
#   python3 bench/alternate-bench.py REPO FILE ROUNDS NAME=[REPO::]COMMAND...
#
# A command runs in its own REPO when it names one, else in the first; 3 rounds warm up. The
# last command is the one the others are compared with. Prints each command's median wall time
# and its mean and median CPU time (user + system, from wait4).
import os, shlex, statistics, subprocess, sys, time

repo, file, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
commands = dict(argument.split("=", 1) for argument in sys.argv[4:])
names = list(commands)
results = {name: ([], []) for name in names}


def stage(where):
    with open(os.path.join(where, file), "w") as f:
        f.write(f"bench round {time.time_ns()}\n")
    subprocess.run(["git", "-C", where, "add", "--", file], check=True)


print(f"load average before: {os.getloadavg()}")
quiet = [(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0), (os.POSIX_SPAWN_OPEN, 2, "/dev/null", os.O_WRONLY, 0)]
for round in range(rounds + 3):
    for name in names[round % len(names):] + names[:round % len(names)]:
        where, _, command = commands[name].rpartition("::")
        where = where or repo
        stage(where)
        os.chdir(where)
        argv = shlex.split(command)
        start = time.perf_counter()
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=quiet)
        _, _, usage = os.wait4(pid, 0)
        if round >= 3:
            results[name][0].append((time.perf_counter() - start) * 1000)
            results[name][1].append((usage.ru_utime + usage.ru_stime) * 1000)
print(f"load average after: {os.getloadavg()}")
base = names[-1]
for name in names:
    wall, cpu = results[name]
    print(f"{name:8s} median {statistics.median(wall):6.1f} ms  CPU mean {statistics.mean(cpu):6.1f} ms, median {statistics.median(cpu):6.1f} ms  "
          f"vs {base}: {statistics.median(wall) / statistics.median(results[base][0]):.2f} x wall, "
          f"{statistics.mean(cpu) / statistics.mean(results[base][1]):.2f} x CPU")
