// Status and StatusOr<T>: errors are returned, never thrown across the public API.
//
// Names follow Abseil (ok(), code(), message(), value()) so the code reads like
// the libraries we depend on; see STYLE.md for why this is not absl::Status.
#ifndef CROSSCHECK_STATUS_H_
#define CROSSCHECK_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace crosscheck {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,   // bad input: a file, a rule, a date
  kNotFound,          // a path that does not exist
  kResourceExhausted, // a limit was reached
  kFailedPrecondition,
  kInternal,
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return Status(StatusCode::kInvalidArgument, std::move(m));
  }
  static Status NotFound(std::string m) {
    return Status(StatusCode::kNotFound, std::move(m));
  }
  static Status ResourceExhausted(std::string m) {
    return Status(StatusCode::kResourceExhausted, std::move(m));
  }
  static Status FailedPrecondition(std::string m) {
    return Status(StatusCode::kFailedPrecondition, std::move(m));
  }
  static Status Internal(std::string m) {
    return Status(StatusCode::kInternal, std::move(m));
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Holds either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(Status status) : status_(std::move(status)) {  // NOLINT: implicit
    assert(!status_.ok() && "StatusOr built from an OK status");
  }
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok().
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

#define CC_STATUS_CONCAT_INNER_(a, b) a##b
#define CC_STATUS_CONCAT_(a, b) CC_STATUS_CONCAT_INNER_(a, b)

#define CC_RETURN_IF_ERROR(expr)                       \
  do {                                                 \
    ::crosscheck::Status cc_status_ = (expr);          \
    if (!cc_status_.ok()) return cc_status_;           \
  } while (0)

#define CC_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()

#define CC_ASSIGN_OR_RETURN(lhs, expr) \
  CC_ASSIGN_OR_RETURN_IMPL_(CC_STATUS_CONCAT_(cc_statusor_, __LINE__), lhs, expr)

}  // namespace crosscheck

#endif  // CROSSCHECK_STATUS_H_
