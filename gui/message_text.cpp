#include "message_text.h"

#include "snapshot_io.h"

#include <QCoreApplication>

namespace nsx::gui {

QString snapshotErrorText(const backend::RequestText& text)
{
    return QString::fromStdString(text.text([](const char* marked) {
        return QCoreApplication::translate("SnapshotError", marked).toStdString();
    }));
}

QString snapshotErrorText(const std::exception& error)
{
    if (const auto* e = dynamic_cast<const backend::SnapshotError*>(&error))
        return snapshotErrorText(e->message());
    return QString::fromUtf8(error.what());
}

} // namespace nsx::gui
