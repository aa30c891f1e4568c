// The first step of Stop container: the signals the helper (nsexplorer-helper) gets, in order.
// SIGHUP first: an interactive shell ignores SIGTERM but ends at once on SIGHUP (as when its
// terminal closes), so the helper sees its payload go, restores the user's terminal and exits
// on its own, instead of being SIGKILLed after the grace period with the terminal left raw.
// SIGTERM then for payloads that ignore SIGHUP (nohup) but not SIGTERM.
#pragma once

namespace nsx::gui {

// Sends the stop signals through `pidfd` (the helper, checked to be the same process). True
// when the first one was delivered; errno is set otherwise.
bool sendStopSignals(int pidfd);

} // namespace nsx::gui
