#include "details_pane.h"

#include "detail_fields.h"
#include "focus_frame.h"
#include "tree_model.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QMimeData>
#include <QScrollBar>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <ctime>
#include <unistd.h>

namespace nsx::gui {

using backend::Namespace;
using backend::NsType;
using backend::Process;
using backend::Snapshot;
using model::SnapshotTreeModel;

namespace {

QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}
QString esc(const std::string& s)
{
    return model::printable(s).toHtmlEscaped();
}
QString typeName(NsType t)
{
    return QString::fromLatin1(backend::toString(t));
}

QString nsTitle(NsType t, std::uint64_t inode)
{
    return QStringLiteral("%1:[%2]").arg(typeName(t)).arg(inode);
}

// A link's text as one token: a list of links wraps between links, not inside one (spaces
// become no-break spaces, hyphens no-break hyphens; no invisible joiners, which a copy of the
// text would carry along).
QString unbreakable(const QString& text)
{
    QString out;
    out.reserve(text.size() + 4);
    for (const QChar c : text) {
        if (c == QLatin1Char(' '))
            out += QChar(0x00A0);
        else if (c == QLatin1Char('-'))
            out += QChar(0x2011);
        else
            out += c;
    }
    return out;
}

QString nsAnchor(NsType t, std::uint64_t inode)
{
    return QStringLiteral("<a href=\"%1\">%2</a>")
        .arg(DetailsPane::namespaceLink(t, inode), unbreakable(nsTitle(t, inode)));
}

QString pidAnchor(const Snapshot& s, int pid)
{
    const Process* p = s.findProcess(pid);
    QString text = QString::number(pid);
    if (p)
        text += QLatin1Char(' ') + model::printable(p->comm);
    return QStringLiteral("<a href=\"%1\">%2</a>")
        .arg(DetailsPane::processLink(pid), unbreakable(text).toHtmlEscaped());
}

QString row(const QString& label, const QString& value)
{
    return QStringLiteral("<tr><td valign=\"top\"><b>%1</b></td><td>%2</td></tr>")
        .arg(esc(label), value);
}

// The Container section below a namespace's or a process's table.
QString containerSectionHtml(const QString& rows)
{
    return QStringLiteral("<h4>%1</h4><table cellspacing=\"2\" cellpadding=\"2\">%2</table>")
        .arg(esc(DetailsPane::tr("Container")), rows);
}

QString userOf(const Snapshot& s, std::uint32_t uid)
{
    for (const Process& p : s.processes)
        if (p.uid == uid && p.user)
            return QStringLiteral("%1 (%2)").arg(QString::fromStdString(*p.user)).arg(uid);
    return QString::number(uid);
}

QString idMap(const std::vector<backend::IdMapEntry>& map)
{
    if (map.empty())
        return DetailsPane::tr("(empty: nothing mapped yet)");
    QStringList lines;
    for (const auto& e : map)
        lines << DetailsPane::tr("%1–%2 inside → %3–%4 outside")
                     .arg(e.inside)
                     .arg(e.inside + e.count - 1)
                     .arg(e.outside)
                     .arg(e.outside + e.count - 1);
    return lines.join(QStringLiteral("<br>"));
}

// The kernel's {seconds, nanoseconds} with 0 <= nanoseconds < 1e9: {-2, 750000000} is -1.25 s.
QString offset(const backend::TimeOffset& o)
{
    const bool negative = o.seconds < 0;
    std::uint64_t secs = negative ? std::uint64_t(-(o.seconds + 1)) + (o.nanoseconds ? 0 : 1)
                                  : std::uint64_t(o.seconds);
    const std::int64_t nanos =
        negative && o.nanoseconds ? 1'000'000'000 - o.nanoseconds : o.nanoseconds;
    const QString sign = negative ? QStringLiteral("-") : QString();
    if (nanos == 0)
        return DetailsPane::tr("%1%2 s").arg(sign).arg(secs);
    return DetailsPane::tr("%1%2.%3 s").arg(sign).arg(secs).arg(nanos, 9, 10, QLatin1Char('0'));
}

QString interfaces(const std::vector<backend::NetInterface>& list)
{
    QStringList ifs;
    for (const auto& i : list) {
        QStringList addrs;
        for (const auto& a : i.addresses)
            addrs << esc(a);
        ifs << QStringLiteral("%1 (%2)%3")
                   .arg(esc(i.name), esc(i.up ? DetailsPane::tr("up") : DetailsPane::tr("down")),
                        addrs.isEmpty() ? QString()
                                        : QStringLiteral(": ") + addrs.join(QStringLiteral(", ")));
    }
    return ifs.isEmpty() ? esc(DetailsPane::tr("none")) : ifs.join(QStringLiteral("<br>"));
}

QString routes(const std::vector<backend::NetRoute>& list)
{
    QStringList out;
    for (const auto& r : list)
        out << (r.gateway ? DetailsPane::tr("%1 via %2 dev %3")
                                .arg(esc(r.family), esc(*r.gateway), esc(r.device))
                          : DetailsPane::tr("%1 on-link dev %2").arg(esc(r.family), esc(r.device)));
    return out.isEmpty() ? esc(DetailsPane::tr("none")) : out.join(QStringLiteral("<br>"));
}

// One detail's value as HTML, laid out by its kind (a pid becomes a link).
QString detailHtml(const Snapshot& s, const backend::DetailField& f, const backend::DetailValue& v)
{
    using backend::DetailKind;
    switch (f.kind) {
    case DetailKind::Text:
        return esc(std::get<std::string>(v));
    case DetailKind::Count:
        return QString::number(std::get<std::int64_t>(v));
    case DetailKind::Pid:
        return pidAnchor(s, static_cast<int>(std::get<std::int64_t>(v)));
    case DetailKind::Interfaces:
        return interfaces(std::get<std::vector<backend::NetInterface>>(v));
    case DetailKind::IdMap:
        return idMap(std::get<std::vector<backend::IdMapEntry>>(v));
    case DetailKind::Seconds:
        return esc(offset(std::get<backend::TimeOffset>(v)));
    case DetailKind::Routes:
        return routes(std::get<std::vector<backend::NetRoute>>(v));
    }
    return {};
}

// A namespace's process links: the first kFolded, then "show all N" (up to kMaxListed).
constexpr std::size_t kFolded = 20;
// A container's labels: the first kFoldedLabels, then "show all N".
constexpr std::size_t kFoldedLabels = 8;
constexpr std::size_t kMaxListed = 2000;

} // namespace

DetailsPane::DetailsPane(QWidget* parent) : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setFrameShape(QFrame::NoFrame);
    setViewportMargins(2, 2, 2, 2); // room for the focus frame around the text
    connect(this, &QTextBrowser::anchorClicked, this, &DetailsPane::onAnchor);
    showNothing();
}

QString DetailsPane::namespaceLink(NsType type, std::uint64_t inode)
{
    return QStringLiteral("nsx:namespace?type=%1&inode=%2").arg(typeName(type)).arg(inode);
}

QString DetailsPane::processLink(int pid)
{
    return QStringLiteral("nsx:process?pid=%1").arg(pid);
}

bool DetailsPane::event(QEvent* event)
{
    const bool handled = QTextBrowser::event(event);
    if (event->type() == QEvent::Paint && hasFocus())
        drawFocusFrame(this);
    else if (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut)
        update();
    return handled;
}

QMimeData* DetailsPane::createMimeDataFromSelection() const
{
    QMimeData* data = QTextBrowser::createMimeDataFromSelection();
    if (data && data->hasText()) {
        QString text = data->text();
        text.replace(QChar(0x00A0), QLatin1Char(' ')).replace(QChar(0x2011), QLatin1Char('-'));
        data->setText(text);
    }
    return data;
}

void DetailsPane::onAnchor(const QUrl& url)
{
    if (url.path() == QLatin1String("more") || url.path() == QLatin1String("less")) {
        m_showAllProcesses = url.path() == QLatin1String("more");
        rerender();
        return;
    }
    if (url.path() == QLatin1String("morelabels") || url.path() == QLatin1String("lesslabels")) {
        m_showAllLabels = url.path() == QLatin1String("morelabels");
        rerender();
        return;
    }
    const QUrlQuery q(url);
    if (url.path() == QLatin1String("namespace")) {
        const auto type = backend::nsTypeFromString(q.queryItemValue("type").toStdString());
        bool ok = false;
        const quint64 inode = q.queryItemValue("inode").toULongLong(&ok);
        if (type && ok)
            emit namespaceActivated(*type, inode);
    } else if (url.path() == QLatin1String("process")) {
        bool ok = false;
        const int pid = q.queryItemValue("pid").toInt(&ok);
        if (ok)
            emit processActivated(pid);
    }
}

void DetailsPane::rerender()
{
    if (m_snapshot)
        refresh(m_snapshot);
}

void DetailsPane::setContent(const QString& html)
{
    if (html == m_html)
        return;
    const int v = verticalScrollBar()->value();
    m_html = html;
    setHtml(html);
    verticalScrollBar()->setValue(v);
}

void DetailsPane::showNothing()
{
    m_subject = Subject::None;
    setContent(QStringLiteral("<p>%1</p>")
                   .arg(esc(tr("Select a namespace or a process to see its details."))));
}

void DetailsPane::showLost(model::RowKind kind, bool hidden)
{
    m_subject = Subject::None;
    QString text;
    switch (kind) {
    case model::RowKind::Process:
        text = hidden ? tr("The selected process is hidden by the filter.")
                      : tr("The selected process has ended.");
        break;
    case model::RowKind::Namespace:
        text = hidden ? tr("The selected namespace is hidden by the filter.")
                      : tr("The selected namespace no longer exists.");
        break;
    default:
        text = hidden ? tr("The selected row is hidden by the filter.")
                      : tr("The selected row is gone.");
        break;
    }
    setContent(QStringLiteral("<p>%1</p>").arg(esc(text)));
}

void DetailsPane::showNamespace(const model::SnapshotPtr& snapshot, NsType type,
                                std::uint64_t inode, std::uint64_t id)
{
    if (m_subject != Subject::Namespace || m_type != type || m_inode != inode || m_id != id)
        m_showAllProcesses = false; // each namespace starts folded
    m_subject = Subject::Namespace;
    m_type = type;
    m_inode = inode;
    m_id = id;
    m_snapshot = snapshot;
    if (snapshot)
        setContent(namespaceHtml(*snapshot, type, inode, id));
}

void DetailsPane::showProcess(const model::SnapshotPtr& snapshot, int pid)
{
    m_subject = Subject::Process;
    m_pid = pid;
    m_snapshot = snapshot;
    if (snapshot)
        setContent(processHtml(*snapshot, pid));
}

void DetailsPane::showContainer(const model::SnapshotPtr& snapshot, const QString& key)
{
    const std::string k = key.toStdString();
    if (m_subject != Subject::Container || m_containerKey != k)
        m_showAllLabels = false;
    m_subject = Subject::Container;
    m_containerKey = k;
    m_snapshot = snapshot;
    if (snapshot)
        setContent(containerHtml(*snapshot, k));
}

void DetailsPane::refresh(const model::SnapshotPtr& snapshot)
{
    if (!snapshot)
        return;
    m_snapshot = snapshot;
    if (m_subject == Subject::Namespace)
        setContent(namespaceHtml(*snapshot, m_type, m_inode, m_id));
    else if (m_subject == Subject::Process)
        setContent(processHtml(*snapshot, m_pid));
    else if (m_subject == Subject::Container)
        setContent(containerHtml(*snapshot, m_containerKey));
}

QString DetailsPane::containerRows(const Snapshot& s, const backend::Container& c) const
{
    QString h;
    auto text = [&](const QString& label, const std::optional<std::string>& v) {
        if (v && !v->empty())
            h += row(label, esc(*v));
    };
    h += row(tr("Engine"), esc(c.engine));
    h += row(tr("Name"), esc(c.name));
    if (c.id != c.name) {
        // Short, as the engines print it; the whole id in the tooltip and a copy.
        const std::string shortId = c.id.size() > 12 ? c.id.substr(0, 12) : c.id;
        h += row(tr("Id"),
                 QStringLiteral("<span title=\"%1\">%2</span>").arg(esc(c.id), esc(shortId)));
    }
    text(tr("Image"), c.image);
    if (c.pod && !c.pod->empty())
        h += row(tr("Pod"),
                 c.podNamespace && !c.podNamespace->empty()
                     ? esc(tr("%1 (namespace %2)")
                               .arg(model::printable(*c.pod), model::printable(*c.podNamespace)))
                     : esc(*c.pod));
    text(tr("Project"), c.project);
    text(tr("Unit"), c.unit);
    text(tr("App id"), c.appId);
    if (c.pid)
        h += row(tr("Init process"), pidAnchor(s, *c.pid));
    if (!c.labels.empty()) {
        QStringList labels;
        const std::size_t n = c.labels.size();
        const std::size_t listed = m_showAllLabels ? n : std::min(kFoldedLabels, n);
        for (std::size_t i = 0; i < listed; ++i)
            labels << esc(c.labels[i].first) + QStringLiteral("=") + esc(c.labels[i].second);
        QString list = labels.join(QStringLiteral("<br>"));
        if (listed < n)
            list += QStringLiteral("<br><a href=\"nsx:morelabels\">%1</a>")
                        .arg(esc(tr("… show all %1").arg(n)));
        else if (n > kFoldedLabels)
            list +=
                QStringLiteral("<br><a href=\"nsx:lesslabels\">%1</a>").arg(esc(tr("show fewer")));
        h += row(tr("Labels (%1)").arg(n), list);
    }
    if (!c.source.empty())
        h += row(tr("Named from"), esc(c.source));
    return h;
}

QString DetailsPane::containerHtml(const Snapshot& s, const std::string& key) const
{
    const backend::Container* c = s.findContainer(key);
    if (!c)
        return QStringLiteral("<h3>%1</h3><p><i>%2</i></p>")
            .arg(esc(key), esc(tr("This container is gone: it was not in the latest scan.")));
    QString h = QStringLiteral("<h3>%1</h3>").arg(esc(SnapshotTreeModel::containerLabel(*c)));
    h += QStringLiteral("<table cellspacing=\"2\" cellpadding=\"2\">");
    h += containerRows(s, *c);
    QStringList nss;
    for (const Namespace& ns : s.namespaces)
        if (ns.container == c->key)
            nss << nsAnchor(ns.type, ns.inode);
    if (!nss.isEmpty())
        h += row(tr("Namespaces (%1)").arg(nss.size()), nss.join(QStringLiteral(", ")));
    h += QStringLiteral("</table>");
    return h;
}

QString DetailsPane::namespaceHtml(const Snapshot& s, NsType type, std::uint64_t inode,
                                   std::uint64_t id) const
{
    const Namespace* ns = s.findNamespace(type, inode);
    QString h = QStringLiteral("<h3>%1</h3>").arg(esc(nsTitle(type, inode)));
    if (ns && id && ns->id && *ns->id != id)
        return h + QStringLiteral("<p><i>%1</i></p>")
                       .arg(esc(tr("This namespace is gone: a newer namespace has its inode "
                                   "(id %1, this one had %2).")
                                    .arg(*ns->id)
                                    .arg(id)));
    if (!ns)
        return h + QStringLiteral("<p><i>%1</i></p>")
                       .arg(esc(tr("This namespace is gone: it was not in the latest scan.")));
    h += QStringLiteral("<table cellspacing=\"2\" cellpadding=\"2\">");
    h += row(tr("Type"), typeName(type));
    h += row(tr("Inode"), QString::number(ns->inode));
    h += row(tr("Device"), QString::number(ns->dev));
    if (ns->id)
        h += row(tr("Id"), QString::number(*ns->id));
    if (backend::initialNamespaces(s)[backend::index(type)] == inode)
        h += row(tr("Initial"), esc(tr("yes — the host's namespace")));

    // Owner chain: the owning user namespace, its parent, and so on up to the initial one.
    if (ns->owner || (type == NsType::User && ns->parent)) {
        QStringList chain;
        std::optional<std::uint64_t> up = type == NsType::User ? ns->parent : ns->owner;
        int guard = 0;
        while (up && guard++ < 64) {
            const Namespace* u = s.findNamespace(NsType::User, *up);
            QString link = nsAnchor(NsType::User, *up);
            if (u && u->ownerUid)
                link += esc(tr(" (owner %1)").arg(userOf(s, *u->ownerUid)));
            chain << link;
            up = u ? u->parent : std::nullopt;
        }
        h += row(type == NsType::User ? tr("Parent chain") : tr("Owner chain"),
                 chain.join(QStringLiteral(" → ")));
    }
    if (type == NsType::Pid && ns->parent) {
        QStringList chain;
        std::optional<std::uint64_t> up = ns->parent;
        int guard = 0;
        while (up && guard++ < 64) {
            chain << nsAnchor(NsType::Pid, *up);
            const Namespace* p = s.findNamespace(NsType::Pid, *up);
            up = p ? p->parent : std::nullopt;
        }
        h += row(tr("Parent chain"), chain.join(QStringLiteral(" → ")));
    }
    if (ns->ownerUid)
        h += row(tr("Owner uid"), esc(userOf(s, *ns->ownerUid)));

    // What this namespace owns or contains.
    QStringList children, owned;
    for (const Namespace& other : s.namespaces) {
        if (other.parent == inode && other.type == type &&
            (type == NsType::User || type == NsType::Pid))
            children << nsAnchor(other.type, other.inode);
        else if (type == NsType::User && other.owner == inode && other.type != NsType::User)
            owned << nsAnchor(other.type, other.inode);
    }
    if (!children.isEmpty())
        h += row(tr("Children"), children.join(QStringLiteral(", ")));
    if (!owned.isEmpty())
        h += row(tr("Owns"), owned.join(QStringLiteral(", ")));

    if (ns->launcher) {
        QString l = esc(QString::fromStdString(ns->launcher->kind));
        if (ns->launcher->pid)
            l += QStringLiteral(" — ") + pidAnchor(s, *ns->launcher->pid);
        else if (!ns->launcher->comm.empty())
            l += QStringLiteral(" — ") + esc(ns->launcher->comm);
        h += row(tr("Started by"), l);
    }
    QString containerSection;
    if (const backend::Container* c = SnapshotTreeModel::findContainer(s, ns->container))
        containerSection = containerSectionHtml(containerRows(s, *c));

    if (!ns->references.empty()) {
        QStringList refs;
        for (const auto& r : ns->references) {
            if (r.kind == backend::Reference::Kind::BindMount)
                refs << esc(tr("bind mount %1").arg(model::printable(r.path)));
            else
                refs << esc(tr("fd %1 of ").arg(r.fd)) + pidAnchor(s, r.pid);
        }
        h += row(tr("References"), refs.join(QStringLiteral("<br>")));
    }

    // Per-type details, as the table declares them; what is null is left out.
    for (const backend::DetailField* f : backend::detailFields(type)) {
        const backend::DetailValue v = f->get(ns->details);
        if (!std::holds_alternative<std::monostate>(v))
            h += row(QCoreApplication::translate("nsx::backend", f->label.data()),
                     detailHtml(s, *f, v));
    }
    // Holders last: the initial namespaces list every process.
    {
        QStringList procs;
        const std::size_t n = ns->processes.size();
        const std::size_t listed = std::min(m_showAllProcesses ? kMaxListed : kFolded, n);
        for (std::size_t i = 0; i < listed; ++i)
            procs << pidAnchor(s, ns->processes[i]);
        QString list = procs.isEmpty() ? esc(tr("none")) : procs.join(QStringLiteral(", "));
        if (listed < n && !m_showAllProcesses)
            list +=
                QStringLiteral(" <a href=\"nsx:more\">%1</a>").arg(esc(tr("… show all %1").arg(n)));
        else if (listed < n)
            list += esc(tr(" … and %1 more").arg(n - listed));
        if (m_showAllProcesses && n > kFolded)
            list += QStringLiteral(" <a href=\"nsx:less\">%1</a>").arg(esc(tr("show fewer")));
        h += row(tr("Processes (%1)").arg(n), list);
    }
    if (!ns->threads.empty()) {
        QStringList tids;
        for (int t : ns->threads)
            tids << QString::number(t);
        h += row(tr("Loose threads"), tids.join(QStringLiteral(", ")));
    }
    h += QStringLiteral("</table>");
    return h + containerSection;
}

qint64 DetailsPane::machineBootTimeMs()
{
    timespec real{}, boot{};
    if (::clock_gettime(CLOCK_REALTIME, &real) == 0 && ::clock_gettime(CLOCK_BOOTTIME, &boot) == 0)
        return (qint64(real.tv_sec) - qint64(boot.tv_sec)) * 1000 +
               (qint64(real.tv_nsec) - qint64(boot.tv_nsec)) / 1'000'000;
    QFile stat(QStringLiteral("/proc/stat"));
    if (stat.open(QIODevice::ReadOnly))
        for (const QByteArray& line : stat.readAll().split('\n'))
            if (line.startsWith("btime "))
                return line.mid(6).trimmed().toLongLong() * 1000;
    return 0;
}

namespace {

// "3 d 4 h", "2 h 5 min", "14 min 25 s", "7 s": the two largest units.
QString durationText(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms / 1000);
    if (s >= 86400)
        return DetailsPane::tr("%1 d %2 h").arg(s / 86400).arg(s % 86400 / 3600);
    if (s >= 3600)
        return DetailsPane::tr("%1 h %2 min").arg(s / 3600).arg(s % 3600 / 60);
    if (s >= 60)
        return DetailsPane::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return DetailsPane::tr("%1 s").arg(s);
}

} // namespace

QString DetailsPane::startTimeText(std::uint64_t ticks, qint64 bootMs, qint64 nowMs)
{
    static const long tck = std::max(1L, ::sysconf(_SC_CLK_TCK));
    const qint64 afterBootMs = qint64(ticks * 1000 / std::uint64_t(tck));
    if (bootMs <= 0)
        return tr("%1 after boot").arg(durationText(afterBootMs));
    const qint64 startMs = bootMs + afterBootMs;
    return tr("%1 (%2 ago)")
        .arg(
            QDateTime::fromMSecsSinceEpoch(startMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
            durationText(nowMs - startMs));
}

QString DetailsPane::processHtml(const Snapshot& s, int pid) const
{
    const Process* p = s.findProcess(pid);
    if (!p)
        return QStringLiteral("<h3>%1</h3><p><i>%2</i></p>")
            .arg(esc(tr("Process %1").arg(pid)),
                 esc(tr("This process is gone: it was not in the latest scan.")));
    QString h = QStringLiteral("<h3>%1 %2</h3>").arg(pid).arg(esc(p->comm));
    h += QStringLiteral("<table cellspacing=\"2\" cellpadding=\"2\">");
    h += row(tr("PID"), QString::number(p->pid));
    if (p->nspid && !p->nspid->empty()) {
        QStringList ids;
        for (int n : *p->nspid)
            ids << QString::number(n);
        h += row(tr("PID in each PID namespace"), esc(ids.join(QStringLiteral(" → "))));
    }
    // Parent chain up to PID 1 (or the first parent we cannot see).
    {
        QStringList chain;
        int up = p->ppid;
        int guard = 0;
        while (up > 0 && guard++ < 64) {
            chain << pidAnchor(s, up);
            const Process* pp = s.findProcess(up);
            if (!pp || pp->ppid == up)
                break;
            up = pp->ppid;
        }
        h += row(tr("Parent chain"), chain.isEmpty() ? esc(tr("none (a root of the tree)"))
                                                     : chain.join(QStringLiteral(" → ")));
    }
    h += row(tr("Command line"), esc(SnapshotTreeModel::commandLine(*p)));
    if (p->user || p->uid)
        h += row(tr("User"),
                 esc(p->user ? QStringLiteral("%1 (%2)")
                                   .arg(QString::fromStdString(*p->user))
                                   .arg(p->uid ? QString::number(*p->uid) : QStringLiteral("?"))
                             : QString::number(*p->uid)));
    h += row(tr("State"), esc(QString(QLatin1Char(p->state))));
    h +=
        row(tr("Start time"), esc(startTimeText(p->startTime, m_liveClock ? machineBootTimeMs() : 0,
                                                QDateTime::currentMSecsSinceEpoch())));
    const Process* parent = s.findProcess(p->ppid);
    const backend::NsInodes initial = backend::initialNamespaces(s);
    QString nsRows;
    for (NsType t : backend::kAllNsTypes) {
        const auto& ino = p->namespaces[backend::index(t)];
        QString value = ino ? nsAnchor(t, *ino) : esc(tr("not readable"));
        // The same test as the Processes view's marks (the initial one when the parent's is
        // unknown).
        if (ino && backend::differsFromParent(initial, parent, t, *ino))
            value += esc(tr(" — differs from its parent's"));
        nsRows += row(typeName(t), value);
    }
    h += QStringLiteral("</table><h4>%1</h4><table cellspacing=\"2\" cellpadding=\"2\">")
             .arg(esc(tr("Namespaces")));
    h += nsRows + QStringLiteral("</table>");
    if (const backend::Container* c = SnapshotTreeModel::findContainer(s, p->container))
        h += containerSectionHtml(containerRows(s, *c));
    return h;
}

} // namespace nsx::gui
