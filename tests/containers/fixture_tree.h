// A fixture /proc (and /run, /var/lib) tree for the container tests: what this machine cannot
// stage (flatpak, snap, kubernetes, systemd units), laid out as the kernel and the engines
// document it. Namespace links are symlinks whose text is what the kernel shows.
#pragma once

#include "snapshot.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <array>
#include <sys/stat.h>
#include <unistd.h>

namespace nsx::test {

using namespace nsx::backend;

inline constexpr std::uint64_t kInitNs[kNsTypeCount] = {
    4026531835, 4026531839, 4026531832, 4026531833, 4026531836, 4026531834, 4026531837, 4026531838};

class FixtureTree
{
public:
    explicit FixtureTree(const QString& root) : m_root(root) {}
    QString proc() const { return m_root + "/proc"; }
    QString root() const { return m_root; }

    bool file(const QString& rel, const QByteArray& content)
    {
        const QString path = m_root + "/" + rel;
        if (!QDir().mkpath(QFileInfo(path).path()))
            return false;
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
    }
    bool link(const QString& rel, const QByteArray& target)
    {
        const QString path = m_root + "/" + rel;
        QDir().mkpath(QFileInfo(path).path());
        return ::symlink(target.constData(), QFile::encodeName(path).constData()) == 0;
    }
    bool fifo(const QString& rel)
    {
        const QString path = m_root + "/" + rel;
        QDir().mkpath(QFileInfo(path).path());
        return ::mkfifo(QFile::encodeName(path).constData(), 0644) == 0;
    }
    bool dir(const QString& rel) { return QDir().mkpath(m_root + "/" + rel); }

    // A process: stat, status, cmdline (NUL-separated argv), eight ns links (the initial ones
    // with `ns` overriding where not 0), a root directory, and a cgroup file when given.
    bool process(int pid, int ppid, const QByteArray& comm, const QList<QByteArray>& argv,
                 std::array<std::uint64_t, kNsTypeCount> ns = {}, int uid = 0,
                 const QByteArray& cgroup = {})
    {
        const QString p = "proc/" + QString::number(pid);
        QByteArray cmd;
        for (const QByteArray& a : argv)
            cmd += a + '\0';
        const QByteArray stat =
            QByteArray::number(pid) + " (" + comm + ") S " + QByteArray::number(ppid) +
            " 1 1 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 " + QByteArray::number(1000 + pid) +
            " 1000 10 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 "
            "17 0 0 0 0 0 0\n";
        const QByteArray u = QByteArray::number(uid);
        const QByteArray status = "Name:\tx\nState:\tS (sleeping)\nTgid:\t" +
                                  QByteArray::number(pid) + "\nPid:\t" + QByteArray::number(pid) +
                                  "\nUid:\t" + u + "\t" + u + "\t" + u + "\t" + u + "\nNSpid:\t" +
                                  QByteArray::number(pid) + "\n";
        if (!file(p + "/stat", stat) || !file(p + "/status", status) ||
            !file(p + "/cmdline", cmd) || !dir(p + "/fd") || !dir(p + "/root"))
            return false;
        if (!cgroup.isEmpty() && !file(p + "/cgroup", cgroup))
            return false;
        for (NsType t : kAllNsTypes) {
            const std::uint64_t inode = ns[index(t)] ? ns[index(t)] : kInitNs[index(t)];
            const QByteArray name = QByteArray(toString(t).data(), qsizetype(toString(t).size()));
            if (!link(p + "/ns/" + name, name + ":[" + QByteArray::number(qulonglong(inode)) + "]"))
                return false;
        }
        return true;
    }

    // Namespaces of a container: own mnt, uts, ipc, net, pid numbered from `base`.
    static std::array<std::uint64_t, kNsTypeCount> own(std::uint64_t base)
    {
        std::array<std::uint64_t, kNsTypeCount> a{};
        a[index(NsType::Mnt)] = base;
        a[index(NsType::Uts)] = base + 1;
        a[index(NsType::Ipc)] = base + 2;
        a[index(NsType::Net)] = base + 3;
        a[index(NsType::Pid)] = base + 4;
        return a;
    }

private:
    QString m_root;
};

} // namespace nsx::test
