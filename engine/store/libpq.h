// libpq, loaded the first time a PostgreSQL store is opened.
//
// Linked in, libpq made every crosscheck process load it and the twenty
// libraries it needs (Kerberos, LDAP, SASL, GnuTLS...) before main(): 2.4 ms
// of each start, whatever the command, most of what `values` spends on
// anything but values. Loaded with dlopen(), it costs only the runs that use
// a PostgreSQL store. The header still comes from libpq-dev, so the
// functions' types are libpq's own.
#ifndef CROSSCHECK_ENGINE_STORE_LIBPQ_H_
#define CROSSCHECK_ENGINE_STORE_LIBPQ_H_

#include <libpq-fe.h>

#include "crosscheck/status.h"

namespace crosscheck {
namespace store_internal {

// The libpq functions the store calls, by their libpq names less "PQ".
struct LibPq {
  decltype(&::PQconnectdb) connectdb;
  decltype(&::PQstatus) status;
  decltype(&::PQerrorMessage) errorMessage;
  decltype(&::PQsetNoticeProcessor) setNoticeProcessor;
  decltype(&::PQfinish) finish;
  decltype(&::PQexec) exec;
  decltype(&::PQexecParams) execParams;
  decltype(&::PQresultStatus) resultStatus;
  decltype(&::PQresStatus) resStatus;
  decltype(&::PQresultErrorField) resultErrorField;
  decltype(&::PQclear) clear;
  decltype(&::PQntuples) ntuples;
  decltype(&::PQgetisnull) getisnull;
  decltype(&::PQgetvalue) getvalue;
  decltype(&::PQgetlength) getlength;
  decltype(&::PQunescapeBytea) unescapeBytea;
  decltype(&::PQfreemem) freemem;
};

// Loads libpq.so.5 once (thread-safe) and returns its functions, or an
// error naming the library and what dlopen()/dlsym() said. Never unloaded.
StatusOr<const LibPq*> LoadLibPq();

// The functions of a libpq already loaded. REQUIRES: LoadLibPq() succeeded
// (every connection is made after it has).
const LibPq& Pq();

}  // namespace store_internal
}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_STORE_LIBPQ_H_
