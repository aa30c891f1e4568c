#include "main_window.h"

#include "chart_common.h"
#include "chart_integration.h"
#include "details_pane.h"
#include "filter_bar.h"
#include "language.h"
#include "launch_request.h"
#include "map_view.h"
#include "message_text.h"
#include "namespace_models.h"
#include "poller.h"
#include "process_actions.h"
#include "roles.h"
#include "snapshot_io.h"
#include "tree_views.h"
#include "type_icons.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

#include <set>

namespace nsx::gui {

namespace Role = model::Role;
using model::RowKind;
using model::SnapshotPtr;

MainWindow::MainWindow(QWidget* parent) : MainWindow(Options{}, parent) {}

MainWindow::MainWindow(const Options& options, QWidget* parent)
    : QMainWindow(parent), m_options(options)
{
    // The helper this GUI starts: its processes are "nsexplorer" launchers (and containers
    // Stop container may signal) wherever it was built; see backend::runsOurHelper.
    if (m_options.scan.helperPath.empty())
        m_options.scan.helperPath =
            backend::findHelper(QCoreApplication::applicationFilePath().toStdString());
    registerResources();
    setWindowIcon(appIcon());
    m_actions = new ProcessActions(this);
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
        m_details->setLiveClock(true);
        m_poller = new model::Poller(m_options.scan, this);
        connect(m_poller, &model::Poller::snapshotReady, this, [this](SnapshotPtr s) {
            // A scan still in flight when a file was opened must not replace the file's view.
            if (!m_offline)
                applySnapshot(std::move(s));
        });
        connect(m_poller, &model::Poller::unchanged, this, [this] {
            if (!m_offline)
                emit pollUnchanged();
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

    m_banner = new ScanBanner(central);
    connect(m_banner->liveButton(), &QPushButton::clicked, this, &MainWindow::goLive);
    layout->addWidget(m_banner);

    m_filterBar = new FilterBar(central);
    layout->addWidget(m_filterBar);
    connect(m_filterBar, &FilterBar::changed, this, &MainWindow::onFilterChanged);
    connect(m_filterBar, &FilterBar::resultsWanted, this,
            [this] { view(currentView())->focusResults(); });

    m_emptyNotice = new EmptyNotice(central);
    connect(m_emptyNotice->resetButton(), &QPushButton::clicked, m_filterBar, &FilterBar::reset);
    layout->addWidget(m_emptyNotice);

    m_splitter = new QSplitter(Qt::Horizontal, central);
    m_tabs = new QTabWidget(m_splitter);
    m_tabs->setDocumentMode(true);
    for (int v = 0; v < kViewCount; ++v) {
        auto* bv = new BrowserView(View(v), m_tabs, this);
        m_views[v] = bv;
        m_tabs->addTab(bv->tree(), bv->icon(), bv->title());
        connect(bv, &BrowserView::currentChanged, this,
                [this, v](const QModelIndex& current) { onCurrentChanged(View(v), current); });
        connect(bv, &BrowserView::contextMenuWanted, this,
                [this, v](const QModelIndex& idx, const QPoint& pos) {
                    showContextMenu(View(v), idx, pos);
                });
    }
    m_map = new MapView(m_tabs);
    m_tabs->addTab(m_map, typeIcon(backend::NsType::Net), tr("Map"));
    m_tabs->setTabToolTip(kViewCount, tr("The network namespaces wired by their interfaces, and "
                                         "the nesting of user and PID namespaces"));
    connect(m_map, &MapView::namespaceClicked, this,
            [this](backend::NsType t, quint64 inode) { selectNamespace(t, inode); });
    connect(m_map, &MapView::processClicked, this, [this](int pid) { selectProcess(pid); });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (mapShown()) {
            m_map->setFilter(m_filterBar->state());
            m_map->setSnapshot(m_snapshot);
            m_map->graphicsView()->setFocus();
        } else {
            m_lastTreeView = View(m_tabs->currentIndex());
        }
        syncView(currentView());
        updateBanner(); // per view: the rows it nested less deep than the file has them
        updateEmptyNotice();
        onCurrentChanged(currentView(), browser(currentView())->tree()->currentIndex());
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

    m_scanStatus = new ScanStatus(statusBar());
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
        connect(a, &QAction::triggered, this, [this, ms] {
            if (m_poller)
                m_poller->setInterval(ms);
        });
    }
    m_viewMenu->addSeparator();
    const QString names[kViewCount] = {tr("By &type"), tr("&Hierarchy"), tr("P&rocesses"),
                                       tr("Co&ntainers")};
    for (int v = 0; v < kViewCount; ++v) {
        QAction* a = m_viewMenu->addAction(names[v], this, [this, v] { setCurrentView(View(v)); });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + v)));
    }
    m_viewMenu->addAction(tr("&Map"), this, &MainWindow::showMap)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M)); // Ctrl+4 is the charts'
    QAction* find = m_viewMenu->addAction(tr("&Find…"), m_filterBar, &FilterBar::focusSearch);
    find->setShortcut(QKeySequence::Find);
    m_viewMenu->addAction(tr("Reset &filter"), m_filterBar, &FilterBar::reset);
    m_viewMenu->addSeparator();
    addLanguageMenu(m_viewMenu, this);

    for (BrowserView* v : m_views)
        m_actions->addShortcutsTo(v->tree());

    // Help
    m_helpMenu = menuBar()->addMenu(tr("&Help"));
    m_helpMenu->addAction(tr("&About nsexplorer"), this, &MainWindow::showAbout);

    QToolBar* tb = addToolBar(tr("Main"));
    tb->setObjectName(QStringLiteral("mainToolBar"));
    tb->setMovable(false);
    tb->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_refreshAction->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    open->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    tb->addAction(m_pauseAction);
    tb->addAction(m_refreshAction);
    tb->addAction(open);
}

// Where the other pieces plug in: the Namespaces menu (ProcessActions) and ChartsIntegration
// (charts dock in View, Export / Compare / Record in File), which uses only this class's public
// interface and snapshotApplied().
void MainWindow::setupIntegrations()
{
    m_namespacesMenu = new QMenu(tr("&Namespaces"), this);
    menuBar()->insertMenu(m_helpMenu->menuAction(), m_namespacesMenu);
    m_actions->fillNamespacesMenu(m_namespacesMenu);
    new ChartsIntegration(this);
}

LaunchDialog* MainWindow::openLaunchDialog(bool fromSelection)
{
    return m_actions->openLaunchDialog(fromSelection);
}

void MainWindow::openEnterDialog()
{
    m_actions->openEnterDialog();
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
    for (BrowserView* v : m_views) {
        s.beginGroup(QStringLiteral("views"));
        v->tree()->restoreHeader(s);
        s.endGroup();
    }
    const int interval = s.value(QStringLiteral("poll/interval"), 1000).toInt();
    for (QAction* a : m_intervalGroup->actions())
        a->setChecked(a->data().toInt() == interval);
    m_filterBar->loadSettings(s);
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
    for (BrowserView* v : m_views)
        v->tree()->saveHeader(s);
    s.endGroup();
    if (m_intervalGroup->checkedAction())
        s.setValue(QStringLiteral("poll/interval"), m_intervalGroup->checkedAction()->data());
    m_filterBar->saveSettings(s);
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
    const int i = m_tabs->currentIndex();
    return i >= 0 && i < kViewCount ? View(i) : m_lastTreeView;
}

bool MainWindow::mapShown() const
{
    return m_tabs->currentWidget() == m_map;
}

void MainWindow::showMap()
{
    m_tabs->setCurrentWidget(m_map);
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
    // the view follows this poll and the next (which drops the rows greyed out by the first),
    // and goes on following while the machine keeps shrinking: a storm that ends over several
    // polls left its last part on a hidden view that followed one poll only (seen under
    // AddressSanitizer, where the ends of a storm's processes spread over more polls).
    const auto entries = [](const SnapshotPtr& s) {
        return s ? s->namespaces.size() + s->processes.size() : 0;
    };
    const std::size_t now = entries(snapshot);
    for (BrowserView* v : m_views) {
        if (m_offline)
            v->resetOnNextSync();
        // The Map on screen: no tree follows the poll (the map's clicks bring one up to date).
        const bool hidden = mapShown() || v->kind() != currentView();
        const std::size_t had = entries(v->applied());
        const bool shrunk = had > now + std::max<std::size_t>(1000, now / 2);
        if (!hidden || shrunk || v->followsNextPoll())
            syncView(v->kind());
        v->setFollowsNextPoll(hidden && (shrunk || (v->followsNextPoll() && had > now)));
    }
    if (mapShown())
        m_map->setSnapshot(snapshot);
    std::set<QString> users;
    for (const auto& p : snapshot->processes)
        if (p.user)
            users.insert(model::printable(*p.user)); // as Role::UserName
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
    if (browser(view)->sync(m_snapshot) && view == currentView())
        updateBanner();
}

NsTreeView* MainWindow::view(View view)
{
    syncView(view);
    return browser(view)->tree();
}

model::SnapshotTreeModel* MainWindow::model(View view)
{
    syncView(view);
    return browser(view)->model();
}

model::NamespaceFilterProxy* MainWindow::proxy(View view)
{
    syncView(view);
    return browser(view)->proxy();
}

void MainWindow::showOfflineSnapshot(SnapshotPtr snapshot, const QString& origin)
{
    if (m_poller)
        m_poller->stop();
    m_offline = true;
    m_offlineOrigin = origin;
    for (BrowserView* v : m_views)
        v->expandAgain();
    m_pauseAction->setEnabled(false);
    m_refreshAction->setEnabled(false);
    m_liveAction->setEnabled(m_options.live);
    m_details->setLiveClock(false); // a file does not record when its machine booted
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
            *error = snapshotErrorText(e);
        return false;
    }
}

void MainWindow::openFileDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open snapshot"), lastFileFolder(),
                                                      tr("Snapshots (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    rememberFileFolder(path);
    QString error;
    if (!openSnapshotFile(path, &error))
        QMessageBox::warning(this, tr("Cannot open snapshot"), error);
}

void MainWindow::goLive()
{
    if (!m_poller || !m_offline)
        return;
    m_offline = false;
    m_offlineOrigin.clear();
    m_snapshot.reset();
    for (BrowserView* v : m_views)
        v->clear();
    m_details->setLiveClock(true);
    m_details->showNothing();
    m_pauseAction->setEnabled(true);
    m_refreshAction->setEnabled(true);
    m_liveAction->setEnabled(false);
    updateTitle();
    updateBanner(); // no snapshot yet: the offline banner goes
    updateStatus();
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

void MainWindow::onFilterChanged(const model::FilterState& state)
{
    // Each keystroke filters the view on screen; the others when they are shown (syncView).
    for (BrowserView* v : m_views)
        v->setFilter(state);
    browser(currentView())->applyFilter();
    m_map->setFilter(state);
    const auto* current = browser(currentView())->proxy();
    m_filterBar->setPatternError(current->isPatternValid() ? QString() : current->patternError());
    updateEmptyNotice();
    updateStatus();
}

void MainWindow::updateEmptyNotice()
{
    m_emptyNotice->showFor(
        browser(currentView())->proxy(), m_snapshot != nullptr,
        currentView() == View::Containers
            ? tr("No container, sandbox, app or service is named in this snapshot.")
            : QString());
}

void MainWindow::updateStatus()
{
    const bool paused = m_poller && m_poller->isPaused() && !m_offline;
    m_scanStatus->showFor(m_snapshot, m_offline, m_filterBar->state().isActive(),
                          m_poller ? m_poller->lastScanMs() : -1, paused);
    m_pauseAction->setText(paused ? tr("&Resume") : tr("&Pause"));
    m_pauseAction->setIcon(mediaIcon(paused, palette()));
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    updateBackground();
}

void MainWindow::hideEvent(QHideEvent* event)
{
    QMainWindow::hideEvent(event);
    updateBackground();
}

void MainWindow::updateBackground()
{
    // Minimised or hidden: nobody looks, the poller slows down (and catches up when shown).
    if (m_poller)
        m_poller->setBackground(isMinimized() || !isVisible());
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::WindowStateChange)
        updateBackground();
    if (event->type() == QEvent::PaletteChange && m_scanStatus && m_pauseAction)
        updateStatus(); // the Pause / Resume icon is drawn in the palette's colours
}

void MainWindow::updateBanner()
{
    m_banner->showFor(m_snapshot, m_offline, m_offlineOrigin, m_poller != nullptr,
                      browser(currentView())->model()->flattenedRows());
}

void MainWindow::updateTitle()
{
    QString title = QStringLiteral("nsexplorer");
    if (m_offline && m_snapshot)
        title += tr(" — offline snapshot (%1)").arg(QString::fromStdString(m_snapshot->takenAt)) +
                 (m_offlineOrigin.isEmpty() ? QString() : QStringLiteral(" — ") + m_offlineOrigin);
    else if (m_snapshot)
        title += QStringLiteral(" — ") + model::printable(m_snapshot->hostname);
    setWindowTitle(title);
}

QModelIndex MainWindow::currentSourceIndex() const
{
    return browser(currentView())->currentSourceIndex();
}

void MainWindow::onCurrentChanged(View view, const QModelIndex& current)
{
    if (view != currentView())
        return;
    m_actions->selectionChanged();
    const QModelIndex src =
        current.isValid() ? browser(view)->proxy()->mapToSource(current) : QModelIndex();
    if (!src.isValid()) {
        if (!showLostSelection())
            m_details->showNothing();
        return;
    }
    switch (RowKind(src.data(Role::Kind).toInt())) {
    case RowKind::Namespace:
        m_details->showNamespace(m_snapshot, backend::NsType(src.data(Role::Type).toInt()),
                                 src.data(Role::Inode).toULongLong(),
                                 src.data(Role::NamespaceId).toULongLong());
        m_map->setSelectedNamespace(backend::NsType(src.data(Role::Type).toInt()),
                                    src.data(Role::Inode).toULongLong());
        break;
    case RowKind::Process:
        m_details->showProcess(m_snapshot, src.data(Role::Pid).toInt());
        m_map->setSelectedProcess(src.data(Role::Pid).toInt());
        break;
    case RowKind::Container:
        m_details->showContainer(m_snapshot, src.data(Role::ContainerKey).toString());
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
    // Nothing selected because the chosen row went: say so again (a row the filter hides may
    // have ended since).
    if (src.isValid() && RowKind(src.data(Role::Kind).toInt()) == RowKind::Namespace)
        m_details->showNamespace(m_snapshot, backend::NsType(src.data(Role::Type).toInt()),
                                 src.data(Role::Inode).toULongLong(),
                                 src.data(Role::NamespaceId).toULongLong());
    else if (src.isValid() || !showLostSelection())
        m_details->refresh(m_snapshot);
    // A container may have appeared or ended under the selection.
    m_actions->update();
}

bool MainWindow::showLostSelection()
{
    const BrowserView* bv = browser(currentView());
    const BrowserView::Lost lost = bv->selectionLost();
    if (lost == BrowserView::Lost::None)
        return false;
    m_details->showLost(bv->lostKind(), lost == BrowserView::Lost::Hidden);
    return true;
}

bool MainWindow::revealSourceIndex(View view, const QModelIndex& sourceIndex)
{
    if (!sourceIndex.isValid())
        return false;
    BrowserView* bv = browser(view);
    if (!bv->proxy()->mapFromSource(sourceIndex).isValid()) {
        // Hidden by the filter: the user asked for it, so show everything.
        m_filterBar->reset();
        if (!bv->proxy()->mapFromSource(sourceIndex).isValid())
            return false;
    }
    // From the Map: the tree follows (for the details and for later), the Map stays on screen.
    if (mapShown())
        m_lastTreeView = view;
    else
        setCurrentView(view);
    bv->reveal(sourceIndex);
    onCurrentChanged(view, bv->tree()->currentIndex());
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
    return m_actions->sendSignal(sig, confirm);
}

MainWindow::Container MainWindow::selectedContainer() const
{
    return m_actions->selectedContainer();
}

bool MainWindow::stopSelectedContainer(bool confirm)
{
    return m_actions->stopSelectedContainer(confirm);
}

void MainWindow::setStopGraceMs(int ms)
{
    m_actions->stopper()->setGraceMs(ms);
}

void MainWindow::showContextMenu(View view, const QModelIndex& index, const QPoint& globalPos)
{
    if (!index.isValid())
        return;
    NsTreeView* tv = browser(view)->tree();
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
    m_actions->addToContextMenu(&menu);
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
