// nsexplorer-cli: the dispatcher. Global options, then a subcommand with its own options
// (each parsed with getopt_long, util-linux style). Usage errors: one line, exit 2.
#include "cli_common.h"
#include "cli_i18n.h"
#include "cli_launch.h"
#include "containers/engine_directory.h"
#include "launch_request.h"
#include "log_to_stderr.h"
#include "scanner.h"
#include "snapshot_io.h"
#include "translate_noop.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <spdlog/cfg/env.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <system_error>
#include <thread>
#include <unistd.h>
#include <utility>

namespace nsx::cli {

namespace {

constexpr const char* kUsage = QT_TRANSLATE_NOOP("nsexplorer-cli", R"(Usage:
 nsexplorer-cli <command> [options]

Show, save and compare the Linux namespaces of this machine.

Commands:
 snapshot [-o FILE] [--from FILE] [--format json|csv|dot] [--no-details]
                        write a snapshot of every namespace
 list [--type TYPE] [--json] [--from FILE]
                        one line per namespace, in the manner of lsns
 tree [--type user|pid] [--from FILE]
                        user-namespace ownership and PID-namespace nesting
 map [--format dot|svg|json] [--from FILE]
                        the network topology: namespaces, interfaces, wires
 diff OLD NEW [--json]  compare two snapshot files (exit 0 same, 1 different)
 launch ...             start a command in new namespaces
 enter ...              run a command in the namespaces of a process

Options:
 -h, --help             display this help
 -V, --version          display version

Run 'nsexplorer-cli <command> --help' for the options of a command.
)");

} // namespace

[[noreturn]] void badOption(std::string_view cmd, int c, char** argv)
{
    // optind already moved past the offending word; getopt left the option in optopt.
    const std::string word = optind > 0 && argv[optind - 1] ? argv[optind - 1] : "";
    std::string name;
    if (word.rfind("--", 0) == 0)
        name = word.substr(0, word.find('='));
    else if (optopt > 0 && optopt < 256)
        name = std::string("-") + static_cast<char>(optopt);
    else
        name = word;
    const std::string where = cmd.empty() ? "" : std::string(cmd) + ": ";
    const std::string shown = backend::displayString(name);
    if (c == ':')
        throw UsageError{
            where + arg(translate("nsexplorer-cli", "option '%1' requires an argument"), {shown})};
    // getopt knew the long option (optopt set) but not "--opt=value": it takes no argument.
    if (optopt != 0 && word.rfind("--", 0) == 0 && word.find('=') != std::string::npos)
        throw UsageError{
            where +
            arg(translate("nsexplorer-cli", "option '%1' doesn't allow an argument"), {shown})};
    throw UsageError{where + arg(translate("nsexplorer-cli", "unrecognized option '%1'"), {shown})};
}

void writeStdout(std::string_view text)
{
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(STDOUT_FILENO, text.data() + done, text.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw RuntimeError{translate("nsexplorer-cli", "write error:") + " " +
                               std::strerror(errno)};
        }
        done += static_cast<std::size_t>(n);
    }
}

void writeFile(const std::string& path, std::string_view text)
{
    if (path == "-") {
        writeStdout(text);
        return;
    }
    const auto fail = [&](const char*) {
        return RuntimeError{arg(translate("nsexplorer-cli", "cannot write '%1': %2"),
                                {backend::displayString(path), std::strerror(errno)})};
    };
    // Only a regular file (or a new one) is replaced through a temporary and rename():
    // /dev/stdout, a fifo or a symlink must be written through, never replaced.
    struct stat st
    {};
    if (::lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        const int fd =
            ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0666);
        if (fd < 0)
            throw fail("cannot write");
        std::size_t done = 0;
        while (done < text.size()) {
            const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                const int saved = errno;
                ::close(fd);
                errno = saved;
                throw fail("cannot write");
            }
            done += static_cast<std::size_t>(n);
        }
        if (::close(fd) != 0)
            throw fail("cannot write");
        return;
    }
    std::string tmp = path + ".XXXXXX";
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0)
        throw fail("cannot write");
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int saved = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            errno = saved;
            throw fail("cannot write");
        }
        done += static_cast<std::size_t>(n);
    }
    // mkstemp creates 0600; a snapshot is as readable as any file the user writes.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
    if (::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
        const int saved = errno;
        ::unlink(tmp.c_str());
        errno = saved;
        throw fail("cannot write");
    }
}

backend::Snapshot obtainSnapshot(const std::string& from, bool details, int loadFailure)
{
    if (!from.empty()) {
        try {
            if (from ==
                "-") // a pipe: ssh server nsexplorer-cli snapshot | nsexplorer-cli list --from -
                return backend::loadSnapshotFd(STDIN_FILENO,
                                               translate("nsexplorer-cli", "(standard input)"));
            return backend::loadSnapshotFile(from);
        } catch (const backend::SnapshotError& e) {
            // In the user's language: the templates are marked in context "SnapshotError".
            throw RuntimeError{e.message().text([](const char* marked) {
                                   return translateMarked("SnapshotError", marked);
                               }),
                               loadFailure};
        }
    }
    backend::ScanOptions options;
    options.details = details;
    // The helper next to this program counts as ours even in a user's build folder.
    char self[4096];
    if (const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1); n > 0)
        options.helperPath = backend::findHelper(std::string(self, std::size_t(n)));
    // One round of the engines' APIs, bounded: a one-shot command has no background refresh to
    // wait for (a dead socket costs nothing, a hung one 300 ms). It runs beside the walk and
    // the other passes, and the containers pass, the one that reads its answers, waits for it.
    struct Round
    {
        std::thread thread;
        bool here = false; // no thread to be had: the round runs where the pass waits
        Round()
        {
            try {
                thread = std::thread(run);
            } catch (const std::system_error&) {
                here = true;
            }
        }
        static void run() noexcept
        {
            try {
                backend::containers::EngineDirectory::shared().refreshNow(
                    std::chrono::milliseconds(1000));
            } catch (const std::exception& e) { // names from the engines are missing, no more
                spdlog::warn("container engines not asked: {}", e.what());
            }
        }
        void wait()
        {
            if (thread.joinable())
                thread.join();
            else if (std::exchange(here, false))
                run();
        }
        ~Round()
        {
            if (thread.joinable())
                thread.join();
        }
    } round;
    options.beforeContainers = [&round] { round.wait(); };
    backend::Scanner scanner(options);
    return scanner.scan();
}

std::string commandOf(const backend::Process& p)
{
    if (p.cmdline.empty())
        return "[" + backend::displayString(p.comm) + "]";
    std::string s;
    for (const std::string& arg : p.cmdline)
        s += (s.empty() ? "" : " ") + backend::displayString(arg);
    return s;
}

} // namespace nsx::cli

int main(int argc, char** argv)
{
    using namespace nsx::cli;
    nsx::backend::logToStderr();
    loadTranslations();
    spdlog::set_level(spdlog::level::warn);
    // SPDLOG_LEVEL=debug (or e.g. "warn,scanner=debug") shows what a slow run spends its time on.
    spdlog::cfg::load_env_levels();
    // stdout may be a closed descriptor; make sure writes to fd 1 never land in a file we open.
    if (::fcntl(STDOUT_FILENO, F_GETFD) < 0)
        ::open("/dev/null", O_WRONLY);
    try {
        static const option kOptions[] = {{"help", no_argument, nullptr, 'h'},
                                          {"version", no_argument, nullptr, 'V'},
                                          {nullptr, 0, nullptr, 0}};
        opterr = 0;
        int c;
        // '+': stop at the subcommand, its options are its own.
        while ((c = getopt_long(argc, argv, "+:hV", kOptions, nullptr)) != -1) {
            switch (c) {
            case 'h':
                writeStdout(translateMarked("nsexplorer-cli", kUsage));
                return 0;
            case 'V':
                writeStdout("nsexplorer-cli from nsexplorer " NSX_VERSION "\n");
                return 0;
            default:
                badOption({}, c, argv);
            }
        }
        if (optind >= argc)
            throw UsageError{
                translate("nsexplorer-cli", "no command given (try 'nsexplorer-cli --help')")};
        const std::string cmd = argv[optind];
        const int subArgc = argc - optind;
        char** subArgv = argv + optind;
        if (cmd == "snapshot")
            return runSnapshot(subArgc, subArgv);
        if (cmd == "list")
            return runList(subArgc, subArgv);
        if (cmd == "tree")
            return runTree(subArgc, subArgv);
        if (cmd == "map")
            return runMap(subArgc, subArgv);
        if (cmd == "diff")
            return runDiff(subArgc, subArgv);
        if (cmd == "launch")
            return runLaunch(subArgc, subArgv);
        if (cmd == "enter")
            return runEnter(subArgc, subArgv);
        throw UsageError{
            arg(translate("nsexplorer-cli", "unknown command '%1' (try 'nsexplorer-cli --help')"),
                {nsx::backend::displayString(cmd)})};
    } catch (const UsageError& e) {
        std::fprintf(stderr, "%s: %s\n", kProgram, e.what.c_str());
        return kExitUsage;
    } catch (const RuntimeError& e) {
        std::fprintf(stderr, "%s: %s\n", kProgram, e.what.c_str());
        return e.status;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: %s\n", kProgram, nsx::backend::displayString(e.what()).c_str());
        return kExitFailure;
    }
}
