// Everything the GUI shows is in Chinese under zh_CN: the real main window (live, with a
// namespace and a process selected, menus, toolbar, filter bar, charts, status bar) and every
// dialog — launch, enter, export, compare, record, scan errors, about, the language notice —
// are built offscreen with the zh_CN translators installed, and every text on them is walked:
// titles, labels, buttons, actions, menus, tabs, column headers, combo items, placeholders,
// spin box suffixes, tool tips, chart titles, the details pane. It fails on a text that is an
// English source text of the catalogue (or fits one with its %1 filled in) which has a
// Chinese translation, and on English prose (three English words, no Chinese) that is no
// source text at all (a string not passed through tr()). Identifiers, numbers, paths, the
// sources whose translation is themselves ("UTS", "PID") and user data are allowed.
// Bad values typed into the launch dialog must give the validator's refusal in Chinese.
#include "bad_snapshots.h"
#include "compare_dialog.h"
#include "detail_fields.h"
#include "enter_dialog.h"
#include "export_dialog.h"
#include "language.h"
#include "launch_dialog.h"
#include "main_window.h"
#include "map_view.h"
#include "notices.h"
#include "procfs.h"
#include "record_dialog.h"
#include "recorder.h"
#include "snapshot_io.h"
#include "tree_views.h"

#include <QAbstractAxis>
#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocumentFragment>
#include <QTextEdit>
#include <QTimer>
#include <QTreeWidget>
#include <QXmlStreamReader>

#include <functional>
#include <memory>

#include <cstdio>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

using namespace nsx;
using namespace nsx::gui;

namespace {

// A source text with a translation other than itself, as a whole-text pattern (%1 → anything).
struct Source
{
    QString text;
    QRegularExpression pattern;
};

QString withoutAccelerator(QString s)
{
    static const QRegularExpression cjkAccel(QStringLiteral("\\(&[^)]\\)"));
    s.remove(cjkAccel);
    s.replace(QLatin1String("&&"), QLatin1String("\x01"));
    s.remove(QLatin1Char('&'));
    s.replace(QLatin1Char('\x01'), QLatin1Char('&'));
    return s.trimmed();
}

bool hasCjk(const QString& s)
{
    for (const QChar c : s)
        if (c.unicode() >= 0x3000 && c.unicode() <= 0x9FFF)
            return true;
    return false;
}

QList<Source> translatableSources(QString* error)
{
    QFile f(QStringLiteral(NSX_TS_FILE));
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return {};
    }
    QList<Source> out;
    QXmlStreamReader xml(&f);
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const QString translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            const QString text = withoutAccelerator(source);
            // Too little English to tell it from data: "%1 s", "up", "PID".
            static const QRegularExpression letters(QStringLiteral("[A-Za-z]"));
            QString literal = text;
            literal.remove(QRegularExpression(QStringLiteral("%(\\d+|n)")));
            if (translation.trimmed() == source.trimmed() || literal.count(letters) < 4)
                continue;
            QString re = QRegularExpression::escape(text);
            re.replace(QRegularExpression(QStringLiteral("%(\\d+|n)")), QStringLiteral(".*"));
            out << Source{text, QRegularExpression(QRegularExpression::anchoredPattern(re),
                                                   QRegularExpression::DotMatchesEverythingOption)};
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return out;
}

class Walker
{
public:
    explicit Walker(const QList<Source>& sources) : m_sources(sources) {}

    QStringList problems;

    void walk(QWidget* root, const QString& where)
    {
        QList<QWidget*> widgets = root->findChildren<QWidget*>();
        widgets.prepend(root);
        for (QWidget* w : widgets) {
            const QString at = where + QLatin1String(" / ") + describe(w);
            if (w->isWindow())
                check(w->windowTitle(), at + QLatin1String(" title"));
            check(w->toolTip(), at + QLatin1String(" tooltip"));
            for (QAction* a : w->actions())
                checkAction(a, at);
            if (auto* l = qobject_cast<QLabel*>(w))
                check(plain(l->text()), at);
            else if (auto* b = qobject_cast<QAbstractButton*>(w))
                check(b->text(), at);
            checkNotClipped(w, root, at);
            if (auto* g = qobject_cast<QGroupBox*>(w))
                check(g->title(), at);
            if (auto* e = qobject_cast<QLineEdit*>(w))
                check(e->placeholderText(), at + QLatin1String(" placeholder"));
            if (auto* s = qobject_cast<QSpinBox*>(w)) {
                check(s->suffix(), at + QLatin1String(" suffix"));
                check(s->specialValueText(), at);
            }
            if (auto* c = qobject_cast<QComboBox*>(w))
                for (int i = 0; i < c->count(); ++i)
                    check(c->itemText(i), at + QLatin1String(" item"));
            if (auto* t = qobject_cast<QTabBar*>(w))
                for (int i = 0; i < t->count(); ++i) {
                    check(t->tabText(i), at + QLatin1String(" tab"));
                    check(t->tabToolTip(i), at + QLatin1String(" tab tooltip"));
                }
            if (auto* h = qobject_cast<QHeaderView*>(w); h && h->model())
                for (int i = 0; i < h->count(); ++i)
                    for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)})
                        check(h->model()->headerData(i, h->orientation(), role).toString(),
                              at + QLatin1String(" header"));
            if (auto* m = qobject_cast<QMenu*>(w)) {
                check(m->title(), at);
                for (QAction* a : m->actions())
                    checkAction(a, at);
            }
            if (auto* v = qobject_cast<QChartView*>(w); v && v->chart()) {
                check(v->chart()->title(), at + QLatin1String(" chart title"));
                for (QAbstractAxis* axis : v->chart()->axes())
                    check(axis->titleText(), at + QLatin1String(" axis"));
            }
            // Long texts (the details pane): an English sentence of ours inside is untranslated.
            if (auto* t = qobject_cast<QTextEdit*>(w); t && t->isReadOnly())
                checkInside(t->toPlainText(), at);
        }
    }

    // The map's cards, wires and boxes are scene items, not widgets: their tooltips and texts.
    void walkScene(QGraphicsScene* scene, const QString& where)
    {
        for (QGraphicsItem* item : scene->items()) {
            check(item->toolTip(), where + QLatin1String(" item tooltip"));
            if (auto* t = dynamic_cast<QGraphicsSimpleTextItem*>(item))
                check(t->text(), where + QLatin1String(" item"));
            else if (auto* rich = dynamic_cast<QGraphicsTextItem*>(item))
                check(rich->toPlainText(), where + QLatin1String(" item"));
        }
    }

    int textsSeen() const { return m_seen; }
    int sizesChecked() const { return m_sized; }
    // One text shown somewhere the walk does not reach (a message built on demand).
    void checkText(const QString& text, const QString& where) { check(text, where); }

private:
    static QString describe(QWidget* w)
    {
        QString name = QString::fromLatin1(w->metaObject()->className());
        if (!w->objectName().isEmpty())
            name += QLatin1Char('#') + w->objectName();
        return name;
    }

    static QString plain(const QString& text)
    {
        return Qt::mightBeRichText(text) ? QTextDocumentFragment::fromHtml(text).toPlainText()
                                         : text;
    }

    void checkAction(QAction* a, const QString& at)
    {
        const QString where = at + QLatin1String(" action ") + withoutAccelerator(a->text());
        check(a->text(), where);
        check(a->toolTip(), where + QLatin1String(" tooltip"));
        check(a->statusTip(), where);
        if (a->menu())
            for (QAction* sub : a->menu()->actions())
                checkAction(sub, where);
    }

    void check(const QString& raw, const QString& where)
    {
        const QString text = withoutAccelerator(plain(raw));
        if (text.isEmpty())
            return;
        ++m_seen;
        for (const Source& s : m_sources)
            if (s.pattern.match(text).hasMatch()) {
                problems << QStringLiteral("%1: \"%2\" (source \"%3\" has a translation)")
                                .arg(where, text, s.text);
                return;
            }
        // English prose that is no source text: three English words and no Chinese.
        static const QRegularExpression prose(
            QStringLiteral("\\b[A-Za-z][a-z]{2,} [a-z]{2,} [a-z]{2,}\\b"));
        if (!hasCjk(text) && prose.match(text).hasMatch())
            problems << QStringLiteral("%1: \"%2\" (English, not through tr()?)").arg(where, text);
    }

    // A label or button narrower than its text: a layout sized for English (a fixed or maximum
    // width) cutting the Chinese text. Word-wrapped labels and widgets not shown are skipped.
    void checkNotClipped(QWidget* w, QWidget* root, const QString& where)
    {
        auto* label = qobject_cast<QLabel*>(w);
        auto* button = qobject_cast<QAbstractButton*>(w);
        if ((!label && !button) || !w->isVisibleTo(root) || (label && label->wordWrap()))
            return;
        const QString text = label ? label->text() : button->text();
        if (text.isEmpty() || (label && Qt::mightBeRichText(text)))
            return;
        ++m_sized;
        const QSize need = w->minimumSizeHint();
        if (w->width() + 1 < need.width() || w->height() + 1 < need.height())
            problems << QStringLiteral("%1: \"%2\" clipped (%3x%4, needs %5x%6)")
                            .arg(where, text)
                            .arg(w->width())
                            .arg(w->height())
                            .arg(need.width())
                            .arg(need.height());
    }

    void checkInside(const QString& text, const QString& where)
    {
        ++m_seen;
        for (const QString& line : text.split(QLatin1Char('\n'))) {
            for (const Source& s : m_sources) {
                // Whole sentences and labels of ours, with at least two words.
                if (s.text.contains(QLatin1Char('%')) || !s.text.contains(QLatin1Char(' ')) ||
                    s.text.size() < 10)
                    continue;
                if (line.contains(s.text))
                    problems << QStringLiteral("%1: line \"%2\" contains \"%3\"")
                                    .arg(where, line, s.text);
            }
        }
    }

    const QList<Source>& m_sources;
    int m_seen = 0;
    int m_sized = 0;
};

std::uint64_t ownStartTime()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    const auto st = backend::procfs::parseStat(std::string_view(text.constData(), text.size()));
    return st ? st->startTime : 0;
}

// Shown, laid out, and (with NSX_I18N_GRAB_DIR set) saved as NAME.png for a look at the layout.
void showAndGrab(QWidget* w, const QString& name)
{
    w->show();
    QApplication::processEvents();
    const QString dir = qEnvironmentVariable("NSX_I18N_GRAB_DIR");
    if (!dir.isEmpty())
        w->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

} // namespace

class TstWidgetsZhCn : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void qtsOwnStringsAreChinese();
    void mainWindow();
    void containersAndMapTabs();
    void dialogs();
    void requestErrorsAreChinese();
    void snapshotErrorsAreChinese();
    void compareFieldNamesAreChinese();
    void aboutAndLanguageNotice();
    void backendTablesAreTranslated();
    void cleanupTestCase();

private:
    void report(Walker& walker, int atLeast);
    QList<Source> m_sources;
    std::unique_ptr<MainWindow> m_window;
};

void TstWidgetsZhCn::initTestCase()
{
    QString error;
    m_sources = translatableSources(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(m_sources.size() > 100);
    const QString installed = installTranslators(QStringLiteral("zh_CN"));
    QVERIFY2(installed.startsWith(QLatin1String("zh")),
             qPrintable(QStringLiteral("the zh_CN catalogue did not load: ") + installed));
    MainWindow::Options o;
    o.loadSettings = false;
    m_window = std::make_unique<MainWindow>(o);
    m_window->resize(1200, 760);
    m_window->show();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->snapshot() != nullptr, 30000);
}

void TstWidgetsZhCn::qtsOwnStringsAreChinese()
{
    // qtbase_zh_CN.qm (Debian: qt6-translations-l10n): the standard buttons.
    QMessageBox box(QMessageBox::Question, QStringLiteral("x"), QStringLiteral("x"),
                    QMessageBox::Ok | QMessageBox::Cancel);
    const QString cancel = withoutAccelerator(box.button(QMessageBox::Cancel)->text());
    QVERIFY2(hasCjk(cancel),
             qPrintable(QStringLiteral("Qt's own buttons are not translated (\"%1\"): is "
                                       "qt6-translations-l10n installed?")
                            .arg(cancel)));
}

void TstWidgetsZhCn::report(Walker& walker, int atLeast)
{
    QVERIFY2(walker.textsSeen() >= atLeast,
             qPrintable(QStringLiteral("only %1 texts seen").arg(walker.textsSeen())));
    qInfo("%d texts looked at, %d label/button sizes checked", walker.textsSeen(),
          walker.sizesChecked());
    walker.problems.removeDuplicates();
    QVERIFY2(
        walker.problems.isEmpty(),
        qPrintable(
            QStringLiteral("%1 untranslated text(s) under zh_CN:\n  ").arg(walker.problems.size()) +
            walker.problems.join(QLatin1String("\n  "))));
}

void TstWidgetsZhCn::mainWindow()
{
    Walker walker(m_sources);
    showAndGrab(m_window.get(), QStringLiteral("main"));
    walker.walk(m_window.get(), QStringLiteral("main window"));
    // A namespace selected (this process's uts), then this process: the details pane.
    struct stat st
    {};
    QVERIFY(::stat("/proc/self/ns/uts", &st) == 0);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->selectNamespace(backend::NsType::Uts, st.st_ino), 30000);
    walker.walk(m_window.get(), QStringLiteral("main window, a namespace selected"));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->selectProcess(int(::getpid())), 30000);
    walker.walk(m_window.get(), QStringLiteral("main window, a process selected"));
    showAndGrab(m_window.get(), QStringLiteral("main-process"));
    report(walker, 100);
}

void TstWidgetsZhCn::containersAndMapTabs()
{
    // The tabs not on screen at start: their headers, empty notice, toolbar and the map's items.
    Walker walker(m_sources);
    m_window->setCurrentView(View::Containers);
    QTRY_COMPARE(m_window->currentView(), View::Containers);
    QVERIFY(m_window->view(View::Containers) != nullptr);
    walker.walk(m_window.get(), QStringLiteral("main window, Containers tab"));
    m_window->showMap();
    QVERIFY(m_window->mapShown());
    MapView* map = m_window->mapView();
    QVERIFY(map);
    for (const MapView::Mode mode : {MapView::Mode::Network, MapView::Mode::Nesting}) {
        map->setMode(mode);
        QVERIFY2(map->waitForLayout(30000), "the map's layout did not finish");
        QApplication::processEvents();
        const QString where = mode == MapView::Mode::Network ? QStringLiteral("Map tab, network")
                                                             : QStringLiteral("Map tab, nesting");
        walker.walk(m_window.get(), QStringLiteral("main window, ") + where);
        walker.walkScene(mode == MapView::Mode::Network ? map->networkScene() : map->nestingScene(),
                         where);
    }
    QVERIFY2(!map->cards().isEmpty(), "no network card drawn: the map was not walked");
    QVERIFY2(!map->nestItems().isEmpty(), "no nesting box drawn: the map was not walked");
    showAndGrab(m_window.get(), QStringLiteral("map"));
    map->setMode(MapView::Mode::Network);
    m_window->setCurrentView(View::ByType);
    report(walker, 100);
}

void TstWidgetsZhCn::dialogs()
{
    Walker walker(m_sources);
    auto* launch = new LaunchDialog(m_window.get());
    showAndGrab(launch, QStringLiteral("launch"));
    walker.walk(launch, QStringLiteral("launch dialog"));
    delete launch;

    auto* enter = new EnterDialog(int(::getpid()), ownStartTime(), m_window.get());
    showAndGrab(enter, QStringLiteral("enter"));
    walker.walk(enter, QStringLiteral("enter dialog"));
    delete enter;

    auto* exportDialog = new ExportDialog(m_window->snapshot(),
                                          m_window->view(MainWindow::View::ByType), m_window.get());
    showAndGrab(exportDialog, QStringLiteral("export"));
    walker.walk(exportDialog, QStringLiteral("export dialog"));
    delete exportDialog;

    auto* compare = new CompareDialog(m_window->snapshot(), m_window.get());
    showAndGrab(compare, QStringLiteral("compare"));
    walker.walk(compare, QStringLiteral("compare dialog"));
    delete compare;

    model::Recorder recorder;
    auto* record = new RecordDialog(&recorder, m_window.get());
    showAndGrab(record, QStringLiteral("record"));
    walker.walk(record, QStringLiteral("record dialog"));
    delete record;

    auto* errors = new ScanErrorsDialog(m_window.get());
    errors->showFor(m_window->snapshot());
    showAndGrab(errors, QStringLiteral("scan-errors"));
    walker.walk(errors, QStringLiteral("scan errors dialog"));
    delete errors;
    report(walker, 60);
}

void TstWidgetsZhCn::requestErrorsAreChinese()
{
    // Bad values typed into the launch dialog: the validator's refusal (backend/launch, shared
    // with the helper and the CLI, which print it in English) is shown in Chinese, the value
    // the user typed and the option name kept.
    Walker walker(m_sources);
    auto* launch = new LaunchDialog(m_window.get());
    showAndGrab(launch, QStringLiteral("launch-error"));
    const struct
    {
        const char* field; // the line edit's object name
        const char* value;
        const char* option; // the option the error names
    } cases[] = {
        {"hostname", "my host", "hostname"},  // invalid character
        {"hostname", "-web", "hostname"},     // label starts with '-'
        {"name", "-web", "name"},             // starts with '-'
        {"rootDir", "srv/root", "root"},      // not an absolute path
        {"workdir", "/tmp/../etc", "wd"},     // not normalised
        {"command", "/bin//sh -i", "command"} // program not normalised
    };
    for (const auto& c : cases) {
        auto* edit = launch->findChild<QLineEdit*>(QLatin1String(c.field));
        QVERIFY2(edit, c.field);
        const QString before = edit->text();
        edit->clear();
        QTest::keyClicks(edit, QString::fromUtf8(c.value));
        QApplication::processEvents();
        const auto invalid = backend::validate(launch->request());
        QVERIFY2(invalid, qPrintable(QStringLiteral("%1 = \"%2\" is accepted: no error to look at")
                                         .arg(c.field, c.value)));
        QCOMPARE(QString::fromStdString(invalid->field), QString::fromLatin1(c.option));
        const QString english = QString::fromStdString(invalid->line());
        const QString shown = launch->errorText();
        const QString where = QStringLiteral("launch dialog, %1 = \"%2\"").arg(c.field, c.value);
        QVERIFY2(shown != english && hasCjk(shown),
                 qPrintable(QStringLiteral("%1: the error is English: \"%2\"").arg(where, shown)));
        QVERIFY2(shown.startsWith(QLatin1String(c.option)),
                 qPrintable(
                     QStringLiteral("%1: the option name is not kept: \"%2\"").arg(where, shown)));
        // The typed value (as printable() echoes it) is in the sentence.
        const QString typed = QString::fromUtf8(c.value).split(QLatin1Char(' ')).first();
        QVERIFY2(shown.contains(typed) || c.option == QLatin1String("command"),
                 qPrintable(QStringLiteral("%1: the value is missing: \"%2\"").arg(where, shown)));
        qInfo("%s: %s", qPrintable(where), qPrintable(shown));
        walker.checkText(shown, where);
        walker.walk(launch, where);
        edit->clear();
        QTest::keyClicks(edit, before);
    }
    // The name's own check is the field's tool tip as well.
    auto* name = launch->findChild<QLineEdit*>(QStringLiteral("name"));
    QVERIFY(name);
    name->clear();
    QTest::keyClicks(name, QStringLiteral("-web"));
    QVERIFY2(hasCjk(name->toolTip()) && !name->toolTip().contains(QLatin1String("starts with")),
             qPrintable(QStringLiteral("name tool tip: \"%1\"").arg(name->toolTip())));
    walker.walk(launch, QStringLiteral("launch dialog, name = \"-web\""));
    delete launch;

    // The enter dialog's refusals quote the validator's words too ("The command cannot be run:
    // ..."): a request with a command the validator refuses.
    backend::EnterRequest enter;
    enter.target = int(::getpid());
    enter.namespaces = backend::kNsUts;
    enter.command = {"/bin/./sh"};
    const auto refused = backend::validate(enter);
    QVERIFY(refused);
    const QString refusal = EnterDialog::refusalText(*refused);
    QVERIFY2(hasCjk(refusal) && !refusal.contains(QString::fromStdString(refused->message.text())),
             qPrintable(QStringLiteral("enter dialog refusal: \"%1\"").arg(refusal)));
    walker.checkText(refusal, QStringLiteral("enter dialog refusal"));
    report(walker, 20);
}

void TstWidgetsZhCn::snapshotErrorsAreChinese()
{
    // File → Open snapshot and the compare dialog's file picker, given files that do not load:
    // the backend's reason (English in its logs and the English CLI) is shown in Chinese.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto files = i18n_test::makeBadSnapshots(QDir(dir.path()));
    QVERIFY(!files.isEmpty());
    Walker walker(m_sources);
    auto* compare = new CompareDialog({}, m_window.get());
    QStringList problems;
    for (const auto& f : files) {
        std::string english;
        try {
            backend::loadSnapshotFile(QFile::encodeName(f.path).toStdString());
        } catch (const backend::SnapshotError& e) {
            english = e.what();
        }
        QVERIFY2(!english.empty(), f.kind);
        QString opened;
        QVERIFY2(!m_window->openSnapshotFile(f.path, &opened), f.kind);
        QVERIFY2(!compare->loadFile(CompareDialog::Side::After, f.path), f.kind);
        const QString compared = compare->errorText();
        for (const auto& [where, shown] :
             {std::pair{"Open snapshot", opened}, std::pair{"compare dialog", compared}}) {
            qInfo("%s, %s: %s", f.kind, where, qPrintable(shown));
            const QStringList words = i18n_test::englishWords(shown, f.path);
            if (!i18n_test::hasChinese(shown) || !words.isEmpty() ||
                !shown.contains(QDir::toNativeSeparators(f.path)))
                problems << QStringLiteral("%1, %2: \"%3\" (English: %4; the English: \"%5\")")
                                .arg(QString::fromLatin1(f.kind), QString::fromLatin1(where), shown,
                                     words.join(QLatin1Char(' ')), QString::fromStdString(english));
            walker.checkText(shown, QStringLiteral("%1, %2").arg(f.kind, where));
        }
    }
    delete compare;
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    report(walker, 20);
}

void TstWidgetsZhCn::compareFieldNamesAreChinese()
{
    // The compare dialog's changed fields are named by the backend's diff (backend/diff.cpp,
    // marked for the context "nsx::backend"): "parent pid", "command line"... in Chinese.
    auto before = std::make_shared<backend::Snapshot>(*m_window->snapshot());
    QVERIFY(!before->processes.empty() && !before->namespaces.empty());
    backend::Process& p = before->processes.front();
    p.ppid += 1;
    p.comm = "zz";
    p.cmdline = {"zz", "-y"};
    p.uid = p.uid.value_or(0) + 1;
    backend::Namespace& ns = before->namespaces.front();
    for (int extra = 0; extra < 14; ++extra) // more than the 12 a pid list shows
        ns.processes.push_back(999900 + extra);
    ns.threads.push_back(999999);
    ns.dev += 1;
    auto* compare = new CompareDialog(m_window->snapshot(), m_window.get());
    compare->setSnapshot(CompareDialog::Side::Before, before, QStringLiteral("before"));
    showAndGrab(compare, QStringLiteral("compare-changes"));
    QStringList texts;
    const std::function<void(QTreeWidgetItem*)> collect = [&](QTreeWidgetItem* item) {
        for (int c = 0; c < item->columnCount(); ++c)
            texts << item->text(c);
        for (int i = 0; i < item->childCount(); ++i)
            collect(item->child(i));
    };
    for (int i = 0; i < compare->tree()->topLevelItemCount(); ++i)
        collect(compare->tree()->topLevelItem(i));
    delete compare;
    QVERIFY2(texts.size() > 4, "the comparison shows no changes");
    static const QRegularExpression english(QStringLiteral(
        "\\b(parent pid|command line|command|device|processes|threads|owner|in all)\\b|, "));
    QStringList bad;
    for (const QString& t : texts)
        if (english.match(t).hasMatch())
            bad << t;
    QVERIFY2(bad.isEmpty(), qPrintable(QStringLiteral("English field names in the compare "
                                                      "dialog:\n") +
                                       bad.join(QLatin1Char('\n'))));
}

void TstWidgetsZhCn::aboutAndLanguageNotice()
{
    Walker walker(m_sources);
    bool sawAbout = false;
    QTimer::singleShot(0, this, [&] {
        QTRY_VERIFY(QApplication::activeModalWidget() != nullptr);
        QWidget* box = QApplication::activeModalWidget();
        sawAbout = true;
        walker.walk(box, QStringLiteral("about box"));
        box->close();
    });
    bool triggered = false;
    for (QAction* a : m_window->findChildren<QAction*>())
        if (a->text() == QCoreApplication::translate("nsx::gui::MainWindow", "&About nsexplorer")) {
            a->trigger();
            triggered = true;
            break;
        }
    QVERIFY(triggered);
    QVERIFY(sawAbout);

    // View → Language → English: the notice that it applies at the next start.
    QMenu* language = m_window->findChild<QMenu*>(QStringLiteral("languageMenu"));
    QVERIFY(language);
    walker.walk(language, QStringLiteral("language menu"));
    for (QAction* a : language->actions())
        if (a->data().toString() == QLatin1String("en"))
            a->trigger();
    // By name: the about box, closed, may still wait for its deferred delete.
    QPointer<QMessageBox> notice;
    QTRY_VERIFY((notice = m_window->findChild<QMessageBox*>(QStringLiteral("languageNotice"))));
    walker.walk(notice, QStringLiteral("language notice"));
    QVERIFY(hasCjk(notice->text()));
    QCOMPARE(savedLanguage(), QStringLiteral("en"));
    notice->close();
    report(walker, 5);
}

void TstWidgetsZhCn::backendTablesAreTranslated()
{
    // Every detail label the views show, also the ones no live namespace here has: a row added
    // to backend/detail_fields.cpp without QT_TRANSLATE_NOOP is found by no lupdate.
    QStringList missing;
    for (const backend::DetailField& f : backend::detailFields()) {
        const QString english = QString::fromUtf8(f.label.data(), qsizetype(f.label.size()));
        const QString shown = QCoreApplication::translate("nsx::backend", f.label.data());
        if (!hasCjk(shown))
            missing << QStringLiteral("  [nsx::backend] \"%1\" (detail %2)")
                           .arg(english, QString::fromLatin1(f.key.data(), f.key.size()));
    }
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("detail labels without a Chinese translation (mark them "
                                       "QT_TRANSLATE_NOOP(\"nsx::backend\", …), then ./dev.sh "
                                       "lupdate):\n") +
                        missing.join(QLatin1Char('\n'))));
}

void TstWidgetsZhCn::cleanupTestCase()
{
    m_window.reset();
}

int main(int argc, char** argv)
{
    // The language choice this test makes is saved: into a folder of its own.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("nsexplorer-test"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_widgets_zh_cn"));
    int status = 0;
    {
        TstWidgetsZhCn test;
        status = QTest::qExec(&test, argc, argv);
    }
    // As nsexplorer's main(): no static destructors after the window, which a scan its poller
    // abandoned on its thread (see ~Poller) could still be using.
    config.remove();
    std::fflush(nullptr);
    std::_Exit(status);
}

#include "tst_widgets_zh_cn.moc"
