#include "main_window.h"

#include "chart_integration.h"
#include "container_stop.h"
#include "details_pane.h"
#include "enter_dialog.h"
#include "filter_bar.h"
#include "launch_dialog.h"
#include "launch_request.h"
#include "launcher.h"
#include "namespace_models.h"
#include "nsfs.h"
#include "poller.h"
#include "process_pin.h"
#include "procfs.h"
#include "roles.h"
#include "snapshot_io.h"
#include "tree_views.h"
#include "type_icons.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <spdlog/spdlog.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <set>
#include <sys/syscall.h>
#include <unistd.h>

// Resources compiled into the static nsx_gui library must be registered explicitly.
static void initNsxResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace nsx::gui {

namespace Role = model::Role;
using model::RowKind;
using model::SnapshotPtr;

namespace {

const char* const kViewNames[MainWindow::kViewCount] = {"byType", "hierarchy", "processes"};
constexpr int kExpandLimit = 2000;

bool signalPidfd(int pidfd, int sig)
{
    return ::syscall(SYS_pidfd_send_signal, pidfd, sig, nullptr, 0) == 0;
}

// Still running (not gone, not a zombie waiting for its parent)?
bool running(int pid)
{
    const char state = liveStat(pid).state;
    return state && state != 'Z' && state != 'X';
}

QString signalName(int sig)
{
    switch (sig) {
    case SIGTERM:
        return QStringLiteral("SIGTERM");
    case SIGKILL:
        return QStringLiteral("SIGKILL");
    case SIGSTOP:
        return QStringLiteral("SIGSTOP");
    case SIGCONT:
        return QStringLiteral("SIGCONT");
    default:
        return QStringLiteral("signal %1").arg(sig);
    }
}

} // namespace

MainWindow::MainWindow(QWidget* parent) : MainWindow(Options{}, parent) {}

MainWindow::MainWindow(const Options& options, QWidget* parent)
    : QMainWindow(parent), m_options(options)
{
    // The helper this GUI starts: its processes are "nsexplorer" launchers (and containers
    // Stop container may signal) wherever it was built; see backend::runsOurHelper.
    if (m_options.scan.helperPath.empty())
        m_options.scan.helperPath =
            backend::findHelper(QCoreApplication::applicationFilePath().toStdString());
    initNsxResources();
    setWindowIcon(appIcon());
    m_models[int(View::ByType)] = new model::ByTypeModel(this);
    m_models[int(View::Hierarchy)] = new model::HierarchyModel(this);
    m_models[int(View::Processes)] = new model::ProcessTreeModel(this);
    for (int v = 0; v < kViewCount; ++v) {
        m_proxies[v] = new model::NamespaceFilterProxy(this);
        m_proxies[v]->setSourceModel(m_models[v]);
    }
    buildUi();
    buildActions();
    setupIntegrations();
    if (m_options.loadSettings)
        loadSettings();
    else
        resize(1200, 760);
    updateTitle();
    updateStatus();

    if (m_options.live) {
        m_poller = new model::Poller(m_options.scan, this);
        connect(m_poller, &model::Poller::snapshotReady, this, [this](SnapshotPtr s) {
            // A scan still in flight when a file was opened must not replace the file's view.
            if (!m_offline)
                applySnapshot(std::move(s));
        });
        connect(m_poller, &model::Poller::scanFailed, this, [this](const QString& msg) {
            statusBar()->showMessage(tr("Scan failed: %1").arg(msg), 5000);
        });
        connect(m_poller, &model::Poller::pausedChanged, this, [this](bool paused) {
            m_pauseAction->setChecked(paused);
            updateStatus();
        });
        if (m_intervalGroup && m_intervalGroup->checkedAction())
            m_poller->setInterval(m_intervalGroup->checkedAction()->data().toInt());
        m_poller->start();
    }
    m_filterBar->searchField()->setFocus();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildUi()
{
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    // Banner: what an unprivileged scan could not see. Tooltip colours from the palette.
    m_bannerFrame = new QFrame(central);
    m_bannerFrame->setObjectName(QStringLiteral("banner"));
    static_cast<QFrame*>(m_bannerFrame)->setFrameShape(QFrame::StyledPanel);
    m_bannerFrame->setAutoFillBackground(true);
    m_bannerFrame->setBackgroundRole(QPalette::ToolTipBase);
    m_bannerFrame->setForegroundRole(QPalette::ToolTipText);
    auto* bannerLayout = new QHBoxLayout(m_bannerFrame);
    bannerLayout->setContentsMargins(8, 4, 8, 4);
    m_banner = new QLabel(m_bannerFrame);
    m_banner->setWordWrap(true);
    m_banner->setForegroundRole(QPalette::ToolTipText);
    bannerLayout->addWidget(m_banner);
    m_bannerFrame->hide();
    layout->addWidget(m_bannerFrame);

    m_filterBar = new FilterBar(central);
    layout->addWidget(m_filterBar);
    connect(m_filterBar, &FilterBar::changed, this, &MainWindow::onFilterChanged);

    m_emptyNotice = new QFrame(central);
    m_emptyNotice->setObjectName(QStringLiteral("emptyNotice"));
    static_cast<QFrame*>(m_emptyNotice)->setFrameShape(QFrame::StyledPanel);
    auto* emptyLayout = new QHBoxLayout(m_emptyNotice);
    emptyLayout->setContentsMargins(8, 4, 8, 4);
    m_emptyLabel = new QLabel(tr("Nothing matches the filter."), m_emptyNotice);
    emptyLayout->addWidget(m_emptyLabel, 1);
    m_emptyReset = new QPushButton(tr("Reset filter"), m_emptyNotice);
    m_emptyReset->setObjectName(QStringLiteral("resetFilter"));
    emptyLayout->addWidget(m_emptyReset);
    connect(m_emptyReset, &QPushButton::clicked, m_filterBar, &FilterBar::reset);
    m_emptyNotice->hide();
    layout->addWidget(m_emptyNotice);

    m_splitter = new QSplitter(Qt::Horizontal, central);
    m_tabs = new QTabWidget(m_splitter);
    m_tabs->setDocumentMode(true);
    const QString titles[kViewCount] = {tr("By type"), tr("Hierarchy"), tr("Processes")};
    const QIcon icons[kViewCount] = {typeIcon(backend::NsType::Net),
                                     typeIcon(backend::NsType::User),
                                     typeIcon(backend::NsType::Pid)};
    for (int v = 0; v < kViewCount; ++v) {
        auto* view = new NsTreeView(QString::fromLatin1(kViewNames[v]), m_tabs);
        view->setModel(m_proxies[v]);
        m_views[v] = view;
        m_tabs->addTab(view, icons[v], titles[v]);
        connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this,
                [this, v](const QModelIndex& current) { onCurrentChanged(View(v), current); });
        connect(view, &NsTreeView::contextMenuWanted, this,
                [this, v](const QModelIndex& idx, const QPoint& pos) {
                    showContextMenu(View(v), idx, pos);
                });
    }
    // Columns hidden by default: what does not apply to the rows a view has.
    using model::Field;
    auto hidden = [](const model::SnapshotTreeModel* m, std::initializer_list<Field> fields) {
        QList<int> cols;
        for (Field f : fields)
            if (int c = m->columnOf(f); c >= 0)
                cols << c;
        return cols;
    };
    m_views[int(View::ByType)]->setDefaultHiddenColumns(
        hidden(m_models[int(View::ByType)], {Field::PidInside, Field::State}));
    m_views[int(View::Hierarchy)]->setDefaultHiddenColumns(
        hidden(m_models[int(View::Hierarchy)],
               {Field::Pid, Field::PidInside, Field::Command, Field::User, Field::State}));
    m_views[int(View::Processes)]->setDefaultHiddenColumns({});
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        syncView(currentView());
        updateBanner(); // per view: the rows it nested less deep than the file has them
        updateEmptyNotice();
        const QModelIndex cur = m_views[int(currentView())]->currentIndex();
        onCurrentChanged(currentView(), cur);
    });

    m_details = new DetailsPane(m_splitter);
    m_details->setObjectName(QStringLiteral("details"));
    connect(m_details, &DetailsPane::namespaceActivated, this,
            [this](backend::NsType t, quint64 inode) { selectNamespace(t, inode); });
    connect(m_details, &DetailsPane::processActivated, this,
            [this](int pid) { selectProcess(pid); });
    m_splitter->addWidget(m_tabs);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({860, 340});
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    m_statusCounts = new QLabel(this);
    m_statusScan = new QLabel(this);
    m_statusPaused = new QLabel(this);
    m_statusPaused->setObjectName(QStringLiteral("pausedLabel"));
    statusBar()->addPermanentWidget(m_statusCounts);
    statusBar()->addPermanentWidget(m_statusScan);
    statusBar()->addPermanentWidget(m_statusPaused);
}

void MainWindow::buildActions()
{
    // File
    m_fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* open = m_fileMenu->addAction(tr("&Open snapshot…"), this, &MainWindow::openFileDialog);
    open->setShortcut(QKeySequence::Open);
    m_liveAction = m_fileMenu->addAction(tr("Back to the &live view"), this, &MainWindow::goLive);
    m_liveAction->setEnabled(false);
    m_fileMenu->addSeparator();
    QAction* quit = m_fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    // View
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_pauseAction = m_viewMenu->addAction(tr("&Pause"));
    m_pauseAction->setObjectName(QStringLiteral("pause"));
    m_pauseAction->setCheckable(true);
    m_pauseAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_P), QKeySequence(Qt::Key_Space)});
    m_pauseAction->setToolTip(tr("Pause or resume polling (Space, Ctrl+P)"));
    connect(m_pauseAction, &QAction::toggled, this, &MainWindow::setPaused);
    m_refreshAction = m_viewMenu->addAction(tr("&Refresh now"), this, &MainWindow::refreshNow);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    QMenu* interval = m_viewMenu->addMenu(tr("Poll &interval"));
    m_intervalGroup = new QActionGroup(this);
    for (int ms : {500, 1000, 2000, 5000, 10000}) {
        QAction* a =
            interval->addAction(ms < 1000 ? tr("%1 ms").arg(ms) : tr("%1 s").arg(ms / 1000));
        a->setCheckable(true);
        a->setData(ms);
        a->setChecked(ms == 1000);
        m_intervalGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, ms] { setIntervalMs(ms); });
    }
    m_viewMenu->addSeparator();
    const QString names[kViewCount] = {tr("By &type"), tr("&Hierarchy"), tr("P&rocesses")};
    for (int v = 0; v < kViewCount; ++v) {
        QAction* a = m_viewMenu->addAction(names[v], this, [this, v] { setCurrentView(View(v)); });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + v)));
    }
    QAction* find = m_viewMenu->addAction(tr("&Find…"), m_filterBar, &FilterBar::focusSearch);
    find->setShortcut(QKeySequence::Find);
    m_viewMenu->addAction(tr("Reset &filter"), m_filterBar, &FilterBar::reset);

    // Signals to the selected process: Delete terminates, Shift+Delete kills (ksysguard's keys).
    m_termAction = new QAction(tr("Terminate (SIGTERM)"), this);
    m_termAction->setObjectName(QStringLiteral("terminateProcess"));
    m_termAction->setShortcut(QKeySequence(Qt::Key_Delete));
    m_termAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_termAction, &QAction::triggered, this, [this] { sendSignalToSelected(SIGTERM); });
    m_killAction = new QAction(tr("Kill (SIGKILL)"), this);
    m_killAction->setObjectName(QStringLiteral("killProcess"));
    m_killAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Delete));
    m_killAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_killAction, &QAction::triggered, this, [this] { sendSignalToSelected(SIGKILL); });
    for (NsTreeView* v : m_views) {
        v->addAction(m_termAction);
        v->addAction(m_killAction);
    }

    // Help
    m_helpMenu = menuBar()->addMenu(tr("&Help"));
    m_helpMenu->addAction(tr("&About nsexplorer"), this, &MainWindow::showAbout);

    QToolBar* tb = addToolBar(tr("Main"));
    tb->setObjectName(QStringLiteral("mainToolBar"));
    tb->setMovable(false);
    tb->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_pauseAction->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    m_refreshAction->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    open->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    tb->addAction(m_pauseAction);
    tb->addAction(m_refreshAction);
    tb->addAction(open);
}

// Where the other pieces plug in:
//  - Namespaces menu: "New isolated shell…" (Ctrl+N) → LaunchDialog; "Launch isolated
//    shell…" (Ctrl+Shift+N, also in the context menu) → LaunchDialog prefilled from the
//    selected row; "Enter namespaces…"
//    (Ctrl+E is the charts' Export, so Ctrl+Shift+E) → EnterDialog on the selected process,
//    also in the tree's context menu. A launch refreshes the view at once.
//  - ChartsIntegration (charts dock in View, Export / Compare / Record in File), which uses
//    only this class's public interface and snapshotApplied().
void MainWindow::setupIntegrations()
{
    m_namespacesMenu = new QMenu(tr("&Namespaces"), this);
    menuBar()->insertMenu(m_helpMenu->menuAction(), m_namespacesMenu);
    QAction* shell = m_namespacesMenu->addAction(tr("&New isolated shell…"), this,
                                                 [this] { openLaunchDialog(false); });
    shell->setObjectName(QStringLiteral("newShell"));
    shell->setShortcut(QKeySequence::New);
    m_launchFromSelectionAction = m_namespacesMenu->addAction(tr("&Launch isolated shell…"), this,
                                                              [this] { openLaunchDialog(true); });
    m_launchFromSelectionAction->setObjectName(QStringLiteral("launchFromSelection"));
    m_launchFromSelectionAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_launchFromSelectionAction->setStatusTip(
        tr("A new isolated shell, with a new namespace of the selected namespace's type"));
    m_enterAction =
        m_namespacesMenu->addAction(tr("&Enter namespaces…"), this, &MainWindow::openEnterDialog);
    m_enterAction->setObjectName(QStringLiteral("enterNamespaces"));
    m_enterAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_enterAction->setEnabled(false);
    m_stopContainerAction = m_namespacesMenu->addAction(tr("&Stop container…"), this,
                                                        [this] { stopSelectedContainer(); });
    m_stopContainerAction->setObjectName(QStringLiteral("stopContainer"));
    m_stopContainerAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    m_stopContainerAction->setEnabled(false);

    new ChartsIntegration(this);
}

// From a namespace row (or a type's group row) the dialog starts with a new namespace of that
// type ticked: "another one of these". Any other row, or none, gives the dialog's defaults.
LaunchDialog* MainWindow::openLaunchDialog(bool fromSelection)
{
    auto* dialog = new LaunchDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &LaunchDialog::launched, this, [this](qint64) { refreshNow(); });
    const QModelIndex src = fromSelection ? currentSourceIndex() : QModelIndex();
    const auto kind = RowKind(src.data(Role::Kind).toInt());
    const QVariant type = src.data(Role::Type);
    if (src.isValid() && (kind == RowKind::Namespace || kind == RowKind::TypeGroup) &&
        type.isValid()) {
        backend::LaunchRequest r = dialog->request();
        r.namespaces |= unsigned(backend::cloneFlag(backend::NsType(type.toInt())));
        dialog->setRequest(r);
    }
    dialog->show();
    return dialog;
}

void MainWindow::openEnterDialog()
{
    const QModelIndex src = currentSourceIndex();
    const int pid = selectedPid();
    if (pid <= 0 || m_offline || src.data(Role::Vanished).toBool())
        return;
    // Pinned to the row's process (pid and start time), not to whatever has the pid later.
    auto* dialog = new EnterDialog(pid, src.data(Role::StartTime).toULongLong(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EnterDialog::launched, this, [this](qint64) { refreshNow(); });
    dialog->show();
}

void MainWindow::loadSettings()
{
    QSettings s;
    if (!restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1200, 760);
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    if (const QByteArray sp = s.value(QStringLiteral("window/splitter")).toByteArray();
        !sp.isEmpty())
        m_splitter->restoreState(sp);
    for (NsTreeView* v : m_views) {
        s.beginGroup(QStringLiteral("views"));
        v->restoreHeader(s);
        s.endGroup();
    }
    const int interval = s.value(QStringLiteral("poll/interval"), 1000).toInt();
    for (QAction* a : m_intervalGroup->actions())
        a->setChecked(a->data().toInt() == interval);
    model::FilterState f;
    f.text = s.value(QStringLiteral("filter/text")).toString();
    f.regex = s.value(QStringLiteral("filter/regex"), false).toBool();
    const QStringList off = s.value(QStringLiteral("filter/hiddenTypes")).toStringList();
    for (const QString& t : off)
        if (auto type = backend::nsTypeFromString(t.toStdString()))
            f.types[backend::index(*type)] = false;
    f.user = s.value(QStringLiteral("filter/user")).toString();
    f.nonInitialOnly = s.value(QStringLiteral("filter/nonInitial"), false).toBool();
    m_filterBar->setState(f);
    setCurrentView(
        View(qBound(0, s.value(QStringLiteral("view/current"), 0).toInt(), kViewCount - 1)));
}

void MainWindow::saveSettings() const
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    s.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    s.beginGroup(QStringLiteral("views"));
    for (NsTreeView* v : m_views)
        v->saveHeader(s);
    s.endGroup();
    if (m_intervalGroup->checkedAction())
        s.setValue(QStringLiteral("poll/interval"), m_intervalGroup->checkedAction()->data());
    const model::FilterState f = m_filterBar->state();
    s.setValue(QStringLiteral("filter/text"), f.text);
    s.setValue(QStringLiteral("filter/regex"), f.regex);
    QStringList off;
    for (backend::NsType t : backend::kAllNsTypes)
        if (!f.types[backend::index(t)])
            off << QString::fromLatin1(backend::toString(t));
    s.setValue(QStringLiteral("filter/hiddenTypes"), off);
    s.setValue(QStringLiteral("filter/user"), f.user);
    s.setValue(QStringLiteral("filter/nonInitial"), f.nonInitialOnly);
    s.setValue(QStringLiteral("view/current"), int(currentView()));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_options.loadSettings)
        saveSettings();
    if (m_poller)
        m_poller->stop();
    QMainWindow::closeEvent(event);
}

MainWindow::View MainWindow::currentView() const
{
    return View(m_tabs->currentIndex());
}

void MainWindow::setCurrentView(View view)
{
    m_tabs->setCurrentIndex(int(view));
}

void MainWindow::applySnapshot(SnapshotPtr snapshot)
{
    if (!snapshot)
        return;
    m_snapshot = snapshot;
    // Only the view on screen follows every poll; the other two catch up (incrementally, from
    // whatever they showed last) when their tab is opened or something asks for their rows.
    // Three models, proxies and views per poll were most of the GUI thread's work.
    // A hidden view would keep the last snapshot it showed, and its rows, until its tab is
    // opened: after a storm of namespaces that is the storm. When the machine has lost more
    // than a third of what a hidden view shows, and more than 1,000 namespaces and processes,
    // the view follows this poll and the next (which drops the rows greyed out by the first).
    const auto entries = [](const SnapshotPtr& s) {
        return s ? s->namespaces.size() + s->processes.size() : 0;
    };
    const std::size_t now = entries(snapshot);
    for (int v = 0; v < kViewCount; ++v) {
        if (m_offline)
            m_pendingReset[v] = true;
        const bool hidden = View(v) != currentView();
        const bool shrunk = entries(m_applied[v]) > now + std::max<std::size_t>(1000, now / 2);
        if (!hidden || shrunk || m_shrinkPending[v])
            syncView(View(v));
        m_shrinkPending[v] = hidden && shrunk;
    }
    std::set<QString> users;
    for (const auto& p : snapshot->processes)
        if (p.user)
            users.insert(model::SnapshotTreeModel::printable(*p.user)); // as Role::UserName
    m_filterBar->setUsers(QStringList(users.begin(), users.end()));
    updateDetails();
    updateEmptyNotice();
    updateStatus();
    updateBanner();
    updateTitle();
    emit snapshotApplied(snapshot);
}

void MainWindow::syncView(View view)
{
    const int v = int(view);
    if (m_applied[v] == m_snapshot) {
        applyFilter(view);
        return;
    }
    m_applied[v] = m_snapshot;
    if (!m_snapshot) {
        m_models[v]->clear();
        applyFilter(view);
        return;
    }
    m_models[v]->setSnapshot(m_snapshot, m_pendingReset[v]
                                             ? model::SnapshotTreeModel::Update::Reset
                                             : model::SnapshotTreeModel::Update::Incremental);
    m_pendingReset[v] = false;
    if (!m_expanded[v])
        expandInitially(view);
    applyFilter(view);
    if (view == currentView())
        updateBanner();
}

NsTreeView* MainWindow::view(View view)
{
    syncView(view);
    return m_views[int(view)];
}

model::SnapshotTreeModel* MainWindow::model(View view)
{
    syncView(view);
    return m_models[int(view)];
}

model::NamespaceFilterProxy* MainWindow::proxy(View view)
{
    syncView(view);
    return m_proxies[int(view)];
}

void MainWindow::expandInitially(View view)
{
    NsTreeView* tv = m_views[int(view)];
    QAbstractItemModel* m = tv->model();
    if (m->rowCount() == 0)
        return;
    m_expanded[int(view)] = true;
    if (view == View::ByType) {
        for (int r = 0; r < m->rowCount(); ++r)
            tv->expand(m->index(r, 0));
    } else if (view == View::Processes) {
        // Two levels (PID 1's and kthreadd's children): every expanded row is a persistent
        // index that Qt walks on each row removal, so a fully expanded tree costs every poll.
        tv->expandToDepth(1);
    } else {
        tv->expandAll();
    }
}

void MainWindow::showOfflineSnapshot(SnapshotPtr snapshot, const QString& origin)
{
    if (m_poller)
        m_poller->stop();
    m_offline = true;
    m_offlineOrigin = origin;
    m_expanded = {};
    m_pauseAction->setEnabled(false);
    m_refreshAction->setEnabled(false);
    m_liveAction->setEnabled(m_options.live);
    m_details->showNothing();
    applySnapshot(std::move(snapshot));
}

bool MainWindow::openSnapshotFile(const QString& path, QString* error)
{
    try {
        auto s = std::make_shared<const backend::Snapshot>(
            backend::loadSnapshotFile(QFile::encodeName(path).toStdString()));
        showOfflineSnapshot(s, QFileInfo(path).fileName());
        return true;
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
}

void MainWindow::openFileDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open snapshot"), QString(),
                                                      tr("Snapshots (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!openSnapshotFile(path, &error))
        QMessageBox::warning(this, tr("Cannot open snapshot"), error);
}

void MainWindow::goLive()
{
    if (!m_options.live || !m_offline)
        return;
    m_offline = false;
    m_offlineOrigin.clear();
    m_snapshot.reset();
    m_expanded = {};
    m_applied = {};
    m_pendingReset = {};
    for (auto* m : m_models)
        m->clear();
    m_details->showNothing();
    m_pauseAction->setEnabled(true);
    m_refreshAction->setEnabled(true);
    m_liveAction->setEnabled(false);
    updateTitle();
    if (!m_poller) {
        m_poller = new model::Poller(m_options.scan, this);
        connect(m_poller, &model::Poller::snapshotReady, this, [this](SnapshotPtr s) {
            // A scan still in flight when a file was opened must not replace the file's view.
            if (!m_offline)
                applySnapshot(std::move(s));
        });
    }
    m_poller->start();
}

void MainWindow::setPaused(bool paused)
{
    if (m_poller)
        m_poller->setPaused(paused);
    updateStatus();
}

void MainWindow::refreshNow()
{
    if (m_poller && !m_offline)
        m_poller->refreshNow();
}

void MainWindow::setIntervalMs(int ms)
{
    if (m_poller)
        m_poller->setInterval(ms);
}

void MainWindow::onFilterChanged(const model::FilterState& state)
{
    // Each keystroke filters the view on screen; the others when they are shown (syncView).
    m_filter = state;
    for (int v = 0; v < kViewCount; ++v)
        m_filterPending[v] = true;
    applyFilter(currentView());
    const auto* current = m_proxies[int(currentView())];
    m_filterBar->setPatternError(current->isPatternValid() ? QString() : current->patternError());
    updateEmptyNotice();
    updateStatus();
}

void MainWindow::applyFilter(View view)
{
    if (!m_filterPending[int(view)])
        return;
    m_filterPending[int(view)] = false;
    m_proxies[int(view)]->setFilter(m_filter);
    // Show the matches: a text or user search opens the tree when what is left is short
    // (every expanded row costs on each poll, and a broad match would open everything).
    if (m_filter.text.isEmpty() && m_filter.user.isEmpty())
        return;
    NsTreeView* v = m_views[int(view)];
    int rows = 0;
    std::vector<QModelIndex> stack{QModelIndex()};
    while (!stack.empty() && rows <= kExpandLimit) {
        const QModelIndex p = stack.back();
        stack.pop_back();
        const int n = v->model()->rowCount(p);
        rows += n;
        for (int r = 0; r < n; ++r)
            stack.push_back(v->model()->index(r, 0, p));
    }
    if (rows <= kExpandLimit)
        v->expandAll();
}

void MainWindow::updateEmptyNotice()
{
    const auto* proxy = m_proxies[int(currentView())];
    const bool empty = m_snapshot && proxy->rowCount() == 0 && proxy->filter().isActive();
    if (empty)
        m_emptyLabel->setText(proxy->isPatternValid()
                                  ? tr("Nothing matches the filter in this view.")
                                  : tr("The pattern is not a valid regular expression: %1")
                                        .arg(proxy->patternError()));
    m_emptyNotice->setVisible(empty);
}

void MainWindow::updateStatus()
{
    if (m_snapshot) {
        m_statusCounts->setText(tr("%n namespace(s)", nullptr, int(m_snapshot->namespaces.size())) +
                                QStringLiteral(", ") +
                                tr("%n process(es)", nullptr, int(m_snapshot->processes.size())) +
                                (m_filterBar->state().isActive() ? tr(" (filtered)") : QString()));
    } else {
        m_statusCounts->setText(m_offline ? QString() : tr("Scanning…"));
    }
    if (m_offline && m_snapshot)
        m_statusScan->setText(
            tr("Snapshot taken %1").arg(QString::fromStdString(m_snapshot->takenAt)));
    else if (m_poller && m_snapshot)
        m_statusScan->setText(tr("Last scan %1 (%2 ms)")
                                  .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")))
                                  .arg(qRound(m_poller->lastScanMs())));
    else
        m_statusScan->clear();
    const bool paused = m_poller && m_poller->isPaused() && !m_offline;
    m_statusPaused->setText(paused ? tr("Paused") : QString());
    m_pauseAction->setText(paused ? tr("&Resume") : tr("&Pause"));
    m_pauseAction->setIcon(
        style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
}

void MainWindow::updateBanner()
{
    const SnapshotPtr& s = m_snapshot;
    if (!s) {
        m_bannerFrame->hide();
        return;
    }
    const int errors = int(s->errors.size());
    QString text;
    if (s->scannerUid != 0)
        text = tr("Running as uid %1: namespaces of other users' processes can't be read; "
                  "%n error(s) in the last scan. Run as root to see everything.",
                  nullptr, errors)
                   .arg(s->scannerUid);
    else if (!s->complete)
        text =
            tr("Some entries could not be read in the last scan (%n error(s)).", nullptr, errors);
    if (m_offline && !text.isEmpty())
        text = tr("Offline snapshot — ") + text;
    // A parent chain longer than the views nest (a crafted file): say where its rows went.
    if (const int flat = m_models[int(currentView())]->flattenedRows(); flat > 0) {
        if (!text.isEmpty())
            text += QLatin1Char(' ');
        text += tr("%n row(s) nested deeper than %1 levels are shown side by side at level %1.",
                   nullptr, flat)
                    .arg(model::Layout::kMaxDepth);
    }
    if (text.isEmpty()) {
        m_bannerFrame->hide();
        return;
    }
    QStringList detail;
    for (std::size_t i = 0; i < s->errors.size() && i < 20; ++i)
        detail << QStringLiteral("%1: %2").arg(QString::fromStdString(s->errors[i].path),
                                               QString::fromStdString(s->errors[i].error));
    if (s->errors.size() > 20)
        detail << tr("… and %1 more").arg(s->errors.size() - 20);
    m_banner->setText(text);
    m_banner->setToolTip(detail.join(QLatin1Char('\n')));
    m_bannerFrame->show();
}

void MainWindow::updateTitle()
{
    QString title = QStringLiteral("nsexplorer");
    if (m_offline && m_snapshot)
        title += tr(" — offline snapshot (%1)").arg(QString::fromStdString(m_snapshot->takenAt)) +
                 (m_offlineOrigin.isEmpty() ? QString() : QStringLiteral(" — ") + m_offlineOrigin);
    else if (m_snapshot)
        title += QStringLiteral(" — ") + model::SnapshotTreeModel::printable(m_snapshot->hostname);
    setWindowTitle(title);
}

QModelIndex MainWindow::currentSourceIndex() const
{
    const View v = currentView();
    const QModelIndex idx = m_views[int(v)]->currentIndex();
    return idx.isValid() ? m_proxies[int(v)]->mapToSource(idx) : QModelIndex();
}

void MainWindow::onCurrentChanged(View view, const QModelIndex& current)
{
    if (view != currentView())
        return;
    if (m_enterAction)
        m_enterAction->setEnabled(!m_offline && selectedPid() > 0);
    updateStopAction();
    const QModelIndex src =
        current.isValid() ? m_proxies[int(view)]->mapToSource(current) : QModelIndex();
    if (!src.isValid()) {
        m_details->showNothing();
        return;
    }
    switch (RowKind(src.data(Role::Kind).toInt())) {
    case RowKind::Namespace:
        m_details->showNamespace(m_snapshot, backend::NsType(src.data(Role::Type).toInt()),
                                 src.data(Role::Inode).toULongLong(),
                                 src.data(Role::NamespaceId).toULongLong());
        break;
    case RowKind::Process:
        m_details->showProcess(m_snapshot, src.data(Role::Pid).toInt());
        break;
    default:
        m_details->showNothing();
        break;
    }
}

void MainWindow::updateDetails()
{
    // The row shown may have learned its namespace's id since it was selected.
    const QModelIndex src = currentSourceIndex();
    if (src.isValid() && RowKind(src.data(Role::Kind).toInt()) == RowKind::Namespace)
        m_details->showNamespace(m_snapshot, backend::NsType(src.data(Role::Type).toInt()),
                                 src.data(Role::Inode).toULongLong(),
                                 src.data(Role::NamespaceId).toULongLong());
    else
        m_details->refresh(m_snapshot);
    // A container may have appeared or ended under the selection.
    updateStopAction();
}

bool MainWindow::revealSourceIndex(View view, const QModelIndex& sourceIndex)
{
    if (!sourceIndex.isValid())
        return false;
    QModelIndex idx = m_proxies[int(view)]->mapFromSource(sourceIndex);
    if (!idx.isValid()) {
        // Hidden by the filter: the user asked for it, so show everything.
        m_filterBar->reset();
        idx = m_proxies[int(view)]->mapFromSource(sourceIndex);
        if (!idx.isValid())
            return false;
    }
    setCurrentView(view);
    NsTreeView* tv = m_views[int(view)];
    for (QModelIndex p = idx.parent(); p.isValid(); p = p.parent())
        tv->expand(p);
    tv->setCurrentIndex(idx);
    tv->scrollTo(idx);
    onCurrentChanged(view, idx);
    return true;
}

bool MainWindow::selectNamespace(backend::NsType type, std::uint64_t inode)
{
    View v = currentView() == View::Processes ? View::ByType : currentView();
    QModelIndex src = model(v)->findNamespace(type, inode);
    if (!src.isValid() && v != View::ByType) {
        v = View::ByType;
        src = model(v)->findNamespace(type, inode);
    }
    return revealSourceIndex(v, src);
}

bool MainWindow::selectProcess(int pid)
{
    return revealSourceIndex(View::Processes, model(View::Processes)->findProcess(pid));
}

int MainWindow::selectedPid() const
{
    const QModelIndex src = currentSourceIndex();
    if (!src.isValid() || RowKind(src.data(Role::Kind).toInt()) != RowKind::Process)
        return 0;
    return src.data(Role::Pid).toInt();
}

bool MainWindow::sendSignalToSelected(int sig, bool confirm)
{
    const QModelIndex src = currentSourceIndex();
    const int pid = selectedPid();
    if (pid <= 0 || m_offline || src.data(Role::Vanished).toBool())
        return false;
    const std::uint64_t start = src.data(Role::StartTime).toULongLong();
    const QString comm = src.siblingAtColumn(0).data().toString();
    if (confirm &&
        QMessageBox::question(
            this, tr("Send %1").arg(signalName(sig)),
            tr("Send %1 to process %2 (%3)?").arg(signalName(sig)).arg(pid).arg(comm),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return false;
    const backend::nsfs::UniqueFd target(pidfdIfSame(pid, start));
    if (!target) {
        if (confirm)
            QMessageBox::warning(
                this, tr("Process gone"),
                tr("Process %1 (%2) has exited; nothing was sent.").arg(pid).arg(comm));
        return false;
    }
    if (!signalPidfd(target.get(), sig)) {
        const int err = errno;
        if (confirm)
            QMessageBox::warning(
                this, tr("Cannot send %1").arg(signalName(sig)),
                tr("Process %1: %2").arg(pid).arg(QString::fromLocal8Bit(std::strerror(err))));
        return false;
    }
    spdlog::info("sent {} to pid {}", signalName(sig).toStdString(), pid);
    statusBar()->showMessage(tr("Sent %1 to %2 (%3)").arg(signalName(sig)).arg(pid).arg(comm),
                             4000);
    refreshNow();
    return true;
}

namespace {
// nsexplorer-helper as the kernel truncates comm (15 bytes).
constexpr std::string_view kHelperComm = "nsexplorer-help";
} // namespace

MainWindow::Container MainWindow::selectedContainer() const
{
    const QModelIndex src = currentSourceIndex();
    if (m_offline || !m_snapshot || !src.isValid() || src.data(Role::Vanished).toBool())
        return {};
    const backend::Snapshot& s = *m_snapshot;
    auto helperAt = [&](int pid) -> const backend::Process* {
        const backend::Process* p = pid > 0 ? s.findProcess(pid) : nullptr;
        // The name is anyone's to choose: the running executable must be our helper (checked
        // now, on the live process; its start time is checked again when it is signalled).
        return p && p->comm == kHelperComm && p->pid != ::getpid() &&
                       backend::runsOurHelper("/proc", p->pid, p->uid, m_options.scan.helperPath)
                   ? p
                   : nullptr;
    };
    const backend::Process* helper = nullptr;
    switch (RowKind(src.data(Role::Kind).toInt())) {
    case RowKind::Namespace: {
        // A namespace the helper made: it is the launcher, or (when it moved into the namespace
        // itself) a member.
        const backend::Namespace* ns = s.findNamespace(
            backend::NsType(src.data(Role::Type).toInt()), src.data(Role::Inode).toULongLong());
        if (!ns || !ns->launcher || ns->launcher->kind != "nsexplorer")
            break;
        helper = helperAt(ns->launcher->pid.value_or(0));
        for (std::size_t k = 0; !helper && k < ns->processes.size(); ++k)
            helper = helperAt(ns->processes[k]);
        break;
    }
    case RowKind::Process: {
        // A process belongs to the container of the nearest helper among itself and its
        // ancestors (a process that only shares a namespace with a container does not).
        const backend::Process* p = s.findProcess(src.data(Role::Pid).toInt());
        for (int guard = 0; p && !helper && guard < 64; ++guard) {
            helper = helperAt(p->pid);
            p = p->ppid > 0 ? s.findProcess(p->ppid) : nullptr;
        }
        break;
    }
    default:
        break;
    }
    if (!helper)
        return {};
    return {helper->pid, helper->startTime, model::SnapshotTreeModel::printable(helper->comm)};
}

int MainWindow::stopRefusal(const Container& c) const
{
    if (c.pid <= 0)
        return ESRCH;
    if (m_stopping.contains(c.pid))
        return EALREADY;
    // kill(pid, 0): is it ours to signal (a helper started through pkexec runs as root)?
    return ::kill(c.pid, 0) == 0 ? 0 : errno;
}

QString MainWindow::signalRefusal() const
{
    const int pid = selectedPid();
    if (pid <= 0 || m_offline || currentSourceIndex().data(Role::Vanished).toBool())
        return tr("Select a running process to send it a signal");
    // kill(pid, 0): the kernel's own answer to "may we signal it" (another user's process,
    // root's for an ordinary user), so no signal is offered only to fail after the question.
    if (::kill(pid, 0) != 0 && errno == EPERM)
        return tr("Process %1 belongs to another user: not ours to signal").arg(pid);
    return {};
}

void MainWindow::updateSignalActions()
{
    if (!m_termAction)
        return;
    const QString refusal = signalRefusal();
    for (QAction* a : {m_termAction, m_killAction}) {
        a->setEnabled(refusal.isEmpty());
        a->setStatusTip(refusal);
        a->setToolTip(refusal.isEmpty() ? a->text() : refusal);
    }
}

void MainWindow::updateStopAction()
{
    // Called wherever the selection or what it shows changes: the signal actions follow too.
    updateSignalActions();
    if (!m_stopContainerAction)
        return;
    const Container c = selectedContainer();
    const int refusal = stopRefusal(c);
    m_stopContainerAction->setEnabled(refusal == 0);
    m_stopContainerAction->setStatusTip(
        refusal == EALREADY ? tr("The container of %1 is being stopped").arg(c.pid)
        : refusal == EPERM
            ? tr("nsexplorer-helper (pid %1) runs as another user (pkexec): not ours to stop")
                  .arg(c.pid)
            : tr("Ends the container nsexplorer started that the selection belongs to"));
}

bool MainWindow::stopSelectedContainer(bool confirm)
{
    const Container c = selectedContainer();
    if (const int refusal = stopRefusal(c)) {
        if (confirm && refusal == EPERM)
            QMessageBox::warning(this, tr("Cannot stop the container"),
                                 tr("nsexplorer-helper (pid %1) runs as another user, probably "
                                    "through pkexec: it is not ours to signal.")
                                     .arg(c.pid));
        return false;
    }
    // Its processes as the snapshot shows them: the helper's descendants.
    std::vector<std::pair<int, std::uint64_t>> members;
    for (const backend::Process& p : m_snapshot->processes) {
        const backend::Process* q = &p;
        for (int guard = 0; q && guard < 64; ++guard) {
            if (q->ppid == c.pid) {
                members.emplace_back(p.pid, p.startTime);
                break;
            }
            q = q->ppid > 0 ? m_snapshot->findProcess(q->ppid) : nullptr;
        }
    }
    if (confirm &&
        QMessageBox::question(
            this, tr("Stop container"),
            tr("Stop the container started by nsexplorer-helper (pid %1)? Its %n process(es) get "
               "SIGHUP and SIGTERM; any still running after %2 s are killed.",
               nullptr, int(members.size()))
                .arg(c.pid)
                .arg(m_stopGraceMs / 1000.0, 0, 'g', 2),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return false;
    auto helperFd = std::make_shared<backend::nsfs::UniqueFd>(pidfdIfSame(c.pid, c.startTime));
    if (!*helperFd) {
        if (confirm)
            QMessageBox::warning(
                this, tr("Container gone"),
                tr("nsexplorer-helper (pid %1) has exited; nothing was sent.").arg(c.pid));
        return false;
    }
    if (!sendStopSignals(helperFd->get())) {
        const int err = errno;
        if (confirm)
            QMessageBox::warning(
                this, tr("Cannot stop the container"),
                tr("Process %1: %2").arg(c.pid).arg(QString::fromLocal8Bit(std::strerror(err))));
        return false;
    }
    spdlog::info("stop container: SIGHUP and SIGTERM to helper pid {}", c.pid);
    m_stopping.insert(c.pid);
    updateStopAction();
    statusBar()->showMessage(tr("Stopping the container of %1…").arg(c.pid), m_stopGraceMs + 4000);
    // The helper passes both on to its payload (a shell ends on SIGHUP). After the grace period,
    // SIGKILL to the helper if it is still there (its reaper and payload die with it, and a
    // pid namespace with its PID 1) and to each of its processes of the snapshot still alive
    // (without a pid namespace, a payload's own children would outlive it).
    QTimer::singleShot(m_stopGraceMs, this, [this, c, helperFd, members] {
        m_stopping.remove(c.pid);
        int killed = 0, refused = 0;
        // Signal 0 through the pidfd: that very process is still there (not another one under
        // its pid); running(): and not just a zombie its parent has not reaped yet.
        auto stillThere = [](int fd, int pid) { return signalPidfd(fd, 0) && running(pid); };
        if (stillThere(helperFd->get(), c.pid))
            signalPidfd(helperFd->get(), SIGKILL) ? ++killed : ++refused;
        for (const auto& [pid, start] : members) {
            backend::nsfs::UniqueFd fd(pidfdIfSame(pid, start));
            if (fd && stillThere(fd.get(), pid))
                signalPidfd(fd.get(), SIGKILL) ? ++killed : ++refused;
        }
        if (refused)
            spdlog::warn("stop container {}: {} process(es) refused SIGKILL", c.pid, refused);
        else if (killed)
            spdlog::info("stop container {}: SIGKILL to {} process(es)", c.pid, killed);
        statusBar()->showMessage(
            refused
                ? tr("The container of %1: %n process(es) could not be killed", nullptr, refused)
                      .arg(c.pid)
            : killed ? tr("Killed the container of %1 (%n process(es) had ignored SIGTERM)",
                          nullptr, killed)
                           .arg(c.pid)
                     : tr("The container of %1 ended").arg(c.pid),
            6000);
        updateStopAction();
        refreshNow();
    });
    refreshNow();
    return true;
}

void MainWindow::showContextMenu(View view, const QModelIndex& index, const QPoint& globalPos)
{
    if (!index.isValid())
        return;
    NsTreeView* tv = m_views[int(view)];
    tv->setCurrentIndex(index);
    QMenu menu(this);
    menu.addAction(tr("Copy cell"), this,
                   [index] { QGuiApplication::clipboard()->setText(index.data().toString()); });
    menu.addAction(tr("Copy row"), this,
                   [tv, index] { QGuiApplication::clipboard()->setText(tv->rowText(index)); });
    const QString column = tv->model()->headerData(index.column(), Qt::Horizontal).toString();
    menu.addAction(tr("Copy column “%1”").arg(column), this, [tv, index] {
        QGuiApplication::clipboard()->setText(tv->columnText(index.column()));
    });
    if (selectedPid() > 0 && !m_offline) {
        menu.addSeparator();
        QMenu* sig = menu.addMenu(tr("Send signal"));
        sig->addAction(m_termAction);
        sig->addAction(m_killAction);
        const QString refusal = signalRefusal();
        sig->setToolTipsVisible(true);
        for (QAction* a :
             {sig->addAction(tr("Stop (SIGSTOP)"), this, [this] { sendSignalToSelected(SIGSTOP); }),
              sig->addAction(tr("Continue (SIGCONT)"), this,
                             [this] { sendSignalToSelected(SIGCONT); })}) {
            a->setEnabled(refusal.isEmpty());
            a->setStatusTip(refusal);
            if (!refusal.isEmpty())
                a->setToolTip(refusal);
        }
        if (m_enterAction)
            menu.addAction(m_enterAction);
    }
    if (m_launchFromSelectionAction) {
        menu.addSeparator();
        menu.addAction(m_launchFromSelectionAction);
    }
    if (m_stopContainerAction && selectedContainer().pid > 0) {
        menu.addSeparator();
        menu.addAction(m_stopContainerAction); // disabled, with the reason, when not ours
    }
    menu.exec(globalPos);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About nsexplorer"),
                       tr("<h3>nsexplorer %1</h3><p>Makes Linux namespaces visible and usable: "
                          "what isolates what on this machine, live.</p>")
                           .arg(QStringLiteral(NSX_VERSION)));
}

} // namespace nsx::gui
