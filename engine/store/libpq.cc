#include "engine/store/libpq.h"

#include <dlfcn.h>

#include <cassert>
#include <string>
#include <type_traits>

namespace crosscheck {
namespace store_internal {
namespace {

// libpq's soname on Debian (package libpq5), stable since PostgreSQL 8.2.
constexpr const char* kLibPq = "libpq.so.5";

struct Loaded {
  LibPq functions{};
  std::string error;  // empty when loaded
};

Loaded Load() {
  Loaded out;
  void* lib = dlopen(kLibPq, RTLD_NOW | RTLD_LOCAL);
  if (lib == nullptr) {
    const char* why = dlerror();
    out.error = std::string("cannot load ") + kLibPq + " (PostgreSQL's client library, " +
                "Debian package libpq5): " + (why != nullptr ? why : "unknown error");
    return out;
  }
  auto get = [&](auto& fn, const char* name) {
    if (!out.error.empty()) return;
    void* symbol = dlsym(lib, name);
    if (symbol == nullptr) {
      out.error = std::string(kLibPq) + " has no " + name;
      return;
    }
    fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(symbol);
  };
  LibPq& f = out.functions;
  get(f.connectdb, "PQconnectdb");
  get(f.status, "PQstatus");
  get(f.errorMessage, "PQerrorMessage");
  get(f.setNoticeProcessor, "PQsetNoticeProcessor");
  get(f.finish, "PQfinish");
  get(f.exec, "PQexec");
  get(f.execParams, "PQexecParams");
  get(f.resultStatus, "PQresultStatus");
  get(f.resStatus, "PQresStatus");
  get(f.resultErrorField, "PQresultErrorField");
  get(f.clear, "PQclear");
  get(f.ntuples, "PQntuples");
  get(f.getisnull, "PQgetisnull");
  get(f.getvalue, "PQgetvalue");
  get(f.getlength, "PQgetlength");
  get(f.unescapeBytea, "PQunescapeBytea");
  get(f.freemem, "PQfreemem");
  return out;
}

const Loaded& Library() {
  static const Loaded loaded = Load();  // once, and thread-safe
  return loaded;
}

}  // namespace

StatusOr<const LibPq*> LoadLibPq() {
  const Loaded& lib = Library();
  if (!lib.error.empty()) return Status::Internal(lib.error);
  return &lib.functions;
}

const LibPq& Pq() {
  const Loaded& lib = Library();
  assert(lib.error.empty());
  return lib.functions;
}

}  // namespace store_internal
}  // namespace crosscheck
