#include "engine/checker/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace crosscheck {

int JobCount(int jobs) {
  if (jobs > 0) return jobs;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

void ParallelFor(size_t n, int jobs, const std::function<void(size_t)>& body) {
  const size_t threads = std::min(n, static_cast<size_t>(JobCount(jobs)));
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) body(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&] {
    for (size_t i; !failed.load(std::memory_order_relaxed) &&
                   (i = next.fetch_add(1, std::memory_order_relaxed)) < n;) {
      try {
        body(i);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
        failed.store(true, std::memory_order_relaxed);
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

void ParallelForOrdered(size_t n, int jobs, const std::function<void(size_t)>& body,
                        const std::function<void(size_t)>& in_order) {
  std::mutex mutex;
  std::vector<char> finished(n, 0);
  size_t next = 0;         // the next index in_order() is due for
  bool draining = false;   // a thread is calling in_order()
  ParallelFor(n, jobs, [&](size_t i) {
    body(i);
    std::unique_lock<std::mutex> lock(mutex);
    finished[i] = 1;
    if (draining) return;  // that thread will reach i
    draining = true;
    while (next < n && finished[next]) {
      const size_t due = next;
      lock.unlock();
      try {
        in_order(due);
      } catch (...) {
        lock.lock();
        draining = false;
        throw;
      }
      lock.lock();
      ++next;
    }
    draining = false;
  });
}

}  // namespace crosscheck
