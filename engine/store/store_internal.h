// What the two store back ends share; not for use outside engine/store/.
#ifndef CROSSCHECK_ENGINE_STORE_STORE_INTERNAL_H_
#define CROSSCHECK_ENGINE_STORE_STORE_INTERNAL_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "crosscheck/status.h"
#include "engine/store/store.h"

namespace crosscheck {
namespace store_internal {

StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                                 const StoreOptions& options);
StatusOr<std::unique_ptr<Store>> OpenPgStore(const std::string& url,
                                             const StoreOptions& options);

// One step of a back end's schema: the SQL that upgrades version - 1 to
// `version`. A released step never changes.
struct Migration {
  int version;
  const char* sql;
};

// Now, as "YYYY-MM-DDTHH:MM:SSZ".
std::string UtcNow();

// Input checks shared by both back ends; the messages carry no store name.
Status CheckReview(const ReviewDecision& decision);
Status CheckFindings(const std::vector<StoreFinding>& findings);
Status CheckScores(const std::vector<StoreScore>& scores);

// Who holds a run lock, precisely enough to tell later whether that process
// still exists: a pid alone can be reused, so the process's start time
// (clock ticks since boot, /proc/PID/stat) and the boot id go with it.
struct ProcessIdentity {
  std::string host;
  pid_t pid = 0;
  std::string boot_id;     // empty where /proc does not tell
  std::string start_time;  // empty where /proc does not tell
};

ProcessIdentity SelfIdentity();

enum class Liveness {
  kAlive,
  kGone,     // exited (zombies included), rebooted since, or pid reused
  kUnknown,  // another host: this one cannot look
};
Liveness CheckLiveness(const ProcessIdentity& holder);

}  // namespace store_internal
}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_STORE_STORE_INTERNAL_H_
