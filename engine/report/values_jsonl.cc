#include "engine/report/values_jsonl.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <istream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <ostream>

#include "engine/ingest/date_parser.h"
#include "engine/normalize/normalizer.h"

namespace crosscheck {
namespace {

using Json = nlohmann::json;

// JSON string escaping (RFC 8259); the text is valid UTF-8 (the parser
// checked it), so bytes >= 0x80 pass through.
void AppendString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default:
        if (u < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", u);
          *out += buf;
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

void AppendNumber(double x, std::string* out) {
  if (std::isinf(x) || std::isnan(x)) {
    *out += "null";
    return;
  }
  // to_chars: no locale, no printf machinery; the shortest form that reads
  // back as the same double.
  char buf[32];
  std::to_chars_result r;
  if (x == std::floor(x) && std::fabs(x) < 1e15)
    r = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(x));
  else
    r = std::to_chars(buf, buf + sizeof buf, x);
  out->append(buf, r.ptr);
}

void AppendDay(double days, std::string* out) {
  if (std::isinf(days) || std::isnan(days)) {
    *out += "null";
    return;
  }
  int y = 0, m = 0, d = 0;
  CivilFromDays(static_cast<int64_t>(days), &y, &m, &d);
  if (y < 0 || y > 9999) {  // outside ISO's four digits: fall back
    out->push_back('"');
    *out += IsoDate(static_cast<int64_t>(days));
    out->push_back('"');
    return;
  }
  char buf[12] = {'"', static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
                  static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10), '-',
                  static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), '-',
                  static_cast<char>('0' + d / 10), static_cast<char>('0' + d % 10), '"'};
  out->append(buf, sizeof buf);
}

void AppendYear(double year, bool first_day, std::string* out) {
  if (std::isinf(year) || std::isnan(year)) {
    *out += "null";
    return;
  }
  const int y = static_cast<int>(year);
  AppendDay(static_cast<double>(first_day ? DaysFromCivil(y, 1, 1)
                                          : DaysFromCivil(y, 12, 31)),
            out);
}

}  // namespace

void AppendValueJson(const Value& v, std::string_view text, std::string* out) {
  *out += "{\"start\":";
  AppendNumber(static_cast<double>(v.start), out);
  *out += ",\"end\":";
  AppendNumber(static_cast<double>(v.end), out);
  *out += ",\"text\":";
  AppendString(text.substr(v.start, v.end - v.start), out);
  *out += ",\"kind\":\"";
  *out += KindName(v.kind);
  *out += "\",\"lo\":";
  if (v.kind == ValueKind::kYear) {
    AppendYear(v.lo, true, out);
    *out += ",\"hi\":";
    AppendYear(v.hi, false, out);
  } else if (IsCalendarKind(v.kind)) {
    AppendDay(v.lo, out);
    *out += ",\"hi\":";
    AppendDay(v.hi, out);
  } else {
    AppendNumber(v.lo, out);
    *out += ",\"hi\":";
    AppendNumber(v.hi, out);
  }
  *out += ",\"unit\":";
  if (v.unit.empty()) *out += "null";
  else AppendString(v.unit, out);
  *out += ",\"qualifier\":\"";
  *out += QualifierName(v.qualifier);
  *out += "\"}";
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
    void* map = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
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
  std::string buffer;
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
      if (buffer.size() > (1 << 20)) {
        out << buffer;
        buffer.clear();
      }
    }
    pos = end + 2;
  }
  out << buffer;
}

}  // namespace crosscheck
