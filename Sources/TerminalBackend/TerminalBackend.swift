/// # TerminalBackend
/// The only module that imports curses: sets the terminal up, reads keys, presents a
/// `CellBuffer` by writing only the cells that changed, and restores the terminal on every exit.
