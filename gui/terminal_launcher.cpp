#include "terminal_launcher.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace nsx::gui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("nsx::gui::TerminalLauncher", text);
}

QString findIn(const QString& name, const QProcessEnvironment& env)
{
    if (name.contains('/')) {
        const QFileInfo fi(name);
        return fi.isAbsolute() && fi.isFile() && fi.isExecutable() ? fi.absoluteFilePath()
                                                                   : QString();
    }
    const QStringList paths = env.value("PATH").split(':', Qt::SkipEmptyParts);
    return QStandardPaths::findExecutable(name, paths);
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

QStringList TerminalLauncher::candidates()
{
    return {"x-terminal-emulator", "konsole", "gnome-terminal", "xterm"};
}

std::optional<Terminal> TerminalLauncher::find(const QProcessEnvironment& env)
{
    // $TERMINAL may carry its own options ("kitty --single-instance"): the first word is the
    // program, the rest go before the run option.
    const QStringList words = QProcess::splitCommand(env.value("TERMINAL"));
    if (!words.isEmpty()) {
        const QString program = findIn(words.first(), env);
        if (!program.isEmpty())
            return Terminal{program, words.mid(1) + runOption(program)};
    }
    for (const QString& name : candidates()) {
        const QString program = findIn(name, env);
        if (!program.isEmpty())
            return Terminal{program, runOption(program)};
    }
    return std::nullopt;
}

QStringList TerminalLauncher::keepOpenOnFailure(const QStringList& command)
{
    // $0 carries the (translated) printf format, "$@" the command: nothing is interpolated
    // into the script itself. The terminal's settings are saved before and restored after: a
    // command killed while it had the terminal in raw mode (the helper's relay, SIGKILLed by
    // Stop container) would leave it so, and Enter would not end the `read`.
    const QString script = QStringLiteral(
        "t=$(stty -g 2>/dev/null); \"$@\"; s=$?; [ -n \"$t\" ] && stty \"$t\" 2>/dev/null; "
        "if [ \"$s\" -ne 0 ]; then printf \"$0\" \"$s\"; read -r _; fi; exit \"$s\"");
    const QString message = tr("\n[nsexplorer: exited with status %s; press Enter to close] ");
    return QStringList{"/bin/sh", "-c", script, message} + command;
}

QStringList TerminalLauncher::commandLine(const Terminal& terminal, const QStringList& command)
{
    return QStringList{terminal.program} + terminal.prefixArgs + command;
}

QString TerminalLauncher::start(const QStringList& command, qint64* pid,
                                const QProcessEnvironment& env)
{
    const auto terminal = find(env);
    if (!terminal)
        return tr("No terminal emulator found: set $TERMINAL or install one of %1")
            .arg(candidates().join(", "));
    const QStringList argv = commandLine(*terminal, command);
    QProcess process;
    process.setProgram(argv.first());
    process.setArguments(argv.mid(1));
    process.setProcessEnvironment(env);
    process.setStandardInputFile(QProcess::nullDevice());
    if (!process.startDetached(pid))
        return tr("Cannot start %1").arg(terminal->program);
    return {};
}

} // namespace nsx::gui
