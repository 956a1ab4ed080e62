#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

/* Must come before any curses include so the wide-char (cchar_t, get_wch,
 * mvwadd_wch, setcchar, ...) declarations are visible. SwiftPM drops the
 * -D_XOPEN_SOURCE=600 that `pkg-config --cflags ncursesw` returns
 * ("warning: prohibited flag(s)"), so the shim sets it itself. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <stdint.h>
#include <stdio.h>
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* Attributes: A_* are NCURSES_BITS(...) cast macros, which Swift cannot import. */
static inline attr_t cn_A_NORMAL(void)    { return A_NORMAL; }
static inline attr_t cn_A_BOLD(void)      { return A_BOLD; }
static inline attr_t cn_A_DIM(void)       { return A_DIM; }
static inline attr_t cn_A_REVERSE(void)   { return A_REVERSE; }
static inline attr_t cn_A_UNDERLINE(void) { return A_UNDERLINE; }

/* stdscr/COLORS/COLOR_PAIRS are mutable C globals: Swift 6 rejects touching them
 * directly ("not concurrency-safe"), so expose them as functions. */
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_COLORS(void) { return COLORS; }
static inline int cn_COLOR_PAIRS(void) { return COLOR_PAIRS; }

/* getmaxyx is an assignment macro with no function form. */
static inline void cn_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }

/* nl_langinfo(CODESET) without touching the CODESET enum from Swift. */
static inline const char *cn_codeset(void) { return nl_langinfo(CODESET); }

/* Draw one scalar (wchar_t) with attrs + extended pair number
 * (pairs > 32767 need the opts-pointer form of setcchar). */
static inline int cn_mvwadd_wchar(WINDOW *w, int y, int x, wchar_t ch, attr_t attr, int pair) {
    cchar_t cc;
    wchar_t wstr[2] = { ch, L'\0' };
    if (setcchar(&cc, wstr, attr, 0, &pair) == ERR) return ERR;
    return mvwadd_wch(w, y, x, &cc);
}

/* Whether a terminal type can draw a full screen, from its terminfo entry, without
 * taking the terminal: setupterm() on a TERMINAL of our own, freed before returning, so
 * nothing is written and no curses state is left behind (newterm() on "dumb" succeeds and
 * then draws nothing). tigetstr() returns NULL for an absent capability and (char *)-1 for
 * a name that is not a string capability: neither is a cursor address. `term` NULL means
 * $TERM. Returns 1 can draw; 0 no cursor addressing (dumb, hardcopy); -1 no such terminal
 * type; -2 no terminfo database. */
static inline int cn_terminal_can_draw(const char *term, int fd) {
    int err = 0;
    TERMINAL *saved = cur_term;
    int can;
    if (setupterm(term, fd, &err) != OK) {
        /* err: 1 hardcopy, 0 type not found (or generic), -1 no database. */
        can = err == 1 ? 0 : (err == 0 ? -1 : -2);
    } else {
        char *cup = tigetstr("cup");
        can = cup != NULL && cup != (char *)-1 && tigetflag("hc") <= 0;
    }
    /* A failed setupterm may still have set cur_term (hardcopy): free whatever it made. */
    TERMINAL *mine = set_curterm(saved);
    if (mine != NULL && mine != saved) del_curterm(mine);
    return can;
}

#endif
