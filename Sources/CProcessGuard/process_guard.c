// The guard is forked from a process with many threads, so the child runs only
// async-signal-safe calls on memory it owns: no allocation, no locks, no Swift runtime. That is
// why it is written in C.
#define _GNU_SOURCE
#include "process_guard.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { max_groups = 1024 };

static void sleep_ms(int ms) {
  struct timespec left = {ms / 1000, (long)(ms % 1000) * 1000000L};
  while (nanosleep(&left, &left) != 0 && errno == EINTR) {}
}

static void stop_all(const int32_t *groups, int count, int grace_ms) {
  int alive = 0;
  for (int i = 0; i < count; i++) {
    if (groups[i] > 0 && kill(-groups[i], SIGTERM) == 0) alive = 1;
  }
  if (!alive) return;
  sleep_ms(grace_ms);
  for (int i = 0; i < count; i++) {
    if (groups[i] > 0) kill(-groups[i], SIGKILL);
  }
}

/// Closes every descriptor but `keep`: in two calls where the kernel has close_range (5.9),
/// else one by one.
static void close_all_but(int keep) {
#ifdef SYS_close_range
  if ((keep == 0 || syscall(SYS_close_range, 0, keep - 1, 0) == 0) && syscall(SYS_close_range, keep + 1, ~0U, 0) == 0) return;
#endif
  long highest = sysconf(_SC_OPEN_MAX);
  if (highest < 0 || highest > 65536) highest = 65536;
  for (int fd = 0; fd < highest; fd++) {
    if (fd != keep) close(fd);
  }
}

static void run_guard(int input, int grace_ms) {
  struct sigaction ignore = {0};
  ignore.sa_handler = SIG_IGN;
  int ignored[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU};
  for (unsigned i = 0; i < sizeof ignored / sizeof ignored[0]; i++) sigaction(ignored[i], &ignore, 0);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, 0);
  setpgid(0, 0);  // out of the terminal's job: Ctrl-C is Tillit's to handle
  prctl(PR_SET_NAME, "tillit-guard", 0, 0, 0);
  close_all_but(input);  // holds no lock, pipe or terminal of Tillit's

  int32_t groups[max_groups];
  int count = 0;
  int32_t value;
  for (;;) {
    // A descriptor handed over (value 0) is kept, unused, until the guard exits: see
    // tillit_guard_hand_over.
    char control[CMSG_SPACE(sizeof(int))];
    struct iovec part = {&value, sizeof value};
    struct msghdr message = {0};
    message.msg_iov = &part;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    ssize_t got = recvmsg(input, &message, MSG_WAITALL | MSG_CMSG_CLOEXEC);
    if (got < 0 && errno == EINTR) continue;
    if (got != (ssize_t)sizeof value) break;  // Tillit is gone (or wrote nonsense): stop all
    if (value == 0) continue;
    if (value > 0) {
      if (count < max_groups) groups[count++] = value;
    } else {
      for (int i = 0; i < count; i++) {
        if (groups[i] == -value) { groups[i] = groups[--count]; break; }
      }
    }
  }
  stop_all(groups, count, grace_ms);
  _exit(0);
}

int tillit_guard_start(int grace_ms) {
  // A socket rather than a pipe: Tillit writes with MSG_NOSIGNAL, so a guard killed by hand
  // cannot take Tillit down with SIGPIPE.
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) return -1;
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return -1;
  }
  if (pid == 0) run_guard(fds[0], grace_ms);
  close(fds[0]);
  return fds[1];
}

int tillit_guard_hand_over(int guard, int descriptor) {
  int32_t value = 0;
  struct iovec part = {&value, sizeof value};
  char control[CMSG_SPACE(sizeof(int))] = {0};
  struct msghdr message = {0};
  message.msg_iov = &part;
  message.msg_iovlen = 1;
  message.msg_control = control;
  message.msg_controllen = sizeof control;
  struct cmsghdr *header = CMSG_FIRSTHDR(&message);
  header->cmsg_level = SOL_SOCKET;
  header->cmsg_type = SCM_RIGHTS;
  header->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(header), &descriptor, sizeof(int));
  return sendmsg(guard, &message, MSG_NOSIGNAL) == (ssize_t)sizeof value ? 0 : -1;
}

int tillit_spawn_add_chdir(posix_spawn_file_actions_t *actions, const char *directory) {
  return posix_spawn_file_actions_addchdir_np(actions, directory);
}
