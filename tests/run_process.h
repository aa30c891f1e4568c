// Runs a program to its end for a test: exit code, stdout, stderr. One place for the CLI tests'
// runner (tests/io, tests/i18n).
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace nsx::test {

struct Run
{
    int exitCode = -1; // -1: did not start or did not finish in time; -2: killed by a signal
    QByteArray out, err;
};

struct RunOptions
{
    QByteArray input;        // written to stdin, which is then closed
    QStringList extraEnv;    // NAME=VALUE added to this process's environment
    QProcessEnvironment env; // the whole environment, when not empty
    int timeoutMs = 120000;  // generous: a live scan on a loaded 2-core machine
};

inline Run runProcess(const QString& program, const QStringList& args, const RunOptions& o = {})
{
    QProcess p;
    if (!o.env.isEmpty())
        p.setProcessEnvironment(o.env);
    else if (!o.extraEnv.isEmpty())
        p.setEnvironment(QProcess::systemEnvironment() + o.extraEnv);
    p.start(program, args);
    Run r;
    if (!p.waitForStarted(20000))
        return r;
    p.write(o.input);
    p.closeWriteChannel();
    if (!p.waitForFinished(o.timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace nsx::test
