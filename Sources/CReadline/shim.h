#ifndef ADLEDGER_CREADLINE_SHIM_H
#define ADLEDGER_CREADLINE_SHIM_H
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <readline/readline.h>
#include <readline/history.h>

// Swift 6 rejects readline's mutable globals as shared state; the shell reaches each one through a
// wrapper, always from the thread running readline().

/// Names the application for `$if adledger` in ~/.inputrc.
static inline void adl_rl_set_readline_name(void) { rl_readline_name = "adledger"; }

/// Installs the function readline calls on Tab.
static inline void adl_rl_set_attempted_completion_function(rl_completion_func_t *function) {
    rl_attempted_completion_function = function;
}

/// Set inside the completion function: 1 stops readline falling back to file names.
static inline void adl_rl_set_attempted_completion_over(int over) { rl_attempted_completion_over = over; }

/// The character appended after a single completion (0 for none).
static inline void adl_rl_set_completion_append_character(int character) {
    rl_completion_append_character = character;
}

/// Word breaks for SQL: '.' and '/' stay inside a word, so `table.column` and paths complete whole.
static inline void adl_rl_set_word_break_characters(void) {
    rl_basic_word_break_characters = " \t\n\"'`@$><=;|&{(,)*+";
    rl_completer_word_break_characters = " \t\n\"'`@$><=;|&{(,)*+";
}

/// Whether readline installs its own signal handlers.
static inline void adl_rl_set_catch_signals(int catch_signals) { rl_catch_signals = catch_signals; }

/// The line being edited.
static inline const char *adl_rl_line_buffer(void) { return rl_line_buffer; }

/// Ends the current readline() call, which returns the line as it stands.
static inline void adl_rl_set_done(int done) { rl_done = done; }

/// Moves the cursor to the end of the line.
static inline void adl_rl_point_to_end(void) { rl_point = rl_end; }

/// Where readline writes the prompt and echo.
static inline FILE *adl_rl_outstream(void) { return rl_outstream; }

/// Installs the function readline reads each key with.
static inline void adl_rl_set_getc_function(rl_getc_func_t *function) { rl_getc_function = function; }

/// Columns and rows of the terminal on `fd`; 0 when it is not a terminal.
static inline int adl_terminal_size(int fd, int *columns, int *rows) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return -1;
    *columns = size.ws_col;
    *rows = size.ws_row;
    return 0;
}

// The pager's child process: glibc declares `environ` only under _GNU_SOURCE, and the wait-status
// tests are macros Swift cannot call.

extern char **environ;

/// The process's environment, handed on to the pager unchanged.
static inline char *const *adl_environ(void) { return environ; }

/// WIFEXITED: the child ended by exit(); its code is adl_wexitstatus.
static inline int adl_wifexited(int status) { return WIFEXITED(status); }
static inline int adl_wexitstatus(int status) { return WEXITSTATUS(status); }

/// WIFSTOPPED: the child is stopped (reported under WUNTRACED); the signal is adl_wstopsig.
static inline int adl_wifstopped(int status) { return WIFSTOPPED(status); }
static inline int adl_wstopsig(int status) { return WSTOPSIG(status); }
#endif
