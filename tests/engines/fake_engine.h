// A small HTTP/1.1 server on a real unix socket that answers like docker or podman (or
// misbehaves on purpose), for the engine directory's own tests: chunked bodies, keep-alive,
// oversized answers, a connection accepted and never answered. The real engines are tested in
// tst_engine_*.cpp; this one stages what they cannot be made to do.
#pragma once

#include <atomic>
#include <cerrno>
#include <functional>
#include <map>
#include <mutex>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace nsx::test {

class FakeEngine
{
public:
    enum class Mode
    {
        Docker,
        Podman,
        AcceptAndHang
    };
    struct Reply
    {
        int status = 200;
        std::string body;
        bool chunked = false;
    };

    FakeEngine(std::string path, Mode mode) : m_path(std::move(path)), m_mode(mode)
    {
        m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        m_path.copy(addr.sun_path, sizeof addr.sun_path - 1);
        ::unlink(m_path.c_str());
        if (::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            ::listen(m_fd, 16) != 0)
            return;
        m_thread = std::thread([this] { serve(); });
    }
    ~FakeEngine()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        ::close(m_fd);
        ::unlink(m_path.c_str());
    }
    FakeEngine(const FakeEngine&) = delete;
    FakeEngine& operator=(const FakeEngine&) = delete;

    void setReply(const std::string& path, Reply reply)
    {
        std::lock_guard lock(m_mutex);
        m_replies[path] = std::move(reply);
    }
    // Request paths seen so far, in order.
    std::vector<std::string> requests() const
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }
    int connections() const { return m_connections; }

private:
    void serve()
    {
        std::vector<int> clients;
        std::map<int, std::string> buffers;
        while (!m_stop) {
            std::vector<pollfd> fds{{m_fd, POLLIN, 0}};
            for (int c : clients)
                fds.push_back({c, POLLIN, 0});
            if (::poll(fds.data(), fds.size(), 20) <= 0)
                continue;
            if (fds[0].revents & POLLIN) {
                int c = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
                if (c >= 0) {
                    ++m_connections;
                    clients.push_back(c);
                }
            }
            for (std::size_t i = 1; i < fds.size(); ++i) {
                if (!(fds[i].revents & (POLLIN | POLLHUP)))
                    continue;
                const int c = fds[i].fd;
                char buf[4096];
                const ssize_t n = ::read(c, buf, sizeof buf);
                if (n <= 0) {
                    ::close(c);
                    std::erase(clients, c);
                    buffers.erase(c);
                    continue;
                }
                std::string& in = buffers[c];
                in.append(buf, static_cast<size_t>(n));
                for (auto end = in.find("\r\n\r\n"); end != std::string::npos;
                     end = in.find("\r\n\r\n")) {
                    const std::string head = in.substr(0, end);
                    in.erase(0, end + 4);
                    answer(c, head);
                }
            }
        }
        for (int c : clients)
            ::close(c);
    }

    void answer(int c, const std::string& head)
    {
        const auto sp1 = head.find(' ');
        const auto sp2 = head.find(' ', sp1 + 1);
        const std::string path = head.substr(sp1 + 1, sp2 - sp1 - 1);
        Reply reply{404, "{\"message\":\"no such thing\"}"};
        {
            std::lock_guard lock(m_mutex);
            m_requests.push_back(path);
            if (auto it = m_replies.find(path); it != m_replies.end())
                reply = it->second;
            else if (path == "/_ping")
                reply = {200, "OK"};
        }
        if (m_mode == Mode::AcceptAndHang)
            return; // read the request, never answer
        std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " X\r\n" +
                          "Content-Type: application/json\r\nApi-Version: 1.41\r\n";
        if (m_mode == Mode::Podman)
            out += "Libpod-Api-Version: 4.3.1\r\n";
        if (reply.chunked) {
            out += "Transfer-Encoding: chunked\r\n\r\n";
            // small chunks (7 bytes; 64 KiB for big bodies): curl has to join them
            const std::size_t chunk = reply.body.size() > 65536 ? 65536 : 7;
            for (std::size_t i = 0; i < reply.body.size(); i += chunk) {
                const std::string part = reply.body.substr(i, chunk);
                char len[16];
                std::snprintf(len, sizeof len, "%zx\r\n", part.size());
                out += len + part + "\r\n";
            }
            out += "0\r\n\r\n";
        } else {
            out += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n\r\n" + reply.body;
        }
        for (std::size_t sent = 0; sent < out.size() && !m_stop;) {
            const ssize_t n =
                ::send(c, out.data() + sent, out.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0)
                sent += static_cast<size_t>(n);
            else if (n < 0 && errno != EAGAIN && errno != EINTR)
                return;
            else {
                pollfd p{c, POLLOUT, 0};
                ::poll(&p, 1, 20);
            }
        }
    }

    std::string m_path;
    Mode m_mode;
    int m_fd = -1;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_connections{0};
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::map<std::string, Reply> m_replies;
    std::vector<std::string> m_requests;
};

} // namespace nsx::test
