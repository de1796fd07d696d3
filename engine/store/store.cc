#include "engine/store/store.h"

#include <openssl/evp.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <set>
#include <sstream>

#include "engine/store/store_internal.h"

namespace crosscheck {

std::string Store::Describe(std::string_view message) const {
  std::string out = "store ";
  out += location_;
  out += ": ";
  out += message;
  return out;
}

StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& location,
                                             const StoreOptions& options) {
  if (location.empty()) {
    return Status::InvalidArgument(
        "store: empty location (give a file path or a postgresql:// URL)");
  }
  if (location.rfind("postgresql://", 0) == 0 ||
      location.rfind("postgres://", 0) == 0) {
    return store_internal::OpenPgStore(location, options);
  }
  return store_internal::OpenSqliteStore(location, options);
}

Status Store::SaveFindings(int64_t run, const std::vector<StoreFinding>& findings) {
  if (Status valid = store_internal::CheckFindings(findings); !valid.ok())
    return Status(valid.code(), Describe(valid.message()));
  return DoSaveFindings(run, findings);
}

Status Store::SaveScores(int64_t run, const std::vector<StoreScore>& scores) {
  if (Status valid = store_internal::CheckScores(scores); !valid.ok())
    return Status(valid.code(), Describe(valid.message()));
  return DoSaveScores(run, scores);
}

Status Store::AddReview(const ReviewDecision& decision) {
  if (Status valid = store_internal::CheckReview(decision); !valid.ok())
    return Status(valid.code(), Describe(valid.message()));
  if (!decision.at.empty()) return DoAddReview(decision);
  ReviewDecision stamped = decision;
  stamped.at = store_internal::UtcNow();
  return DoAddReview(stamped);
}

Status Store::RefuseNewerSchema(int version) const {
  if (version <= kStoreSchemaVersion) return Status::Ok();
  return Status::FailedPrecondition(
      Describe("has schema version " + std::to_string(version) +
               ", newer than this crosscheck knows (" +
               std::to_string(kStoreSchemaVersion) + "); use a newer crosscheck"));
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  // EVP_Digest fails only when the library cannot allocate a context; an
  // empty hash then fails every later comparison rather than matching.
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(),
                 nullptr) != 1) {
    return std::string();
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

std::string RedactUrl(std::string_view url) {
  std::string out(url);
  const size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    const size_t start = scheme + 3;
    const size_t end = out.find_first_of("/?#", start);
    const size_t authority_end = end == std::string::npos ? out.size() : end;
    // The user info ends at the last '@' of the authority (a password may
    // itself hold an unescaped '@').
    const size_t at = out.rfind('@', authority_end);
    if (at != std::string::npos && at >= start) {
      const size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at)
        out.erase(colon, at - colon);
    }
  }
  const size_t query = out.find('?');
  if (query != std::string::npos) {
    std::string kept;
    size_t pos = query + 1;
    while (pos <= out.size()) {
      size_t amp = out.find('&', pos);
      if (amp == std::string::npos) amp = out.size();
      const std::string param = out.substr(pos, amp - pos);
      if (!param.empty() && param.rfind("password=", 0) != 0) {
        if (!kept.empty()) kept += '&';
        kept += param;
      }
      pos = amp + 1;
    }
    out.erase(query);
    if (!kept.empty()) out += "?" + kept;
  }
  return out;
}

namespace store_internal {

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Status CheckReview(const ReviewDecision& d) {
  if (d.finding_key.empty()) {
    return Status::InvalidArgument("review: empty finding key");
  }
  if (d.status != kReviewConfirmed && d.status != kReviewDismissed &&
      d.status != kReviewNeedsWork) {
    return Status::InvalidArgument(
        "review of " + d.finding_key + ": status \"" + d.status +
        "\" is not confirmed, dismissed or needs-work");
  }
  if (d.by.empty()) {
    return Status::InvalidArgument("review of " + d.finding_key +
                                   ": who decided (by) is empty");
  }
  return Status::Ok();
}

Status CheckFindings(const std::vector<StoreFinding>& findings) {
  std::set<std::string_view> keys;
  for (const StoreFinding& f : findings) {
    if (f.key.empty())
      return Status::InvalidArgument("a finding has an empty key");
    if (!keys.insert(f.key).second) {
      return Status::InvalidArgument("finding key " + f.key + " appears twice");
    }
  }
  return Status::Ok();
}

Status CheckScores(const std::vector<StoreScore>& scores) {
  std::set<std::string_view> sources;
  for (const StoreScore& s : scores) {
    if (s.source_id.empty()) {
      return Status::InvalidArgument("a score has an empty source id");
    }
    if (!sources.insert(s.source_id).second) {
      return Status::InvalidArgument("source " + s.source_id +
                                     " is scored twice");
    }
  }
  return Status::Ok();
}

namespace {

std::string ReadFirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

struct ProcStat {
  bool ok = false;
  char state = '?';
  std::string start_time;
};

// /proc/PID/stat: "pid (comm) state ppid ... starttime(22nd) ...". The
// command name may hold spaces and parentheses, so fields are counted from
// the last ')'.
ProcStat ReadProcStat(pid_t pid) {
  ProcStat out;
  const std::string line =
      ReadFirstLine("/proc/" + std::to_string(pid) + "/stat");
  const size_t paren = line.rfind(')');
  if (paren == std::string::npos) return out;
  std::istringstream fields(line.substr(paren + 1));
  std::string field;
  // Field 3 is the state; starttime is field 22.
  for (int n = 3; n <= 22 && fields >> field; ++n) {
    if (n == 3) out.state = field.empty() ? '?' : field[0];
    if (n == 22) {
      out.start_time = field;
      out.ok = true;
    }
  }
  return out;
}

}  // namespace

ProcessIdentity SelfIdentity() {
  ProcessIdentity id;
  char host[256] = {};
  if (gethostname(host, sizeof(host) - 1) == 0) id.host = host;
  id.pid = getpid();
  id.boot_id = ReadFirstLine("/proc/sys/kernel/random/boot_id");
  id.start_time = ReadProcStat(id.pid).start_time;
  return id;
}

Liveness CheckLiveness(const ProcessIdentity& holder) {
  const ProcessIdentity self = SelfIdentity();
  if (holder.host != self.host) return Liveness::kUnknown;
  // A different boot id: the machine rebooted since, so every process of
  // that boot is gone, whatever pid happens to be alive now.
  if (!holder.boot_id.empty() && !self.boot_id.empty() &&
      holder.boot_id != self.boot_id) {
    return Liveness::kGone;
  }
  if (holder.pid <= 0) return Liveness::kGone;
  // EPERM means the process exists but belongs to another user.
  if (kill(holder.pid, 0) != 0 && errno == ESRCH) return Liveness::kGone;
  const ProcStat stat = ReadProcStat(holder.pid);
  if (!stat.ok) {
    // No /proc: kill() said the pid exists; trust it.
    return Liveness::kAlive;
  }
  // A zombie has finished; it only waits for its parent to reap it.
  if (stat.state == 'Z' || stat.state == 'X') return Liveness::kGone;
  if (!holder.start_time.empty() && holder.start_time != stat.start_time) {
    return Liveness::kGone;  // the pid now belongs to another process
  }
  return Liveness::kAlive;
}

}  // namespace store_internal
}  // namespace crosscheck
