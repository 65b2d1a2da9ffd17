// adledger-spawn PROGRAM ARGUMENTS…: runs PROGRAM to its end and writes "status wall-seconds cpu-seconds peak-KB" to
// descriptor 3. adledger-bench measures its children through it: Linux starts a child's peak RSS at the size of the
// process that spawned it, and this one is about a megabyte (the bench itself, a Swift program, is over 20 MB).
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: adledger-spawn PROGRAM [ARGUMENTS…] (reports on descriptor 3)\n");
        return 2;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addclose(&actions, 3);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid;
    if (posix_spawn(&pid, argv[1], &actions, NULL, argv + 1, environ) != 0) return 127;
    int status = 0;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) < 0) return 1;
    clock_gettime(CLOCK_MONOTONIC, &end);
    double wall = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    double cpu = (double)usage.ru_utime.tv_sec + (double)usage.ru_utime.tv_usec / 1e6 + (double)usage.ru_stime.tv_sec
        + (double)usage.ru_stime.tv_usec / 1e6;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    char line[128];
    int length = snprintf(line, sizeof line, "%d %.6f %.6f %ld", code, wall, cpu, usage.ru_maxrss);
    if (length > 0 && write(3, line, (size_t)length) != length) return 1;
    return 0;
}
