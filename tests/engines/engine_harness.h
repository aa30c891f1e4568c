// Real engines for the `engines` tests: engines.sh starts one (its own daemon, state folder,
// socket, no bridge) with one container in it, and stops all of it when the test ends, however
// it ends (Engine's destructor, and the engines_cleanup fixture after a crash). Then the checks
// every engine shares: the real Scanner, in process, names the container's namespaces and
// processes.
#pragma once

#include "containers/engine_api.h"
#include "containers/engine_directory.h"
#include "mount_api.h"
#include "scanner.h"
#include "snapshot.h"

#include <QElapsedTimer>
#include <QMap>
#include <QProcess>
#include <QtTest>

#include <fcntl.h>
#include <optional>
#include <string>
#include <sys/ioctl.h>
#include <unistd.h>

namespace nsx::test {

inline QString enginesScript()
{
    return QStringLiteral(NSX_ENGINES_SH);
}

// One started engine. ok() false: why() says what engines.sh said.
class Engine
{
public:
    explicit Engine(QString name) : m_name(std::move(name))
    {
        QElapsedTimer timer;
        timer.start();
        QProcess p;
        p.start(enginesScript(), {QStringLiteral("up"), m_name});
        if (!p.waitForFinished(240000)) {
            p.kill();
            p.waitForFinished();
            m_why = QStringLiteral("engines.sh up %1: no end in 240 s").arg(m_name);
            return;
        }
        const QString err = QString::fromUtf8(p.readAllStandardError()).trimmed();
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            m_why =
                QStringLiteral("engines.sh up %1 failed: %2").arg(m_name, err.section('\n', -3));
            return;
        }
        for (const QString& line : QString::fromUtf8(p.readAllStandardOutput()).split('\n')) {
            const auto eq = line.indexOf('=');
            if (eq > 0)
                m_values.insert(line.left(eq), line.mid(eq + 1));
        }
        qInfo("%s started in %lld ms: %s pid %s", qPrintable(m_name), timer.elapsed(),
              qPrintable(value("NAME")), qPrintable(value("PID")));
    }
    ~Engine()
    {
        QProcess p;
        p.start(enginesScript(), {QStringLiteral("down"), m_name});
        if (!p.waitForFinished(120000))
            p.kill();
        p.waitForFinished();
    }
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    bool ok() const { return m_why.isEmpty() && pid() > 0; }
    QString why() const
    {
        return m_why.isEmpty() ? QStringLiteral("no PID from engines.sh") : m_why;
    }
    QString value(const QString& key) const { return m_values.value(key); }
    std::string str(const QString& key) const { return value(key).toStdString(); }
    int pid() const { return value(QStringLiteral("PID")).toInt(); }

private:
    QString m_name;
    QString m_why;
    QMap<QString, QString> m_values;
};

// One round of an engine directory that asks `socket` alone: what it knows, and which engine
// the socket turned out to be ("" when it did not answer).
struct DirectoryRound
{
    std::vector<backend::containers::EngineContainer> containers;
    std::string engine;
};
inline DirectoryRound askOnce(const backend::containers::EngineSocket& socket)
{
    using namespace backend::containers;
    EngineDirectory::Options o;
    o.sockets = [socket] { return std::vector<EngineSocket>{socket}; };
    EngineDirectory dir(o);
    QElapsedTimer timer;
    timer.start();
    dir.refreshNow(std::chrono::milliseconds(3000));
    qInfo("one round against %s: %lld ms", socket.path.c_str(), timer.elapsed());
    const auto states = dir.sockets();
    return {dir.current(), states.empty() ? std::string() : states.front().engine};
}

// The container the snapshot gives `pid`, checked against what the engine said; and every
// namespace of `pid` that is not the host's carries the same key. `types`: which must differ
// from the host's (what the engine unshared).
inline void checkNamed(const backend::Snapshot& snap, int pid, const std::string& engine,
                       const std::string& name, const std::vector<backend::NsType>& types,
                       const std::optional<std::string>& image = {},
                       const std::optional<std::string>& pod = {})
{
    const backend::Process* proc = snap.findProcess(pid);
    QVERIFY2(proc, qPrintable(QStringLiteral("pid %1 not in the snapshot").arg(pid)));
    QVERIFY2(proc->container, qPrintable(QStringLiteral("pid %1 (%2) has no container")
                                             .arg(pid)
                                             .arg(QString::fromStdString(proc->comm))));
    const backend::Container* c = snap.findContainer(*proc->container);
    QVERIFY2(c, proc->container->c_str());
    QCOMPARE(c->engine, engine);
    QCOMPARE(c->name, name);
    if (image)
        QCOMPARE(c->image.value_or("<none>"), *image);
    if (pod)
        QCOMPARE(c->pod.value_or("<none>"), *pod);
    const auto host = backend::initialNamespaces(snap);
    for (backend::NsType t : types) {
        const auto inode = proc->namespaces[backend::index(t)];
        QVERIFY(inode);
        QVERIFY2(inode != host[backend::index(t)],
                 qPrintable(
                     QStringLiteral("%1: the host's").arg(QString::fromUtf8(toString(t).data()))));
        const backend::Namespace* ns = snap.findNamespace(t, *inode);
        QVERIFY(ns);
        QVERIFY2(ns->container == proc->container,
                 qPrintable(QStringLiteral("%1 namespace of %2: container %3, not %4")
                                .arg(QString::fromUtf8(toString(t).data()))
                                .arg(pid)
                                .arg(QString::fromStdString(ns->container.value_or("<none>")),
                                     QString::fromStdString(*proc->container))));
    }
}

} // namespace nsx::test

namespace nsx::test {

// The mount count of `pid`'s mount namespace is what the kernel shows that process: the lines
// of /proc/PID/mountinfo (the mounts reachable from its root).
inline void checkMountCount(const backend::Snapshot& snap, int pid)
{
    QFile f(QStringLiteral("/proc/%1/mountinfo").arg(pid));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const int lines = f.readAll().count('\n');
    const backend::Process* proc = snap.findProcess(pid);
    QVERIFY(proc);
    const auto inode = proc->namespaces[backend::index(backend::NsType::Mnt)];
    QVERIFY(inode);
    const backend::Namespace* ns = snap.findNamespace(backend::NsType::Mnt, *inode);
    QVERIFY(ns);
    QVERIFY(ns->details.mounts);
    qInfo("pid %d: %d mounts in the snapshot, %d lines in mountinfo", pid, *ns->details.mounts,
          lines);
    QCOMPARE(*ns->details.mounts, lines);
    // The scanner reads the count with listmount where the kernel has it (else mountinfo, which
    // agrees by construction): the kernel's listing below the process's root mount is exactly
    // what its mountinfo shows, the whole namespace more (nspawn) or the same.
    const int fd =
        ::open(qPrintable(QStringLiteral("/proc/%1/ns/mnt").arg(pid)), O_RDONLY | O_CLOEXEC);
    QVERIFY(fd >= 0);
    std::uint64_t nsId = 0;
    // NS_GET_ID (Linux 6.18), else NS_GET_MNTNS_ID (6.11): the id listmount takes
    const bool haveId = ::ioctl(fd, _IOR(0xb7, 0xd, std::uint64_t), &nsId) == 0 ||
                        ::ioctl(fd, _IOR(0xb7, 0x5, std::uint64_t), &nsId) == 0;
    ::close(fd);
    const auto root =
        backend::mountapi::mountOf(AT_FDCWD, qPrintable(QStringLiteral("/proc/%1/root").arg(pid)));
    std::vector<std::uint64_t> below, all;
    if (!haveId || !root || backend::mountapi::listMounts(nsId, all) != 0) {
        qInfo("no listmount here: the snapshot's count came from mountinfo");
        return;
    }
    QVERIFY(root->isMountRoot);
    QCOMPARE(backend::mountapi::listMounts(nsId, below, root->id), 0);
    qInfo("listmount: %zu in the namespace, %zu below the root mount", all.size(), below.size());
    QCOMPARE(int(below.size()) + 1, lines);
}

} // namespace nsx::test
