// The lower half that the launch and enter dialogs share: the equivalent command line, the
// one-line error and the privilege note, "Open in terminal" / "Run and show output" / Close, and
// the pane where a run's merged output and exit status appear. The dialog says what to run (the
// helper's argv, asked for at the moment of starting) and why it may not (setError); this
// widget starts it, owns the QProcess and keeps the buttons in step with both.
// HelperDialog is the base of both dialogs: the RunOutput at the bottom and the API they share.
#pragma once

#include "launch_request.h"

#include <QDialog>
#include <QProcess>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <optional>

class QBoxLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace nsx::gui {

// A refusal's words (backend::RequestText) in the user's language: each English template
// through QCoreApplication::translate("RequestError", ...), where lupdate files the backend's
// QT_TRANSLATE_NOOP marks, then the arguments (user input, numbers) put in as they are.
QString requestText(const backend::RequestText& text);
// "field: message" in the user's language, the option name kept as it is ("hostname: ...").
QString requestErrorLine(const backend::RequestError& error);

class RunOutput : public QWidget
{
    Q_OBJECT
public:
    // `previewLines`: how many lines of the equivalent command line show without scrolling.
    // `command`: the argv to start (empty: nothing can start).
    RunOutput(int previewLines, std::function<QStringList()> command, QWidget* parent = nullptr);
    // A command still running is terminated (killed after 3 s), so it is not orphaned
    // mid-output.
    ~RunOutput() override;

    void setPreview(const QString& commandLine);
    QString previewText() const;
    // The one-line reason the command cannot start; empty when it can. Enables the buttons.
    void setError(const QString& error);
    QString errorText() const { return m_errorText; }
    // Shown under the error when not empty (e.g. "you will be asked to authenticate").
    void setPrivilegeNote(const QString& note);
    bool isRunning() const;

public slots:
    // Both do nothing while there is an error. Starts the command in the user's terminal,
    // detached; launched() with the terminal's pid.
    void openInTerminal();
    // Runs the command here with stdin from /dev/null, its merged stdout/stderr streaming into
    // the pane; launched() with its pid. Does nothing while a run is in progress.
    void run();

signals:
    void closeRequested(); // the Close button
    void launched(qint64 pid);

private:
    void appendOutput();
    void updateButtons();

    std::function<QStringList()> m_command;
    QPlainTextEdit* m_preview = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_privilegeNote = nullptr;
    QPushButton* m_terminalButton = nullptr;
    QPushButton* m_runButton = nullptr;
    QPlainTextEdit* m_output = nullptr;
    QLabel* m_exitStatus = nullptr;
    QProcess* m_process = nullptr;
    QString m_errorText;
};

// "nsexplorer-helper was not found…", for both dialogs' error line.
QString helperNotFoundText();

class HelperDialog : public QDialog
{
    Q_OBJECT
public:
    QString previewText() const;
    // Empty when the request can be started; otherwise the one-line reason, naming the field.
    QString errorText() const;
    bool canLaunch() const;
    // The argv that starts the helper for the current request (pkexec first when it needs
    // privilege); empty if the helper was not found.
    virtual QStringList helperCommandLine() const = 0;

public slots:
    void openInTerminal();
    void runAndShowOutput();

signals:
    // A launch was started: the helper's pid (run) or the terminal's (terminal).
    void launched(qint64 pid);

protected:
    explicit HelperDialog(QWidget* parent);
    // Puts the RunOutput at the bottom of `layout`, taking the spare height.
    void addRunOutput(QBoxLayout* layout, int previewLines);
    // Shows the equivalent command line, the privilege note (none when empty) and the first
    // reason the request cannot start: `error` when the dialog found one, else a `command` that
    // does not split into words, else the validator's `invalid`, else a helper not found.
    void showState(const QString& preview, const QString& error, const QString& command,
                   const std::optional<backend::RequestError>& invalid,
                   const QString& privilegeNote);

private:
    RunOutput* m_run = nullptr;
};

} // namespace nsx::gui
