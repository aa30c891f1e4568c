// The lower half that the launch and enter dialogs share: the equivalent command line, the
// one-line error and the privilege note, "Open in terminal" / "Run and show output" / Close, and
// the pane where a run's merged output and exit status appear. The dialog says what to run (the
// helper's argv, asked for at the moment of starting) and why it may not (setError); this
// widget starts it, owns the QProcess and keeps the buttons in step with both.
#pragma once

#include <QProcess>
#include <QStringList>
#include <QWidget>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace nsx::gui {

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

} // namespace nsx::gui
