/// # Dashboard
/// The pure UI: app state and `update`, keymap (which also writes the help), themes,
/// the view model and `render` into an off-screen `CellBuffer`. No curses here.
