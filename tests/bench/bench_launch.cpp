// Launch latency: nsexplorer-helper against util-linux unshare with the same namespaces,
//   nsexplorer-helper --uts --ipc --pid --mount --net -- /bin/true
//   unshare --uts --ipc --pid --mount --net --fork --mount-proc /bin/true
// Runs alternate (so load drift hits both alike); prints the medians and the ratio (target <= 1.2).
// Usage: bench_launch [RUNS] [HELPER]   (HELPER defaults to $NSX_HELPER, then the build tree)
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vector>

namespace {

double nowMs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// Wall time from fork to reaping, in ms; negative if the command failed.
double timeRun(const std::vector<std::string>& args)
{
    std::vector<char*> argv;
    for (const auto& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const double start = nowMs();
    const pid_t pid = fork();
    if (pid == 0) {
        const int devnull = open("/dev/null", O_RDWR);
        dup2(devnull, 1);
        dup2(devnull, 2);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    const double elapsed = nowMs() - start;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? elapsed : -1;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

std::string defaultHelper()
{
    if (const char* env = std::getenv("NSX_HELPER"))
        return env;
    char self[4096];
    const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return {};
    std::string dir(self, static_cast<std::size_t>(n));
    dir.resize(dir.rfind('/'));
    return dir + "/../../backend/helper/nsexplorer-helper";
}

} // namespace

int main(int argc, char** argv)
{
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;
    const std::string helper = argc > 2 ? argv[2] : defaultHelper();
    if (access(helper.c_str(), X_OK) != 0) {
        std::fprintf(stderr, "bench_launch: helper not found: %s\n", helper.c_str());
        return 2;
    }
    if (geteuid() != 0)
        std::fprintf(stderr, "bench_launch: not root: both run rootless (unshare gets -r)\n");
    const std::vector<std::string> ours{helper,    "--uts", "--ipc", "--pid",
                                        "--mount", "--net", "--",    "/bin/true"};
    std::vector<std::string> theirs{"/usr/bin/unshare", "--uts", "--ipc",  "--pid",
                                    "--mount",          "--net", "--fork", "--mount-proc"};
    if (geteuid() != 0)
        theirs.push_back("--map-current-user");
    theirs.push_back("/bin/true");

    std::vector<double> a, b;
    timeRun(ours); // warm the page cache for both
    timeRun(theirs);
    for (int i = 0; i < runs; ++i) {
        const double x = timeRun(ours);
        const double y = timeRun(theirs);
        if (x < 0 || y < 0) {
            std::fprintf(stderr, "bench_launch: a launch failed (helper %.1f, unshare %.1f)\n", x,
                         y);
            return 1;
        }
        a.push_back(x);
        b.push_back(y);
    }
    const double ma = median(a), mb = median(b);
    // The minimum is the intrinsic cost; the median also carries the machine's load, which on a
    // shared box can swamp a few context switches either way — both are printed.
    const double na = *std::min_element(a.begin(), a.end());
    const double nb = *std::min_element(b.begin(), b.end());
    std::printf("launch latency over %d alternating runs (uts+ipc+pid+mount+net, /bin/true):\n",
                runs);
    std::printf("                     median        min\n");
    std::printf("  nsexplorer-helper  %8.3f ms  %8.3f ms\n", ma, na);
    std::printf("  unshare            %8.3f ms  %8.3f ms\n", mb, nb);
    std::printf("  ratio              %8.3f x   %8.3f x   (target <= 1.2)\n", ma / mb, na / nb);
    return 0;
}
