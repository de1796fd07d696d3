#include "engine/checker/parallel.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace crosscheck {

namespace {

// Threads kept for ParallelFor(), asleep between calls: a check makes half
// a dozen parallel steps, and a thread started while its parent is busy
// took 1.5-4 ms to begin on this 2-core machine (one woken from a wait
// here: about 10 us when it last ran on the idle core).
class Helpers {
 public:
  static Helpers& Get() {
    static Helpers* const helpers = new Helpers();  // never destroyed: its threads never end
    return *helpers;
  }

  // Runs work() on this thread and on up to `wanted` helpers at the same
  // time; returns once every call has returned. work() must return only
  // when nothing is left for any call of it to do (then no helper that has
  // not begun is waited for), and must not throw.
  void Run(size_t wanted, const std::function<void()>& work) {
    Job job{&work, wanted};
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      // As many helpers as asked for, even while other calls hold some.
      for (; idle_ < promised_ + wanted; ++idle_) std::thread([this] { Serve(); }).detach();
      queue_.push_back(&job);
      promised_ += wanted;
    }
    for (size_t i = 0; i < wanted; ++i) wake_.notify_one();
    work();
    std::unique_lock<std::mutex> lock(mutex_);
    if (const auto it = std::find(queue_.begin(), queue_.end(), &job); it != queue_.end()) {
      promised_ -= job.wanted;  // helpers that did not come in time
      queue_.erase(it);
    }
    done_.wait(lock, [&] { return job.running == 0; });
  }

 private:
  struct Job {
    const std::function<void()>* work;
    size_t wanted;       // helpers it may still take
    size_t running = 0;  // helpers inside work()
  };

  // A helper's life: take a place in the first queued job, run it, again.
  void Serve() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return !queue_.empty(); });
      Job* job = queue_.front();
      if (--job->wanted == 0) queue_.erase(queue_.begin());
      --promised_;
      --idle_;
      ++job->running;
      lock.unlock();
      (*job->work)();
      lock.lock();
      ++idle_;
      if (--job->running == 0) done_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;  // a job is queued
  std::condition_variable done_;  // a helper left a job
  std::vector<Job*> queue_;       // jobs that may take more helpers
  size_t idle_ = 0;      // helpers not inside a job (started ones included)
  size_t promised_ = 0;  // places the queued jobs still offer
};

}  // namespace

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
  Helpers::Get().Run(threads - 1, work);
  if (error) std::rethrow_exception(error);
}

void RunBoth(int jobs, const std::function<void()>& first, const std::function<void()>& second) {
  ParallelFor(2, jobs, [&](size_t i) { i == 0 ? first() : second(); });
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
