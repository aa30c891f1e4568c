#include "engine_api.h"

#include "dyn_lib.h"
#include "nsfs.h"
#include "scan/fd_registry.h"

#include <algorithm>
#include <cctype>
// The functions, not the type-checking macros: they are called through CurlApi.
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

namespace nsx::backend::containers {

namespace {

using json = nlohmann::json;

// ---- JSON helpers: every field optional, wrong types ignored ----

std::optional<std::string> stringAt(const json& object, const char* key)
{
    if (!object.is_object())
        return std::nullopt;
    auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return std::nullopt;
    return it->get<std::string>();
}

std::optional<std::string> nonEmpty(std::optional<std::string> s)
{
    if (s && s->empty())
        return std::nullopt;
    return s;
}

int pidAt(const json& object, const char* key)
{
    if (!object.is_object())
        return 0;
    auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer())
        return 0;
    const auto pid = it->get<std::int64_t>();
    return pid > 0 && pid <= 0x3fffffff ? static_cast<int>(pid) : 0;
}

std::vector<std::pair<std::string, std::string>> labelsAt(const json& object, const char* key)
{
    std::vector<std::pair<std::string, std::string>> labels;
    if (!object.is_object())
        return labels;
    auto it = object.find(key);
    if (it == object.end() || !it->is_object())
        return labels;
    for (const auto& [k, v] : it->items())
        if (v.is_string())
            labels.emplace_back(k, v.get<std::string>());
    std::sort(labels.begin(), labels.end());
    return labels;
}

std::optional<std::string>
labelValue(const std::vector<std::pair<std::string, std::string>>& labels, std::string_view key)
{
    for (const auto& [k, v] : labels)
        if (k == key && !v.empty())
            return v;
    return std::nullopt;
}

// An engine's id is hex; anything else would be spliced into a URL path.
bool plausibleId(const std::string& id)
{
    return !id.empty() && id.size() <= 128 &&
           std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isxdigit(c); });
}

void finish(EngineContainer& c, const std::string& engine)
{
    c.container.engine = engine;
    c.container.key = engine + ":" + c.container.id;
    c.container.pid = c.pid;
    c.container.source = "api";
    if (c.container.name.starts_with('/'))
        c.container.name.erase(0, 1);
    if (c.container.name.empty())
        c.container.name = c.container.id.substr(0, 12);
    c.container.project = labelValue(c.container.labels, "com.docker.compose.project");
    if (!c.container.project)
        c.container.project = labelValue(c.container.labels, "io.podman.compose.project");
    c.container.podNamespace = labelValue(c.container.labels, "io.kubernetes.pod.namespace");
}

json parse(std::string_view body)
{
    if (!jsonRefusal(body).empty())
        return json::value_t::discarded;
    return json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
}

// ---- HTTP over a unix socket ----

// libcurl, opened the first time a socket is asked (dyn_lib.h): a machine without an engine,
// and every command that names no container, never loads it or its TLS/Kerberos/LDAP chain.
struct CurlApi
{
    decltype(&::curl_global_init) global_init = nullptr;
    decltype(&::curl_easy_init) easy_init = nullptr;
    decltype(&::curl_easy_cleanup) easy_cleanup = nullptr;
    decltype(&::curl_easy_setopt) easy_setopt = nullptr;
    decltype(&::curl_easy_getinfo) easy_getinfo = nullptr;
    decltype(&::curl_easy_strerror) easy_strerror = nullptr;
    decltype(&::curl_multi_init) multi_init = nullptr;
    decltype(&::curl_multi_cleanup) multi_cleanup = nullptr;
    decltype(&::curl_multi_add_handle) multi_add_handle = nullptr;
    decltype(&::curl_multi_remove_handle) multi_remove_handle = nullptr;
    decltype(&::curl_multi_perform) multi_perform = nullptr;
    decltype(&::curl_multi_poll) multi_poll = nullptr;
    decltype(&::curl_multi_info_read) multi_info_read = nullptr;
    std::string error; // empty when every function is there
};

const CurlApi& curlApi()
{
    // Never destroyed (like EngineDirectory::shared()): its refresh thread is never joined and
    // may still use these while the process exits. Only the sonames of the ABI the headers
    // describe, never the unversioned -dev link (it may name another major version).
    static const CurlApi& api = *[] {
        auto* made = new CurlApi;
        CurlApi& a = *made;
        static DynLib& lib = *new DynLib({"libcurl.so.4", "libcurl-gnutls.so.4"});
        const bool all = lib.bind(a.global_init, "curl_global_init") &&
                         lib.bind(a.easy_init, "curl_easy_init") &&
                         lib.bind(a.easy_cleanup, "curl_easy_cleanup") &&
                         lib.bind(a.easy_setopt, "curl_easy_setopt") &&
                         lib.bind(a.easy_getinfo, "curl_easy_getinfo") &&
                         lib.bind(a.easy_strerror, "curl_easy_strerror") &&
                         lib.bind(a.multi_init, "curl_multi_init") &&
                         lib.bind(a.multi_cleanup, "curl_multi_cleanup") &&
                         lib.bind(a.multi_add_handle, "curl_multi_add_handle") &&
                         lib.bind(a.multi_remove_handle, "curl_multi_remove_handle") &&
                         lib.bind(a.multi_perform, "curl_multi_perform") &&
                         lib.bind(a.multi_poll, "curl_multi_poll") &&
                         lib.bind(a.multi_info_read, "curl_multi_info_read");
        if (!all) {
            a.error = "libcurl: " + lib.error();
            return made;
        }
        a.global_init(CURL_GLOBAL_NOTHING); // once, before any other thread uses it
        return made;
    }();
    return api;
}

struct Transfer
{
    std::string body;
    bool libpod = false;
    std::size_t cap = 0;
    bool overflow = false;
    const std::atomic<bool>* cancel = nullptr;
};

size_t onBody(char* data, size_t size, size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    if (t->body.size() + n > t->cap) {
        t->overflow = true;
        return 0; // CURLE_WRITE_ERROR
    }
    t->body.append(data, n);
    return n;
}

size_t onHeader(char* data, size_t size, size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    constexpr std::string_view kLibpod = "libpod-api-version:";
    if (n >= kLibpod.size()) {
        std::string head(data, kLibpod.size());
        std::transform(head.begin(), head.end(), head.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        if (head == kLibpod)
            t->libpod = true;
    }
    return n;
}

class Client
{
public:
    Client(const std::string& socketPath, const EngineQuery& query) : m_query(query)
    {
        if (!m_api.error.empty())
            return;
        m_curl = m_api.easy_init();
        m_multi = m_api.multi_init();
        if (!m_curl || !m_multi)
            return;
        m_api.easy_setopt(m_curl, CURLOPT_UNIX_SOCKET_PATH, socketPath.c_str());
        m_api.easy_setopt(m_curl, CURLOPT_NOSIGNAL, 1L);
        m_api.easy_setopt(m_curl, CURLOPT_PROTOCOLS_STR, "http");
        m_api.easy_setopt(m_curl, CURLOPT_FOLLOWLOCATION, 0L);
        m_api.easy_setopt(m_curl, CURLOPT_WRITEFUNCTION, onBody);
        m_api.easy_setopt(m_curl, CURLOPT_HEADERFUNCTION, onHeader);
    }
    ~Client()
    {
        if (m_curl)
            m_api.easy_cleanup(m_curl);
        if (m_multi)
            m_api.multi_cleanup(m_multi);
    }
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    // GET path; the body on HTTP 200, else nullopt and error() says why.
    std::optional<std::string> get(const std::string& path, bool* libpod = nullptr)
    {
        m_overflow = false;
        if (!m_curl || !m_multi) {
            m_error = m_api.error.empty() ? "curl init failed" : m_api.error;
            return std::nullopt;
        }
        auto timeout = m_query.requestTimeout;
        if (m_query.deadline != std::chrono::steady_clock::time_point{}) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                m_query.deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) {
                m_error = "deadline";
                return std::nullopt;
            }
            timeout = std::min(timeout, left);
        }
        Transfer t;
        t.cap = m_query.maxResponseBytes;
        t.cancel = m_query.cancel;
        const std::string url = "http://localhost" + path;
        m_api.easy_setopt(m_curl, CURLOPT_URL, url.c_str());
        m_api.easy_setopt(m_curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout.count()));
        m_api.easy_setopt(m_curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
        m_api.easy_setopt(m_curl, CURLOPT_WRITEDATA, &t);
        m_api.easy_setopt(m_curl, CURLOPT_HEADERDATA, &t);
        const CURLcode rc = perform();
        m_overflow = t.overflow;
        if (rc == CURLE_ABORTED_BY_CALLBACK) {
            m_error = "cancelled";
            return std::nullopt;
        }
        if (rc != CURLE_OK) {
            if (t.overflow)
                m_error = "response larger than " + std::to_string(t.cap) + " bytes";
            else if (rc == CURLE_OPERATION_TIMEDOUT)
                m_error = "timeout after " + std::to_string(timeout.count()) + " ms";
            else
                m_error = m_api.easy_strerror(rc);
            return std::nullopt;
        }
        long status = 0;
        m_api.easy_getinfo(m_curl, CURLINFO_RESPONSE_CODE, &status);
        if (status != 200) {
            m_error = "HTTP " + std::to_string(status) + " for " + path;
            return std::nullopt;
        }
        if (libpod)
            *libpod = t.libpod;
        return std::move(t.body);
    }
    const std::string& error() const { return m_error; }
    // The last get() failed because the body was larger than the cap.
    bool overflowed() const { return m_overflow; }

private:
    // curl_easy_perform through the multi interface, waking every 20 ms to look at the cancel
    // flag: a destructor waiting for this thread never waits longer than that. The multi
    // handle keeps the connection for the next request.
    CURLcode perform()
    {
        m_api.multi_add_handle(m_multi, m_curl);
        CURLcode result = CURLE_OK;
        int running = 1;
        while (running) {
            if (m_api.multi_perform(m_multi, &running) != CURLM_OK) {
                result = CURLE_RECV_ERROR;
                break;
            }
            if (!running)
                break;
            if (m_query.cancel && m_query.cancel->load()) {
                result = CURLE_ABORTED_BY_CALLBACK;
                break;
            }
            m_api.multi_poll(m_multi, nullptr, 0, 20, nullptr);
        }
        if (running == 0) {
            int left = 0;
            while (CURLMsg* msg = m_api.multi_info_read(m_multi, &left))
                if (msg->msg == CURLMSG_DONE && msg->easy_handle == m_curl)
                    result = msg->data.result;
        }
        m_api.multi_remove_handle(m_multi, m_curl);
        return result;
    }

    const CurlApi& m_api = curlApi();
    const EngineQuery& m_query;
    CURL* m_curl = nullptr;
    CURLM* m_multi = nullptr;
    std::string m_error;
    bool m_overflow = false;
};

// A rootless engine's container counts only when its init process lives in a user namespace
// that the socket's user made (rootless podman's), so a user's own server names only their own.
// The descriptor is registered: a scan running meanwhile in this process (the GUI's poller, the
// CLI's walk beside its engine round) must not list it as a namespace we hold.
bool ownedBy(int pid, uid_t user, const std::string& procRoot)
{
    const std::string path = procRoot + "/" + std::to_string(pid) + "/ns/user";
    scan::RegisteredFd fd([&] { return ::open(path.c_str(), O_RDONLY | O_CLOEXEC); });
    if (!fd)
        return false;
    const auto owner = nsfs::ownerUid(fd.get());
    return owner.value && *owner.value == user;
}

} // namespace

namespace {

// Adds a socket that exists and is not listed yet under another name (/var/run is usually a
// link to /run: one socket, asked once).
void addSocket(std::vector<EngineSocket>& sockets, const std::string& path,
               std::optional<uid_t> user)
{
    struct stat st;
    if (::stat(path.c_str(), &st) != 0 || !S_ISSOCK(st.st_mode))
        return;
    for (const auto& s : sockets) {
        struct stat other;
        if (::stat(s.path.c_str(), &other) == 0 && st.st_dev == other.st_dev &&
            st.st_ino == other.st_ino)
            return;
    }
    sockets.push_back({path, user});
}

} // namespace

std::vector<EngineSocket> defaultEngineSockets()
{
    auto sockets = engineSockets(::geteuid());
    for (const char* variable : {"DOCKER_HOST", "CONTAINER_HOST"}) {
        const char* value = std::getenv(variable);
        constexpr std::string_view kUnix = "unix://";
        if (value && std::string_view(value).starts_with(kUnix))
            addSocket(sockets, std::string(value + kUnix.size()), std::nullopt);
    }
    return sockets;
}

std::vector<EngineSocket> engineSockets(uid_t euid, const std::string& runRoot)
{
    std::vector<EngineSocket> sockets;
    auto add = [&](const std::string& path, std::optional<uid_t> user) {
        addSocket(sockets, path, user);
    };
    add(runRoot + "/docker.sock", std::nullopt);
    if (runRoot == "/run")
        add("/var/run/docker.sock", std::nullopt);
    add(runRoot + "/podman/podman.sock", std::nullopt);
    const std::string users = runRoot + "/user";
    if (euid == 0) {
        std::vector<uid_t> uids;
        if (DIR* dir = ::opendir(users.c_str())) {
            while (dirent* e = ::readdir(dir)) {
                char* end = nullptr;
                const unsigned long uid = std::strtoul(e->d_name, &end, 10);
                if (e->d_name[0] >= '0' && e->d_name[0] <= '9' && end && *end == '\0' && uid != 0 &&
                    uid < 0xffffffffUL)
                    uids.push_back(static_cast<uid_t>(uid));
            }
            ::closedir(dir);
        }
        std::sort(uids.begin(), uids.end());
        for (uid_t uid : uids)
            add(users + "/" + std::to_string(uid) + "/podman/podman.sock", uid);
    } else {
        // Our own: $XDG_RUNTIME_DIR when it is ours, else the usual place.
        std::string dir = users + "/" + std::to_string(euid);
        if (const char* xdg = std::getenv("XDG_RUNTIME_DIR"); xdg && *xdg && runRoot == "/run") {
            struct stat st;
            if (::stat(xdg, &st) == 0 && st.st_uid == euid)
                dir = xdg;
        }
        add(dir + "/podman/podman.sock", euid);
    }
    return sockets;
}

std::string jsonRefusal(std::string_view body, int maxDepth, long maxValues)
{
    // One pass over the bytes, no allocation: brackets and commas inside strings do not count.
    int depth = 0;
    long values = 0;
    bool inString = false, escaped = false;
    for (const char c : body) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '[':
        case '{':
            if (++depth > maxDepth)
                return "JSON nested deeper than " + std::to_string(maxDepth) + " levels";
            [[fallthrough]];
        case ',':
            if (++values > maxValues)
                return "JSON with more than " + std::to_string(maxValues) + " values";
            break;
        case ']':
        case '}':
            if (--depth < 0)
                return "JSON malformed (a bracket closed that was not opened)";
            break;
        default:
            break;
        }
    }
    return {};
}

std::vector<std::string> parseContainerIds(std::string_view listBody, std::size_t max)
{
    std::vector<std::string> ids;
    const json list = parse(listBody);
    if (!list.is_array())
        return ids;
    for (const auto& entry : list) {
        if (ids.size() >= max)
            break;
        if (auto id = stringAt(entry, "Id"); id && plausibleId(*id))
            ids.push_back(*id);
    }
    return ids;
}

std::optional<EngineContainer> parseDockerInspect(std::string_view body, std::string_view engine)
{
    const json c = parse(body);
    if (!c.is_object())
        return std::nullopt;
    EngineContainer out;
    auto id = stringAt(c, "Id");
    if (!id || !plausibleId(*id))
        return std::nullopt;
    out.container.id = *id;
    out.container.name = stringAt(c, "Name").value_or("");
    const auto state = c.find("State");
    if (state == c.end())
        return std::nullopt;
    out.pid = pidAt(*state, "Pid");
    if (out.pid == 0)
        return std::nullopt; // not running
    if (auto config = c.find("Config"); config != c.end()) {
        out.container.image = nonEmpty(stringAt(*config, "Image"));
        out.container.labels = labelsAt(*config, "Labels");
    }
    // podman's compatible inspect names the pod too (libpod's own inspect: "Pod" is its id)
    out.container.pod = nonEmpty(stringAt(c, "PodName"));
    finish(out, std::string(engine));
    return out;
}

std::vector<EngineContainer> parseLibpodList(std::string_view body, std::size_t max)
{
    std::vector<EngineContainer> out;
    const json list = parse(body);
    if (!list.is_array())
        return out;
    for (const auto& entry : list) {
        if (out.size() >= max)
            break;
        EngineContainer c;
        auto id = stringAt(entry, "Id");
        if (!id || !plausibleId(*id))
            continue;
        c.container.id = *id;
        c.pid = pidAt(entry, "Pid");
        if (c.pid == 0)
            continue;
        if (auto names = entry.find("Names"); names != entry.end() && names->is_array() &&
                                              !names->empty() && names->front().is_string())
            c.container.name = names->front().get<std::string>();
        c.container.image = nonEmpty(stringAt(entry, "Image"));
        c.container.labels = labelsAt(entry, "Labels");
        c.container.pod = nonEmpty(stringAt(entry, "PodName"));
        finish(c, "podman");
        out.push_back(std::move(c));
    }
    return out;
}

EngineAnswer queryEngine(const EngineSocket& socket, const EngineQuery& query)
{
    EngineAnswer answer;
    Client client(socket.path, query);
    // A body too large was cut short by the client; one nested too deep is refused before
    // nlohmann-json builds it: the socket counts as failed, its containers as none.
    auto fetch = [&](const std::string& path) -> std::optional<std::string> {
        auto body = client.get(path);
        if (!body) {
            answer.error = client.error();
            answer.refused = client.overflowed();
        } else if (std::string why = jsonRefusal(*body); !why.empty()) {
            answer.error = why + " from " + path;
            answer.refused = true;
            return std::nullopt;
        }
        return body;
    };
    bool libpod = false;
    auto ping = client.get("/_ping", &libpod);
    if (!ping) {
        answer.error = client.error();
        answer.refused = client.overflowed();
        return answer;
    }
    answer.engine = libpod ? "podman" : "docker";
    if (libpod) {
        // libpod's list carries the pid and the pod's name in one answer
        auto body = fetch("/v4.0.0/libpod/containers/json");
        if (!body)
            return answer;
        answer.containers = parseLibpodList(*body, query.maxContainers);
    } else {
        auto body = fetch("/containers/json");
        if (!body)
            return answer;
        for (const auto& id : parseContainerIds(*body, query.maxContainers)) {
            auto inspect = fetch("/containers/" + id + "/json");
            if (!inspect) {
                if (!answer.refused && client.error().starts_with("HTTP 404")) {
                    answer.error.clear();
                    continue; // gone meanwhile
                }
                answer.containers.clear();
                return answer;
            }
            if (auto c = parseDockerInspect(*inspect, "docker"))
                answer.containers.push_back(std::move(*c));
        }
    }
    if (socket.user) {
        std::erase_if(answer.containers, [&](const EngineContainer& c) {
            return !ownedBy(c.pid, *socket.user, query.procRoot);
        });
        // A user's socket speaks for that user only: its containers get keys of their own
        // ("podman@UID:ID"), so that an id it copies from someone else's container (readable in
        // conmon's or the shim's command line) never merges with that container's claim from
        // another source and renames it.
        for (EngineContainer& c : answer.containers) {
            c.container.key =
                c.container.engine + "@" + std::to_string(*socket.user) + ":" + c.container.id;
            if (*socket.user != 0)
                c.container.ownerUid = *socket.user;
        }
    }
    std::sort(answer.containers.begin(), answer.containers.end(),
              [](const auto& a, const auto& b) { return a.container.key < b.container.key; });
    answer.ok = true;
    return answer;
}

} // namespace nsx::backend::containers
