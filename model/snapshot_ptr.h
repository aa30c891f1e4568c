// How snapshots travel between the poller thread and the GUI: immutable and shared.
#pragma once

#include "snapshot.h"

#include <QMetaType>
#include <memory>

namespace nsx::model {
using SnapshotPtr = std::shared_ptr<const nsx::backend::Snapshot>;
} // namespace nsx::model

Q_DECLARE_METATYPE(nsx::model::SnapshotPtr)
