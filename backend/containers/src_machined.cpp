// Source 7a of sources.h: systemd-machined's Varlink socket, where machined runs:
// io.systemd.Machine.List with "more" gives one reply per machine ({"parameters": {"name",
// "class", "leader", "unit", ...}, "continues": true}), each ending in a NUL byte. A local
// socket answers at once; one that does not (a hung machined) gets 200 ms in all, and is then
// left alone for 30 s — the scan falls back to nspawn's command line meanwhile.
#include "config_json.h"
#include "safe_read.h"
#include "sources.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace nsx::backend::containers {

namespace {

std::atomic<std::int64_t> g_quietUntil{0}; // steady-clock ms: do not ask before

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// The replies, NUL-separated; false on a timeout, an error or more than 1 MiB.
bool ask(const std::string& path, std::string& replies)
{
    sockaddr_un addr{};
    if (path.size() >= sizeof addr.sun_path)
        return false;
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return false;
    struct Closer
    {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0)
        return false; // a unix socket connects at once or not at all (EAGAIN: backlog full)
    static constexpr char kRequest[] = "{\"method\":\"io.systemd.Machine.List\",\"more\":true}";
    if (::send(fd, kRequest, sizeof kRequest, MSG_NOSIGNAL) !=
        static_cast<ssize_t>(sizeof kRequest))
        return false; // sizeof includes the terminating NUL Varlink wants
    const std::int64_t deadline = nowMs() + 200;
    char buf[16384];
    while (true) {
        const std::int64_t left = deadline - nowMs();
        if (left <= 0)
            return false;
        pollfd p{fd, POLLIN, 0};
        const int r = ::poll(&p, 1, static_cast<int>(left));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            return !replies.empty() && replies.back() == '\0';
        replies.append(buf, static_cast<std::size_t>(n));
        if (replies.size() > (1u << 20))
            return false;
        // Done when the last complete reply does not continue.
        if (replies.back() == '\0') {
            const std::size_t start = replies.rfind('\0', replies.size() - 2);
            const std::string_view last =
                std::string_view(replies).substr(start == std::string::npos ? 0 : start + 1);
            if (last.find("\"continues\":true") == std::string_view::npos &&
                last.find("\"continues\": true") == std::string_view::npos)
                return true;
        }
    }
}

} // namespace

void fromMachined(const Context& ctx, std::vector<Claim>& out)
{
    const std::string path = ctx.path("/run/systemd/machine/io.systemd.Machine");
    struct stat st
    {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISSOCK(st.st_mode))
        return;
    if (nowMs() < g_quietUntil.load())
        return;
    std::string replies;
    const bool complete = ask(path, replies);
    if (!complete) {
        g_quietUntil = nowMs() + 30000;
        ctx.problem(0, path, "no answer within 200 ms; asked again in 30 s");
    }
    std::string_view rest = replies;
    while (!rest.empty()) {
        const std::size_t nul = rest.find('\0');
        if (nul == std::string_view::npos)
            break; // an incomplete reply
        const std::string_view one = rest.substr(0, nul);
        rest.remove_prefix(nul + 1);
        json::Value v;
        std::string why;
        if (!parseConfig(one, v, why))
            continue;
        const json::Value* params = member(&v, "parameters");
        if (stringMember(params, "class").value_or("container") != "container")
            continue; // virtual machines have no namespaces here
        const auto name = stringMember(params, "name");
        // "leader": a pid, or (systemd 257+) a ProcessId object {"pid": N, ...}.
        std::optional<int> leader = intMember(params, "leader");
        if (!leader)
            leader = intMember(member(params, "leader"), "pid");
        if (!name || name->empty() || !leader || !ctx.process(*leader))
            continue;
        Claim c;
        c.container.engine = "systemd-nspawn";
        c.container.name = *name;
        c.container.id = *name;
        c.container.key = "systemd-nspawn:" + *name;
        c.container.unit = stringMember(params, "unit");
        c.container.pid = *leader;
        c.container.source = "machined";
        c.roots.push_back(*leader);
        out.push_back(std::move(c));
    }
}

} // namespace nsx::backend::containers
