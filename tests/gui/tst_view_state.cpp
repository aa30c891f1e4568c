// Expansion and selection of the browser views through filters and polls (issue 14, defects
// 2, 3 and 8), on the real MainWindow fed written snapshots as polls (live mode without a
// poller: each applySnapshot is an incremental update, as a poll is).
//   - matches that arrive with a poll into a searched view are revealed (also on the live
//     machine, with F5 while paused);
//   - the user's own expansion survives a filter that emptied the view; what a search opened
//     closes again when the search is cleared;
//   - the selection never moves on its own: a row hidden by the filter or ended leaves nothing
//     selected (the details say why, Terminate acts on nothing) and a hidden row shown again is
//     selected again.
#include "details_pane.h"
#include "filter_bar.h"
#include "main_window.h"
#include "namespace_models.h"
#include "roles.h"
#include "snapshot_spec.h"
#include "tree_views.h"

#include <QAction>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <csignal>
#include <unistd.h>

using namespace nsx;
using namespace nsx::gui;
using nsx::model::RowKind;
using View = MainWindow::View;

namespace {

// Processes above PID_MAX_LIMIT (2^22): no signal sent by mistake can reach a real process.
constexpr int kBase = 4194400;

QString pid(int offset)
{
    return QString::number(kBase + offset);
}

// P1 → A → B → C (nginx), A → D → E (editor), A → F; namespaces a, b (net), c (uts).
// `extra` is appended to the spec.
model::SnapshotPtr machine(const QString& extra = {}, bool withF = true)
{
    QString spec = QStringLiteral("P1/0:a,u:c P%1/1:a,u:c P%2/%1:a,u:c P%3/%2:b,u:c=nginx "
                                  "P%4/%1:a,u:c P%5/%4:a,u:c=editor ")
                       .arg(pid(1), pid(2), pid(3), pid(4), pid(5));
    if (withF)
        spec += QStringLiteral("P%1/%2:a,u:c ").arg(pid(6), pid(1));
    spec += extra;
    return std::make_shared<const backend::Snapshot>(test::snapshotFromSpec(spec));
}

std::unique_ptr<MainWindow> window(View view)
{
    MainWindow::Options o;
    o.live = false; // no poller: the test's snapshots are the polls
    o.loadSettings = false;
    auto w = std::make_unique<MainWindow>(o);
    w->resize(1000, 600);
    w->setCurrentView(view);
    w->show();
    w->applySnapshot(machine());
    return w;
}

void typeSearch(MainWindow& w, const QString& text)
{
    QLineEdit* field = w.filterBar()->searchField();
    field->clear();
    QTest::keyClicks(field, text);
}

// The row of a process in the Processes view (a proxy index; invalid when hidden).
QModelIndex processRow(MainWindow& w, int offset)
{
    const QModelIndex src = w.model(View::Processes)->findProcess(offset ? kBase + offset : 1);
    return w.proxy(View::Processes)->mapFromSource(src);
}

bool expanded(MainWindow& w, int offset)
{
    const QModelIndex idx = processRow(w, offset);
    return idx.isValid() && w.view(View::Processes)->isExpanded(idx);
}

QString details(MainWindow& w)
{
    return w.findChild<DetailsPane*>(QStringLiteral("details"))->toPlainText();
}

} // namespace

class TstViewState : public QObject
{
    Q_OBJECT
private slots:
    void matchesArrivingWithAPollAreRevealed();
    void liveMatchArrivesWithRefreshWhilePaused();
    void userExpansionSurvivesAnEmptyFilter();
    void searchExpansionUndoneWhenCleared();
    void selectionHiddenByTheFilter();
    void selectionOfAnEndedProcess();
};

// Defect 2: "box6" typed while nothing matches; a poll brings a box6 container.
void TstViewState::matchesArrivingWithAPollAreRevealed()
{
    auto w = window(View::ByType);
    typeSearch(*w, QStringLiteral("box6"));
    NsTreeView* tv = w->view(View::ByType);
    QAbstractItemModel* m = tv->model();
    QTRY_COMPARE(m->rowCount(), 0);
    w->applySnapshot(machine(QStringLiteral("P%1/1:k,u:l,us:m=box6 P%2/%1:k,u:l,us:m=box6 "
                                            "H:l=box6")
                                 .arg(pid(10), pid(11))));
    QCOMPARE(m->rowCount(), 3); // the net, uts and user groups
    for (int r = 0; r < m->rowCount(); ++r) {
        const QModelIndex group = m->index(r, 0);
        QVERIFY2(tv->isExpanded(group), qPrintable(group.data().toString()));
        QVERIFY(m->rowCount(group) > 0);
        // Down to the matching processes.
        const QModelIndex ns = m->index(0, 0, group);
        QVERIFY2(tv->isExpanded(ns), qPrintable(ns.data().toString()));
        QVERIFY(m->index(0, 0, ns).data().toString().endsWith(QStringLiteral("box6")));
    }
    // A later poll leaves what the user collapsed since alone.
    tv->collapse(m->index(0, 0));
    w->applySnapshot(machine(QStringLiteral("P%1/1:k,u:l,us:m=box6 P%2/%1:k,u:l,us:m=box6 "
                                            "H:l=box6")
                                 .arg(pid(10), pid(11)),
                             false));
    QVERIFY(!tv->isExpanded(m->index(0, 0)));
    QVERIFY(tv->isExpanded(m->index(1, 0)));
}

// Defect 2 on the live machine: paused, a search that matches nothing, then a process that
// matches and F5 (refreshNow). Its rows are listed under each host namespace: every type group
// arrives, open down to it.
void TstViewState::liveMatchArrivesWithRefreshWhilePaused()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString name = QStringLiteral("nsxvstate%1").arg(::getpid() % 100000);
    const QString exe = dir.filePath(name);
    QVERIFY(QFile::copy(QStringLiteral("/bin/sleep"), exe));
    QVERIFY(QFile::setPermissions(exe, QFile::ReadOwner | QFile::ExeOwner));
    MainWindow::Options o;
    o.loadSettings = false;
    MainWindow w(o);
    w.setCurrentView(View::ByType);
    w.show();
    QTRY_VERIFY_WITH_TIMEOUT(w.snapshot() != nullptr, 30000);
    w.setPaused(true);
    typeSearch(w, name);
    NsTreeView* tv = w.view(View::ByType);
    QAbstractItemModel* m = tv->model();
    QTRY_COMPARE(m->rowCount(), 0);

    QProcess proc;
    proc.start(exe, {QStringLiteral("300")});
    QVERIFY(proc.waitForStarted(10000));
    auto cleanup = qScopeGuard([&] {
        proc.kill();
        proc.waitForFinished(10000);
    });
    w.refreshNow();
    QTRY_VERIFY_WITH_TIMEOUT(m->rowCount() >= 7, 30000); // 8 types (7 without time namespaces)
    for (int r = 0; r < m->rowCount(); ++r) {
        const QModelIndex group = m->index(r, 0);
        QVERIFY2(tv->isExpanded(group), qPrintable(group.data().toString()));
        // Open down to the process (listed under its ancestors in this test's process tree).
        QModelIndex row = group;
        for (; m->rowCount(row) > 0; row = m->index(0, 0, row))
            QVERIFY2(tv->isExpanded(row), qPrintable(row.data().toString()));
        QVERIFY2(row.data().toString().endsWith(name), qPrintable(row.data().toString()));
    }
}

// Defect 3, first half: a search that matches nothing empties the view; "Reset filter" brings
// back the groups as the user left them. (An invalid regular expression no longer empties it:
// the last valid search stays, tst_tree_views.)
void TstViewState::userExpansionSurvivesAnEmptyFilter()
{
    auto w = window(View::ByType);
    NsTreeView* tv = w->view(View::ByType);
    QAbstractItemModel* m = tv->model();
    QCOMPARE(m->rowCount(), 2); // net, uts: both expanded on first fill
    QVERIFY(tv->isExpanded(m->index(0, 0)));
    QVERIFY(tv->isExpanded(m->index(1, 0)));
    tv->collapse(m->index(1, 0)); // the user's own choice
    // And a namespace the user opened.
    const QModelIndex netA = m->index(0, 0, m->index(0, 0));
    QVERIFY(!tv->isExpanded(netA));
    tv->expand(netA);

    w->filterBar()->regexButton()->click();
    typeSearch(*w, QStringLiteral("^matches-nothing$"));
    QTRY_COMPARE(m->rowCount(), 0);
    QTRY_VERIFY(w->emptyNotice()->isVisible());
    w->emptyResetButton()->click();
    QTRY_COMPARE(m->rowCount(), 2);
    QVERIFY(tv->isExpanded(m->index(0, 0)));
    QVERIFY(!tv->isExpanded(m->index(1, 0)));
    QVERIFY(tv->isExpanded(m->index(0, 0, m->index(0, 0))));
    // The same after a type toggle hid them and a poll.
    w->filterBar()->typeButton(backend::NsType::Net)->click();
    QTRY_COMPARE(m->rowCount(), 1);
    w->applySnapshot(machine({}, false));
    w->filterBar()->typeButton(backend::NsType::Net)->click();
    QTRY_COMPARE(m->rowCount(), 2);
    QVERIFY(tv->isExpanded(m->index(0, 0)));
    QVERIFY(tv->isExpanded(m->index(0, 0, m->index(0, 0))));
}

// Defect 3, second half: what a search opened to show its matches closes when it is cleared;
// what the user opened stays open.
void TstViewState::searchExpansionUndoneWhenCleared()
{
    auto w = window(View::Processes);
    NsTreeView* tv = w->view(View::Processes);
    // First fill: two levels (P1, A) open, B and D closed.
    QVERIFY(expanded(*w, 0));
    QVERIFY(expanded(*w, 1));
    QVERIFY(!expanded(*w, 2));
    QVERIFY(!expanded(*w, 4));
    tv->expand(processRow(*w, 4)); // the user opens D

    typeSearch(*w, QStringLiteral("nginx"));
    QTRY_VERIFY(!processRow(*w, 4).isValid()); // D is hidden
    QVERIFY(expanded(*w, 2));                  // B opened to show C (nginx)
    QVERIFY(processRow(*w, 3).isValid());
    typeSearch(*w, QString());
    QTRY_VERIFY(processRow(*w, 4).isValid());
    QVERIFY2(!expanded(*w, 2), "the row opened for the search is closed again");
    QVERIFY(expanded(*w, 0));
    QVERIFY(expanded(*w, 1));
    QVERIFY2(expanded(*w, 4), "the row the user opened is open again");
}

// Defect 8, the filter: the selected row hidden leaves nothing selected, never a neighbour; it
// is selected again when the filter shows it.
void TstViewState::selectionHiddenByTheFilter()
{
    auto w = window(View::Processes);
    QVERIFY(w->selectProcess(kBase + 3));
    QCOMPARE(w->selectedPid(), kBase + 3);
    QVERIFY(details(*w).contains(QStringLiteral("nginx")));

    typeSearch(*w, QStringLiteral("editor"));
    QTRY_VERIFY(!processRow(*w, 3).isValid());
    QCOMPARE(w->selectedPid(), 0);
    QVERIFY(!w->currentSourceIndex().isValid());
    QVERIFY2(details(*w).contains(QStringLiteral("hidden by the filter")), qPrintable(details(*w)));
    auto* term = w->findChild<QAction*>(QStringLiteral("terminateProcess"));
    QVERIFY(term && !term->isEnabled());
    // A poll keeps it so.
    w->applySnapshot(machine({}, false));
    QCOMPARE(w->selectedPid(), 0);
    QVERIFY(details(*w).contains(QStringLiteral("hidden by the filter")));

    typeSearch(*w, QString());
    QTRY_COMPARE(w->selectedPid(), kBase + 3);
    QVERIFY(details(*w).contains(QStringLiteral("nginx")));

    // The user's next choice under a filter is not overridden.
    typeSearch(*w, QStringLiteral("editor"));
    QTRY_COMPARE(w->selectedPid(), 0);
    QVERIFY(w->selectProcess(kBase + 5));
    typeSearch(*w, QString());
    QTRY_VERIFY(processRow(*w, 3).isValid());
    QCOMPARE(w->selectedPid(), kBase + 5);

    // Hidden, then ended while hidden: the details follow; nothing comes back.
    typeSearch(*w, QStringLiteral("nginx"));
    QTRY_COMPARE(w->selectedPid(), 0);
    QVERIFY(details(*w).contains(QStringLiteral("hidden by the filter")));
    const auto withoutEditor = std::make_shared<const backend::Snapshot>(test::snapshotFromSpec(
        QStringLiteral("P1/0:a,u:c P%1/1:a,u:c P%2/%1:a,u:c P%3/%2:b,u:c=nginx P%4/%1:a,u:c")
            .arg(pid(1), pid(2), pid(3), pid(4))));
    w->applySnapshot(withoutEditor);
    w->applySnapshot(std::make_shared<const backend::Snapshot>(*withoutEditor));
    QVERIFY2(details(*w).contains(QStringLiteral("has ended")), qPrintable(details(*w)));
    typeSearch(*w, QString());
    QTRY_VERIFY(processRow(*w, 4).isValid());
    QCOMPARE(w->selectedPid(), 0);
    QVERIFY(details(*w).contains(QStringLiteral("has ended")));
}

// Defect 8, TERM: the row greys for one poll, then goes; the selection goes with it and a second
// Delete has nothing to act on.
void TstViewState::selectionOfAnEndedProcess()
{
    auto w = window(View::Processes);
    // D has siblings on both sides (B and F): Qt would move the selection to one of them.
    QVERIFY(w->selectProcess(kBase + 4));
    QCOMPARE(w->selectedPid(), kBase + 4);
    auto* term = w->findChild<QAction*>(QStringLiteral("terminateProcess"));
    QVERIFY(term);

    const QString without = QStringLiteral("P1/0:a,u:c P%1/1:a,u:c P%2/%1:a,u:c "
                                           "P%3/%2:b,u:c=nginx P%4/%1:a,u:c")
                                .arg(pid(1), pid(2), pid(3), pid(6));
    auto poll = [&] {
        w->applySnapshot(
            std::make_shared<const backend::Snapshot>(test::snapshotFromSpec(without)));
    };
    poll(); // D and E ended: greyed, still selected
    QCOMPARE(w->selectedPid(), kBase + 4);
    QVERIFY(w->currentSourceIndex().data(model::Role::Vanished).toBool());
    QVERIFY(!term->isEnabled());
    poll(); // now removed
    QVERIFY(!processRow(*w, 4).isValid());
    QCOMPARE(w->selectedPid(), 0);
    QVERIFY(!w->view(View::Processes)->currentIndex().isValid());
    QVERIFY(!w->view(View::Processes)->selectionModel()->hasSelection());
    QVERIFY2(details(*w).contains(QStringLiteral("has ended")), qPrintable(details(*w)));
    QVERIFY(!term->isEnabled());
    QVERIFY(!w->sendSignalToSelected(SIGTERM, /*confirm=*/false));
    // Polls after that change nothing.
    poll();
    QCOMPARE(w->selectedPid(), 0);
    QVERIFY(details(*w).contains(QStringLiteral("has ended")));
}

QTEST_MAIN(TstViewState)
#include "tst_view_state.moc"
