#include "engine/report/values_jsonl.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <istream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <ostream>

#include "engine/ingest/date_parser.h"
#include "engine/normalize/normalizer.h"

namespace crosscheck {
namespace {

using Json = nlohmann::json;

// The writers below put bytes at `p` and return the new end; the caller has
// made room (AppendValueJson sizes the string for the worst case first), so
// a value costs no reallocation and no per-field append call.

// JSON string escaping (RFC 8259), at most 6 bytes per input byte; the text
// is valid UTF-8 (the parser checked it), so bytes >= 0x80 pass through.
char* PutString(std::string_view s, char* p) {
  static constexpr char kHex[] = "0123456789abcdef";
  *p++ = '"';
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && c != '"' && c != '\\') {
      *p++ = c;
      continue;
    }
    *p++ = '\\';
    switch (c) {
      case '"': *p++ = '"'; break;
      case '\\': *p++ = '\\'; break;
      case '\n': *p++ = 'n'; break;
      case '\r': *p++ = 'r'; break;
      case '\t': *p++ = 't'; break;
      default:
        *p++ = 'u';
        *p++ = '0';
        *p++ = '0';
        *p++ = kHex[u >> 4];
        *p++ = kHex[u & 15];
    }
  }
  *p++ = '"';
  return p;
}

char* PutRaw(std::string_view s, char* p) {
  std::memcpy(p, s.data(), s.size());
  return p + s.size();
}

// A number, at most 32 bytes: integers as integers, others in the shortest
// form that reads back as the same double (to_chars: no locale, no printf).
char* PutNumber(double x, char* p) {
  if (std::isinf(x) || std::isnan(x)) return PutRaw("null", p);
  if (x == std::floor(x) && std::fabs(x) < 1e15)
    return std::to_chars(p, p + 32, static_cast<int64_t>(x)).ptr;
  return std::to_chars(p, p + 32, x).ptr;
}

// A civil day as "YYYY-MM-DD" (quoted), at most 32 bytes.
char* PutDay(double days, char* p) {
  if (std::isinf(days) || std::isnan(days)) return PutRaw("null", p);
  int y = 0, m = 0, d = 0;
  CivilFromDays(static_cast<int64_t>(days), &y, &m, &d);
  if (y < 0 || y > 9999) {  // outside ISO's four digits: fall back
    *p++ = '"';
    p = PutRaw(IsoDate(static_cast<int64_t>(days)), p);
    *p++ = '"';
    return p;
  }
  const char buf[12] = {'"', static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
                        static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10), '-',
                        static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), '-',
                        static_cast<char>('0' + d / 10), static_cast<char>('0' + d % 10), '"'};
  std::memcpy(p, buf, sizeof buf);
  return p + sizeof buf;
}

char* PutYear(double year, bool first_day, char* p) {
  if (std::isinf(year) || std::isnan(year)) return PutRaw("null", p);
  const int y = static_cast<int>(year);
  return PutDay(static_cast<double>(first_day ? DaysFromCivil(y, 1, 1)
                                              : DaysFromCivil(y, 12, 31)),
                p);
}

void AppendString(std::string_view s, std::string* out) {
  const size_t old = out->size();
  out->resize(old + 2 + 6 * s.size());
  out->resize(static_cast<size_t>(PutString(s, out->data() + old) - out->data()));
}

void AppendNumber(double x, std::string* out) {
  char buf[32];
  out->append(buf, PutNumber(x, buf));
}

}  // namespace

void AppendValueJson(const Value& v, std::string_view text, std::string* out) {
  const std::string_view span = text.substr(v.start, v.end - v.start);
  // Field names and quotes ~90 bytes, four numbers or days <= 4 * 32, the
  // kind and qualifier names < 16 each; escaped strings <= 6 bytes a byte.
  // Written on the stack (a value's text is short), then appended once.
  const size_t need = 256 + 6 * (span.size() + v.unit.size());
  char local[1024];
  std::string large;
  if (need > sizeof local) large.resize(need);
  char* const begin = need > sizeof local ? large.data() : local;
  char* p = begin;
  p = PutRaw("{\"start\":", p);
  p = PutNumber(static_cast<double>(v.start), p);
  p = PutRaw(",\"end\":", p);
  p = PutNumber(static_cast<double>(v.end), p);
  p = PutRaw(",\"text\":", p);
  p = PutString(span, p);
  p = PutRaw(",\"kind\":\"", p);
  p = PutRaw(KindName(v.kind), p);
  p = PutRaw("\",\"lo\":", p);
  if (v.kind == ValueKind::kYear) {
    p = PutYear(v.lo, true, p);
    p = PutRaw(",\"hi\":", p);
    p = PutYear(v.hi, false, p);
  } else if (IsCalendarKind(v.kind)) {
    p = PutDay(v.lo, p);
    p = PutRaw(",\"hi\":", p);
    p = PutDay(v.hi, p);
  } else {
    p = PutNumber(v.lo, p);
    p = PutRaw(",\"hi\":", p);
    p = PutNumber(v.hi, p);
  }
  p = PutRaw(",\"unit\":", p);
  p = v.unit.empty() ? PutRaw("null", p) : PutString(v.unit, p);
  p = PutRaw(",\"qualifier\":\"", p);
  p = PutRaw(QualifierName(v.qualifier), p);
  p = PutRaw("\"}", p);
  out->append(begin, p);
}

size_t RunValuesJsonl(const Normalizer& normalizer, std::istream& in,
                      std::ostream& out, std::ostream& err,
                      const std::string& origin) {
  std::string line, buffer;
  size_t line_no = 0, bad = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    buffer.clear();
    std::string error;
    Json id = nullptr;
    std::string text;
    ReferenceDate reference;
    try {
      const Json object = Json::parse(line);
      if (!object.is_object()) {
        error = "not a JSON object";
      } else {
        if (auto it = object.find("id"); it != object.end()) id = *it;
        auto t = object.find("text");
        if (t == object.end() || !t->is_string()) {
          error = "no \"text\" string";
        } else {
          text = t->get<std::string>();
        }
        auto r = object.find("reference");
        if (error.empty() && r != object.end() && !r->is_null()) {
          if (!r->is_string() ||
              !internal::ParseIsoDate(r->get<std::string>(), &reference))
            error = "\"reference\" is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)";
        }
      }
    } catch (const Json::exception& e) {
      error = std::string("invalid JSON: ") + e.what();
    }
    buffer += "{\"id\":";
    buffer += id.dump(-1, ' ', false, Json::error_handler_t::replace);
    buffer += ",\"values\":[";
    if (error.empty()) {
      bool first = true;
      for (const Value& v : normalizer.Extract(text, reference)) {
        if (!first) buffer.push_back(',');
        first = false;
        AppendValueJson(v, text, &buffer);
      }
      buffer += "]}\n";
    } else {
      ++bad;
      err << origin << ":" << line_no << ": " << error << "\n";
      buffer += "],\"error\":";
      AppendString(error, &buffer);
      buffer += "}\n";
    }
    out << buffer;
  }
  return bad;
}

FdText::~FdText() {
  if (map_ != nullptr) munmap(map_, map_size_);
}

bool FdText::Load(int fd) {
  struct stat st;
  const bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
  if (regular) {
    // MAP_POPULATE: the whole file is read anyway, so map it in one go
    // rather than one page fault per few pages.
    void* map = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ,
                     MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (map != MAP_FAILED) {
      map_ = map;
      map_size_ = static_cast<size_t>(st.st_size);
      madvise(map_, map_size_, MADV_SEQUENTIAL);
      return true;
    }
    buffer_.reserve(static_cast<size_t>(st.st_size) + 1);
  }
  char chunk[1 << 16];
  for (;;) {
    const ssize_t n = read(fd, chunk, sizeof chunk);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    buffer_.append(chunk, static_cast<size_t>(n));
  }
}

std::string_view FdText::view() const {
  if (map_ != nullptr) return {static_cast<const char*>(map_), map_size_};
  return buffer_;
}

void RunValuesText(const Normalizer& normalizer, std::string_view text,
                   std::ostream& out, const ReferenceDate& reference) {
  constexpr size_t kFlushAt = size_t{1} << 20;
  std::string buffer;
  buffer.reserve(kFlushAt + (kFlushAt >> 2));
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find("\n\n", pos);
    if (end == std::string::npos) end = text.size();
    const std::string_view paragraph(text.data() + pos, end - pos);
    std::vector<Value> values = normalizer.Extract(paragraph, reference);
    if (!values.empty()) {
      buffer += "{\"start\":";
      AppendNumber(static_cast<double>(pos), &buffer);
      buffer += ",\"values\":[";
      for (size_t i = 0; i < values.size(); ++i) {
        values[i].start += pos;
        values[i].end += pos;
        if (i > 0) buffer.push_back(',');
        AppendValueJson(values[i], text, &buffer);
      }
      buffer += "]}\n";
      if (buffer.size() > kFlushAt) {
        out << buffer;
        buffer.clear();
      }
    }
    pos = end + 2;
  }
  out << buffer;
}

}  // namespace crosscheck
