// The filter proxy: search text (plain and regular expression) over pid, comm, command line,
// inode and hostname; type toggles; user; only non-initial namespaces. Matches keep their
// ancestors, and a namespace found by inode or hostname shows its processes.
#include "filter_proxy.h"
#include "namespace_models.h"
#include "snapshot_spec.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace nsx;
using namespace nsx::model;

namespace {

SnapshotPtr snap(const QString& spec)
{
    return std::make_shared<const backend::Snapshot>(test::snapshotFromSpec(spec));
}

// Visible rows as "name" strings, depth first (namespaces by label, processes by pid).
QStringList visible(const QAbstractItemModel& m, const QModelIndex& parent = {})
{
    QStringList out;
    for (int r = 0; r < m.rowCount(parent); ++r) {
        const QModelIndex idx = m.index(r, 0, parent);
        switch (RowKind(idx.data(Role::Kind).toInt())) {
        case RowKind::Namespace:
            out << QString(test::inodeLabel(idx.data(Role::Inode).toULongLong()));
            break;
        case RowKind::Process:
            out << QString::number(idx.data(Role::Pid).toInt());
            break;
        case RowKind::TypeGroup:
            out << QString::fromLatin1(
                backend::toString(backend::NsType(idx.data(Role::Type).toInt())));
            break;
        case RowKind::Section:
            out << QStringLiteral("S%1").arg(idx.data(Role::Section).toInt());
            break;
        }
        out += visible(m, idx);
    }
    return out;
}

const char* kSpec = "P1/0:a,u:c P2/1:a,u:c P3/2:b,u:d=nginx P4/3:b,u:d P150/1:a,u:c=editor "
                    "H:c=host H:d=webbox N:e";

} // namespace

class TstFilterProxy : public QObject
{
    Q_OBJECT
private slots:
    void filter_data();
    void filter();
    void invalidRegexKeepsLastValid();
    void filterSurvivesPolls();
    void groupCountsWhatIsShown();
};

void TstFilterProxy::filter_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("regex");
    QTest::addColumn<QString>("disabledTypes");
    QTest::addColumn<QString>("user");
    QTest::addColumn<bool>("nonInitial");
    QTest::addColumn<QStringList>("rows");

    QTest::newRow("no filter: every row") << "proc"
                                          << "" << false << ""
                                          << "" << false << QStringList{"1", "2", "3", "4", "150"};
    QTest::newRow("comm keeps ancestors") << "proc"
                                          << "nginx" << false << ""
                                          << "" << false << QStringList{"1", "2", "3"};
    QTest::newRow("pid") << "proc"
                         << "150" << false << ""
                         << "" << false << QStringList{"1", "150"};
    QTest::newRow("case-insensitive") << "proc"
                                      << "NGINX" << false << ""
                                      << "" << false << QStringList{"1", "2", "3"};
    QTest::newRow("hostname finds processes in the process view")
        << "proc"
        << "webbox" << false << ""
        << "" << false << QStringList{"1", "2", "3", "4"};
    QTest::newRow("inode finds the namespace and its processes")
        << "type" << QString::number(test::labelInode('b')) << false << ""
        << "" << false << QStringList{"net", "b", "3", "4"};
    QTest::newRow("the kernel's spelling of an inode finds the namespace")
        << "type" << QStringLiteral("net:[%1]").arg(test::labelInode('b')) << false << ""
        << "" << false << QStringList{"net", "b", "3", "4"};
    QTest::newRow("the netns name finds the namespace")
        << "type" << QStringLiteral("^e$") << true << ""
        << "" << false << QStringList{"net", "e"};
    // A process matches by its uts namespace's hostname in every view: under its net
    // namespace too, as in the Processes view (not only under the uts namespace).
    QTest::newRow("hostname finds the uts namespace and its processes everywhere")
        << "type"
        << "webbox" << false << ""
        << "" << false << QStringList{"net", "b", "3", "4", "uts", "d", "3", "4"};
    QTest::newRow("regex anchors a field") << "proc"
                                           << "^(nginx|editor)$" << true << ""
                                           << "" << false << QStringList{"1", "2", "3", "150"};
    QTest::newRow("plain text is not a pattern") << "proc"
                                                 << "^nginx$" << false << ""
                                                 << "" << false << QStringList{};
    QTest::newRow("type toggle hides a type")
        << "type"
        << "" << false << "net"
        << "" << false << QStringList{"uts", "c", "1", "2", "150", "d", "3", "4"};
    QTest::newRow("user") << "proc"
                          << "" << false << ""
                          << "alice" << false << QStringList{"1", "150"};
    QTest::newRow("only non-initial namespaces")
        << "type"
        << "" << false << ""
        << "" << true << QStringList{"net", "b", "3", "4", "e", "uts", "d", "3", "4"};
    QTest::newRow("only non-initial, process view")
        << "proc"
        << "" << false << ""
        << "" << true << QStringList{"1", "2", "3", "4"};
    QTest::newRow("conditions combine") << "type"
                                        << "nginx" << false << "uts"
                                        << "" << true << QStringList{"net", "b", "3"};
}

void TstFilterProxy::filter()
{
    QFETCH(QString, model);
    QFETCH(QString, text);
    QFETCH(bool, regex);
    QFETCH(QString, disabledTypes);
    QFETCH(QString, user);
    QFETCH(bool, nonInitial);
    QFETCH(QStringList, rows);

    std::unique_ptr<SnapshotTreeModel> m;
    if (model == "proc")
        m = std::make_unique<ProcessTreeModel>();
    else
        m = std::make_unique<ByTypeModel>();
    m->setSnapshot(snap(kSpec));
    NamespaceFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    proxy.setSourceModel(m.get());
    FilterState f;
    f.text = text;
    f.regex = regex;
    for (const QString& t : disabledTypes.split(',', Qt::SkipEmptyParts))
        f.types[backend::index(*backend::nsTypeFromString(t.toStdString()))] = false;
    f.user = user;
    f.nonInitialOnly = nonInitial;
    proxy.setFilter(f);
    QVERIFY(proxy.isPatternValid());
    QCOMPARE(visible(proxy), rows);
    // Clearing the filter brings every row back.
    proxy.setFilter({});
    QCOMPARE(visible(proxy), visible(*m));
}

void TstFilterProxy::invalidRegexKeepsLastValid()
{
    // Issue 14: a half-typed pattern does not empty the view; the last valid search stays.
    ProcessTreeModel m;
    m.setSnapshot(snap(kSpec));
    NamespaceFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    proxy.setSourceModel(&m);
    FilterState f;
    f.regex = true;
    f.text = QStringLiteral("^nginx$");
    proxy.setFilter(f);
    QVERIFY(proxy.isPatternValid());
    QCOMPARE(visible(proxy), (QStringList{"1", "2", "3"}));
    f.text = QStringLiteral("^(nginx");
    proxy.setFilter(f);
    QVERIFY(!proxy.isPatternValid());
    QVERIFY(!proxy.patternError().isEmpty());
    QCOMPARE(visible(proxy), (QStringList{"1", "2", "3"}));
    QCOMPARE(proxy.filter().text, QStringLiteral("^nginx$"));
    // And after the next poll (the live view re-filters every poll).
    m.setSnapshot(snap(kSpec));
    QCOMPARE(visible(proxy), (QStringList{"1", "2", "3"}));
    QVERIFY(!proxy.isPatternValid());
    // Other conditions still apply meanwhile.
    f.user = QStringLiteral("alice");
    proxy.setFilter(f);
    QVERIFY(!proxy.isPatternValid());
    QCOMPARE(visible(proxy), QStringList{});
    f.user.clear();
    f.text = QStringLiteral("^(nginx|editor)$");
    proxy.setFilter(f);
    QVERIFY(proxy.isPatternValid());
    QVERIFY(proxy.patternError().isEmpty());
    QCOMPARE(visible(proxy), (QStringList{"1", "2", "3", "150"}));
    // From no search at all, an invalid pattern leaves every row.
    proxy.setFilter({});
    f.text = QStringLiteral("(unclosed");
    proxy.setFilter(f);
    QVERIFY(!proxy.isPatternValid());
    QCOMPARE(visible(proxy), (QStringList{"1", "2", "3", "4", "150"}));
    f.regex = false; // the same text as plain text is fine (and matches nothing here)
    proxy.setFilter(f);
    QVERIFY(proxy.isPatternValid());
    QCOMPARE(visible(proxy), QStringList{});
}

void TstFilterProxy::groupCountsWhatIsShown()
{
    // Issue 14: while filtered, a type group says how many of its namespaces are shown.
    ByTypeModel m;
    m.setSnapshot(snap(kSpec));
    NamespaceFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    proxy.setSourceModel(&m);
    auto label = [&](const char* type) {
        for (int r = 0; r < proxy.rowCount(); ++r)
            if (proxy.index(r, 0).data(Role::Type).toInt() == int(*backend::nsTypeFromString(type)))
                return proxy.index(r, 0).data().toString();
        return QString();
    };
    QCOMPARE(label("net"), QStringLiteral("net (3)")); // a, b, e
    QSignalSpy changed(&proxy, &QAbstractItemModel::dataChanged);
    FilterState f;
    f.text = QStringLiteral("nginx");
    proxy.setFilter(f);
    QCOMPARE(label("net"), QStringLiteral("net (1 of 3)"));
    QCOMPARE(label("uts"), QStringLiteral("uts (1 of 2)"));
    // The views are told the labels changed.
    bool told = false;
    for (const QList<QVariant>& args : changed)
        told = told ||
               RowKind(args[0].value<QModelIndex>().data(Role::Kind).toInt()) == RowKind::TypeGroup;
    QVERIFY(told);
    // A poll keeps the count current.
    m.setSnapshot(snap(QString::fromLatin1(kSpec) + " N:f"));
    QCOMPARE(label("net"), QStringLiteral("net (1 of 4)"));
    // A namespace that is gone stays one poll, greyed: not counted (as the plain label does).
    f.text = QStringLiteral("^(e|f)$");
    f.regex = true;
    proxy.setFilter(f);
    QCOMPARE(label("net"), QStringLiteral("net (2 of 4)"));
    m.setSnapshot(snap(kSpec));
    QCOMPARE(label("net"), QStringLiteral("net (1 of 3)"));
    proxy.setFilter({});
    QCOMPARE(label("net"), QStringLiteral("net (3)"));
    m.setSnapshot(snap(QString::fromLatin1(kSpec) + " N:f"));
    proxy.setFilter({});
    QCOMPARE(label("net"), QStringLiteral("net (4)"));
}

void TstFilterProxy::filterSurvivesPolls()
{
    // A filtered view through polls: new matches appear under hidden ancestors, old ones go.
    ProcessTreeModel m;
    NamespaceFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    proxy.setSourceModel(&m);
    FilterState f;
    f.text = QStringLiteral("nginx");
    proxy.setFilter(f);
    m.setSnapshot(snap("P1/0:a P2/1:a P3/2:a"));
    QCOMPARE(visible(proxy), QStringList{});
    m.setSnapshot(snap("P1/0:a P2/1:a P3/2:a P7/3:a=nginx"));
    QCOMPARE(visible(proxy), (QStringList{"1", "2", "3", "7"}));
    m.setSnapshot(snap("P1/0:a P2/1:a P3/2:a P7/3:a=nginx P8/7:a P9/8:a=nginx"));
    QCOMPARE(visible(proxy), (QStringList{"1", "2", "3", "7", "8", "9"}));
    m.setSnapshot(snap("P1/0:a P2/1:a P3/2:a"));
    m.setSnapshot(snap("P1/0:a P2/1:a P3/2:a"));
    QCOMPARE(visible(proxy), QStringList{});
}

QTEST_GUILESS_MAIN(TstFilterProxy)
#include "tst_filter_proxy.moc"
