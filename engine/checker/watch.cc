// WatchInbox (crosscheck/run.h): a store run whenever articles land.
//
// inotify on the inbox folder and its subfolders (new subfolders are added as
// they appear). Files land in bursts (a feed fetcher writes fifty at once),
// so a run starts only after the inbox has been quiet for `settle_ms`, or
// `max_wait_ms` after the first event of a burst, whichever comes first; a
// burst is one run. Only events that can complete an article count: a file
// closed after writing or moved in (an editor's temp file renamed into place).
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "crosscheck/run.h"

namespace crosscheck {
namespace {

namespace fs = std::filesystem;

class Inotify {
 public:
  Inotify() : fd_(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {}
  ~Inotify() {
    if (fd_ >= 0) close(fd_);
  }
  Inotify(const Inotify&) = delete;
  Inotify& operator=(const Inotify&) = delete;

  int fd() const { return fd_; }

  // Watches `dir` and every folder under it (hidden ones skipped, as ingest
  // skips them).
  Status AddTree(const fs::path& dir) {
    CC_RETURN_IF_ERROR(Add(dir));
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec),
         end;
         !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_directory(ec) && !it->is_symlink(ec)) CC_RETURN_IF_ERROR(Add(it->path()));
    }
    return Status::Ok();
  }

  // Reads the pending events; true when one may complete an article.
  // Folders that appeared are watched from now on.
  bool Drain() {
    bool relevant = false;
    alignas(inotify_event) char buffer[16384];
    while (true) {
      const ssize_t n = read(fd_, buffer, sizeof buffer);
      if (n <= 0) break;
      for (ssize_t at = 0; at < n;) {
        const auto* e = reinterpret_cast<const inotify_event*>(buffer + at);
        at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
        const std::string name = e->len > 0 ? e->name : "";
        if (!name.empty() && name[0] == '.') continue;
        const auto dir = dirs_.find(e->wd);
        if ((e->mask & IN_ISDIR) && (e->mask & (IN_CREATE | IN_MOVED_TO)) &&
            dir != dirs_.end()) {
          (void)AddTree(dir->second / name);  // files already in it count too
          relevant = true;
        } else if (e->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
          relevant = true;
        }
      }
    }
    return relevant;
  }

 private:
  Status Add(const fs::path& dir) {
    const int wd = inotify_add_watch(fd_, dir.c_str(),
                                     IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_ONLYDIR);
    if (wd < 0)
      return Status::Internal(dir.string() + ": cannot watch: " + std::strerror(errno));
    dirs_[wd] = dir;
    return Status::Ok();
  }

  int fd_;
  std::map<int, fs::path> dirs_;
};

}  // namespace

Status WatchInbox(const WatchOptions& options,
                  const std::function<void(StatusOr<RunResult>)>& on_run) {
  if (options.run.inbox.size() != 1)
    return Status::InvalidArgument("watch: give exactly one inbox folder");
  const fs::path inbox = options.run.inbox.front();
  std::error_code ec;
  if (!fs::is_directory(inbox, ec))
    return Status::NotFound(inbox.string() + ": not a folder");
  Inotify inotify;
  if (inotify.fd() < 0)
    return Status::Internal(std::string("inotify: ") + std::strerror(errno));
  // One session for every run: the rules compiled once, and what a run read
  // of the store kept for the next (RunSession). A session that could not
  // open (the store is busy being created, the rules are broken) is opened
  // again at the next burst.
  std::unique_ptr<RunSession> session;
  auto run = [&]() -> StatusOr<RunResult> {
    if (session == nullptr) {
      CC_ASSIGN_OR_RETURN(session, RunSession::Open(options.run));
    }
    return session->Run();
  };
  // Watch first, then run: an article that lands during the first run is
  // seen by the next one.
  CC_RETURN_IF_ERROR(inotify.AddTree(inbox));
  on_run(run());

  using Clock = std::chrono::steady_clock;
  bool pending = false;  // a burst began and has not been run yet
  Clock::time_point first, last;
  while (options.stop == nullptr || !options.stop->load()) {
    int timeout_ms = 200;  // also how soon a stop request is noticed
    if (pending) {
      const auto now = Clock::now();
      const auto quiet_until = last + std::chrono::milliseconds(options.settle_ms);
      const auto latest = first + std::chrono::milliseconds(options.max_wait_ms);
      const auto due = std::min(quiet_until, latest);
      if (now >= due) {
        pending = false;
        on_run(run());
        continue;
      }
      timeout_ms = static_cast<int>(std::min<long long>(
          timeout_ms,
          std::chrono::duration_cast<std::chrono::milliseconds>(due - now).count() + 1));
    }
    pollfd p{inotify.fd(), POLLIN, 0};
    const int ready = poll(&p, 1, timeout_ms);
    if (ready < 0 && errno != EINTR)
      return Status::Internal(std::string("watch: poll: ") + std::strerror(errno));
    if (ready > 0 && inotify.Drain()) {
      last = Clock::now();
      if (!pending) first = last;
      pending = true;
    }
  }
  return Status::Ok();
}

}  // namespace crosscheck
