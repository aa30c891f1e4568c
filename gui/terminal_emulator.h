// Finding and starting the user's terminal emulator for an interactive launch or enter.
// Order: $TERMINAL, x-terminal-emulator (Debian's alternative), konsole, gnome-terminal, xterm —
// the first one found in PATH. Each is given the command after its own "run this" option.
// As root (a GUI started with `sudo -E` carries the user's TERMINAL and PATH), only a program
// that only root can change is run (backend::rootOnlyFile), by its resolved path, and the
// options in $TERMINAL are dropped; what was ignored is logged.
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace nsx::gui {

struct Terminal
{
    QString program;        // absolute path
    QStringList prefixArgs; // before the command: "-e" or "--"
};

class TerminalEmulator
{
public:
    // The first terminal found with `env`'s TERMINAL and PATH.
    static std::optional<Terminal>
    find(const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());
    // The full argv to run `command` in `terminal`.
    static QStringList commandLine(const Terminal& terminal, const QStringList& command);
    // Starts `command` in the first terminal found, detached. Empty string on success, otherwise
    // a one-line, translated reason (e.g. no terminal found). `pid` receives the terminal's pid.
    static QString start(const QStringList& command, qint64* pid = nullptr,
                         const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());
    // `command` wrapped so that, if it fails, the terminal stays open with its status until the
    // user presses Enter (a refusal or a missing command would otherwise flash and vanish).
    static QStringList keepOpenOnFailure(const QStringList& command);
    // The names tried after $TERMINAL, in order.
    static QStringList candidates();
};

} // namespace nsx::gui
