// The values interface: `crosscheck values --jsonl`.
//
// Reads one JSON object per line, {"id", "text", "reference"} (reference
// optional: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS" or "YYYY"), and writes one
// line per input line, in order:
//   {"id", "values": [{"start", "end", "text", "kind", "lo", "hi", "unit",
//                      "qualifier"}]}
// start/end are UTF-8 byte offsets into text (end exclusive). Numbers have
// numeric lo/hi, null where unbounded; calendar kinds (year, date, daterange)
// have ISO "YYYY-MM-DD" lo/hi, both inclusive ("2016" is 2016-01-01 ..
// 2016-12-31). The check pipeline reads values through the same Normalizer.
#ifndef CROSSCHECK_ENGINE_REPORT_VALUES_JSONL_H_
#define CROSSCHECK_ENGINE_REPORT_VALUES_JSONL_H_

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/value.h"

namespace crosscheck {

class Normalizer;

// Appends one value as a JSON object (no trailing newline) to `out`.
// `text` is the text the value's offsets point into.
void AppendValueJson(const Value& value, std::string_view text, std::string* out);

// Runs the interface over `in`. A bad line (not JSON, no "text" string, a bad
// reference) gets an output line {"id": ..., "values": [], "error": "..."}
// so lines stay aligned, and a message "<origin>:LINE: ..." on `err`.
// Returns the number of bad lines.
size_t RunValuesJsonl(const Normalizer& normalizer, std::istream& in,
                      std::ostream& out, std::ostream& err,
                      const std::string& origin = "stdin");

// Plain text: `text` is cut into paragraphs at blank lines; each paragraph
// with values gives one line {"start": <paragraph byte offset>, "values":
// [...]} with value offsets into the whole text. Relative expressions resolve
// against `reference`.
void RunValuesText(const Normalizer& normalizer, std::string_view text,
                   std::ostream& out, const ReferenceDate& reference);

// All the bytes of a file descriptor (stdin: 0): mapped when it is a regular
// file, read into a buffer otherwise (a pipe). Owns the mapping or buffer.
class FdText {
 public:
  FdText() = default;
  ~FdText();
  FdText(const FdText&) = delete;
  FdText& operator=(const FdText&) = delete;

  // False on a read error.
  bool Load(int fd);
  std::string_view view() const;

 private:
  void* map_ = nullptr;
  size_t map_size_ = 0;
  std::string buffer_;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_REPORT_VALUES_JSONL_H_
