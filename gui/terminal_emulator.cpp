#include "terminal_emulator.h"

#include "trusted_path.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <spdlog/spdlog.h>
#include <unistd.h>

namespace nsx::gui {

namespace {

// A root GUI may carry a user's environment (`sudo -E`): then a terminal is run only from a
// file that only root can change (rootOnlyFile), found through PATH folder by folder, and by
// its resolved path (a symlink cannot be swapped between the check and the start).
bool asRoot()
{
    return ::geteuid() == 0;
}

QString trusted(const QString& program)
{
    std::string why;
    if (auto path = backend::rootOnlyFile(QFile::encodeName(program).toStdString(), &why))
        return QFile::decodeName(QByteArray::fromStdString(*path));
    spdlog::debug("terminal: skipping {}: {}", program.toStdString(), why);
    return {};
}

QString findIn(const QString& name, const QProcessEnvironment& env)
{
    if (name.contains('/')) {
        const QFileInfo fi(name);
        if (!fi.isAbsolute() || !fi.isFile() || !fi.isExecutable())
            return {};
        return asRoot() ? trusted(fi.absoluteFilePath()) : fi.absoluteFilePath();
    }
    const QStringList paths = env.value("PATH").split(':', Qt::SkipEmptyParts);
    if (!asRoot())
        return QStandardPaths::findExecutable(name, paths);
    for (const QString& dir : paths) {
        const QString found = QStandardPaths::findExecutable(name, {dir});
        if (found.isEmpty())
            continue;
        if (QString ok = trusted(found); !ok.isEmpty())
            return ok;
    }
    return {};
}

// The option that makes each terminal run a command: gnome-terminal wants "--" (its "-e" takes
// one string and is deprecated); the others, and $TERMINAL by convention, take "-e" + argv.
QStringList runOption(const QString& program)
{
    const QString base = QFileInfo(program).fileName();
    if (base == "gnome-terminal" || base == "gnome-terminal.wrapper")
        return {"--"};
    return {"-e"};
}

} // namespace

QStringList TerminalEmulator::candidates()
{
    return {"x-terminal-emulator", "konsole", "gnome-terminal", "xterm"};
}

std::optional<Terminal> TerminalEmulator::find(const QProcessEnvironment& env)
{
    // $TERMINAL may carry its own options ("kitty --single-instance"): the first word is the
    // program, the rest go before the run option.
    const QStringList words = QProcess::splitCommand(env.value("TERMINAL"));
    if (!words.isEmpty()) {
        const QString program = findIn(words.first(), env);
        QStringList options = words.mid(1);
        // As root, $TERMINAL's options are dropped: "xterm -e ~/x" would run ~/x as root
        // whatever the terminal is (the first -e wins).
        if (asRoot() && !options.isEmpty() && !program.isEmpty()) {
            spdlog::warn("running as root: ignoring the options in $TERMINAL ({})",
                         options.join(' ').toStdString());
            options.clear();
        }
        if (!program.isEmpty())
            return Terminal{program, options + runOption(program)};
        if (asRoot())
            spdlog::warn("running as root: ignoring $TERMINAL ({}): not a file that only root "
                         "can change",
                         words.first().toStdString());
    }
    for (const QString& name : candidates()) {
        const QString program = findIn(name, env);
        if (!program.isEmpty())
            return Terminal{program, runOption(program)};
    }
    return std::nullopt;
}

QStringList TerminalEmulator::keepOpenOnFailure(const QStringList& command)
{
    // $0 carries the (translated) printf format, "$@" the command: nothing is interpolated
    // into the script itself. The terminal's settings are saved before and restored after: a
    // command killed while it had the terminal in raw mode (the helper's relay, SIGKILLed by
    // Stop container) would leave it so, and Enter would not end the `read`.
    const QString script = QStringLiteral(
        "t=$(stty -g 2>/dev/null); \"$@\"; s=$?; [ -n \"$t\" ] && stty \"$t\" 2>/dev/null; "
        "if [ \"$s\" -ne 0 ]; then printf \"$0\" \"$s\"; read -r _; fi; exit \"$s\"");
    const QString message =
        QCoreApplication::translate("nsx::gui::TerminalEmulator",
                                    "\n[nsexplorer: exited with status %s; press Enter to close] ");
    return QStringList{"/bin/sh", "-c", script, message} + command;
}

QStringList TerminalEmulator::commandLine(const Terminal& terminal, const QStringList& command)
{
    return QStringList{terminal.program} + terminal.prefixArgs + command;
}

QString TerminalEmulator::start(const QStringList& command, qint64* pid,
                                const QProcessEnvironment& env)
{
    const auto terminal = find(env);
    if (!terminal)
        return QCoreApplication::translate(
                   "nsx::gui::TerminalEmulator",
                   "No terminal emulator found: set $TERMINAL or install one of %1")
            .arg(candidates().join(", "));
    const QStringList argv = commandLine(*terminal, command);
    QProcess process;
    process.setProgram(argv.first());
    process.setArguments(argv.mid(1));
    process.setProcessEnvironment(env);
    process.setStandardInputFile(QProcess::nullDevice());
    if (!process.startDetached(pid))
        return QCoreApplication::translate("nsx::gui::TerminalEmulator", "Cannot start %1")
            .arg(terminal->program);
    return {};
}

} // namespace nsx::gui
