#ifndef TILLIT_PROCESS_GUARD_H
#define TILLIT_PROCESS_GUARD_H

/// Starts the guard: a small process that outlives nothing. It reads process group ids from a
/// socket (a positive id adds a group, a negative one removes it); when the socket closes because
/// Tillit ended in any way, SIGKILL included, it stops every group still listed (SIGTERM, then
/// SIGKILL after `grace_ms`) and exits. Returns Tillit's end of the socket, or -1.
int tillit_guard_start(int grace_ms);

/// Gives the guard a reference to `descriptor`, which it keeps until it exits (after Tillit).
/// Closing an inotify descriptor waits for the kernel's RCU grace period (10–20 ms); closed
/// last by the guard, that wait is off the hook's path. 0 on success, -1 when not handed over.
int tillit_guard_hand_over(int guard, int descriptor);

#include <spawn.h>

/// glibc's posix_spawn_file_actions_addchdir_np (2.29 and later), which Swift's Glibc module
/// does not import: the child changes folder before its exec.
int tillit_spawn_add_chdir(posix_spawn_file_actions_t *actions, const char *directory);

#endif
