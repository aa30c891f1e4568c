#include "type_icons.h"

#include <array>

namespace nsx::gui {

QIcon typeIcon(backend::NsType type)
{
    // QIcon is implicitly shared: load each SVG once.
    static std::array<QIcon, backend::kNsTypeCount> icons = [] {
        std::array<QIcon, backend::kNsTypeCount> a;
        for (backend::NsType t : backend::kAllNsTypes)
            a[backend::index(t)] =
                QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(backend::toString(t))));
        return a;
    }();
    return icons[backend::index(type)];
}

QIcon appIcon()
{
    static const QIcon icon(QStringLiteral(":/icons/nsexplorer.svg"));
    return icon;
}

} // namespace nsx::gui
