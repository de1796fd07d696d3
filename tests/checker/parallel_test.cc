#include "engine/checker/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace crosscheck {
namespace {

TEST(ParallelForTest, EveryIndexRunsExactlyOnce) {
  for (int jobs : {1, 2, 3, 8}) {
    for (size_t n : {size_t{0}, size_t{1}, size_t{2}, size_t{7}, size_t{1000}}) {
      std::vector<std::atomic<int>> runs(n);
      ParallelFor(n, jobs, [&](size_t i) { runs[i].fetch_add(1); });
      for (size_t i = 0; i < n; ++i)
        EXPECT_EQ(runs[i].load(), 1) << "jobs " << jobs << ", n " << n << ", i " << i;
    }
  }
}

TEST(ParallelForTest, UsesSeveralThreadsAndOnlyOneForOneJob) {
  auto threads_used = [](int jobs) {
    const auto patience = std::chrono::seconds(jobs > 1 ? 10 : 0);
    std::mutex m;
    std::set<std::thread::id> ids;
    std::atomic<int> waiting{0};
    ParallelFor(64, jobs, [&](size_t) {
      {
        const std::lock_guard<std::mutex> lock(m);
        ids.insert(std::this_thread::get_id());
      }
      // The first body waits (up to 10 s) for a second thread to take an
      // index, so that one thread cannot take them all.
      waiting.fetch_add(1);
      const auto give_up = std::chrono::steady_clock::now() + patience;
      while (waiting.load() < 2 && std::chrono::steady_clock::now() < give_up)
        std::this_thread::yield();
    });
    return ids;
  };
  const std::set<std::thread::id> one = threads_used(1);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(*one.begin(), std::this_thread::get_id());
  EXPECT_GE(threads_used(4).size(), 2u);
}

TEST(ParallelForTest, AnExceptionReachesTheCallerAfterTheOthersStop) {
  std::atomic<int> done{0};
  EXPECT_THROW(ParallelFor(10000, 4,
                           [&](size_t i) {
                             if (i == 17) throw std::runtime_error("bad article");
                             done.fetch_add(1);
                           }),
               std::runtime_error);
  // The other threads stopped taking work once the error was seen.
  EXPECT_LT(done.load(), 10000);
}

TEST(ParallelForTest, InOrderSeesEveryIndexOnceInOrderAfterItsBody) {
  for (int jobs : {1, 2, 4}) {
    const size_t n = 500;
    std::vector<std::atomic<int>> bodies(n);
    std::vector<size_t> seen;
    std::atomic<int> inside{0};
    bool overlapped = false;
    ParallelForOrdered(
        n, jobs,
        [&](size_t i) {
          // Uneven work, so that bodies finish out of order.
          if (i % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
          bodies[i].fetch_add(1);
        },
        [&](size_t i) {
          if (inside.fetch_add(1) != 0) overlapped = true;
          EXPECT_EQ(bodies[i].load(), 1) << "in_order(" << i << ") before its body";
          seen.push_back(i);
          inside.fetch_sub(1);
        });
    ASSERT_EQ(seen.size(), n) << "jobs " << jobs;
    for (size_t i = 0; i < n; ++i) EXPECT_EQ(seen[i], i) << "jobs " << jobs;
    EXPECT_FALSE(overlapped) << "jobs " << jobs;
  }
}

// Waits (up to 10 s) until `count` reaches `want`; false if it never does.
bool AwaitCount(const std::atomic<int>& count, int want) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (count.load() < want)
    if (std::chrono::steady_clock::now() > give_up) return false;
    else std::this_thread::yield();
  return true;
}

// The threads are kept between calls and shared by callers: three callers
// at once, each asking for two threads, each get two (the six bodies wait
// for one another to begin), and a body may itself call ParallelFor.
TEST(ParallelForTest, CallersAtOnceEachGetTheirThreadsAndBodiesMayNest) {
  for (int round = 0; round < 5; ++round) {
    std::vector<std::thread> callers;
    std::atomic<int> begun{0}, together{0}, nested{0};
    for (int c = 0; c < 3; ++c)
      callers.emplace_back([&] {
        ParallelFor(2, 2, [&](size_t i) {
          begun.fetch_add(1);
          if (AwaitCount(begun, 6)) together.fetch_add(1);
          if (i == 0) ParallelFor(50, 2, [&](size_t) { nested.fetch_add(1); });
        });
      });
    for (std::thread& t : callers) t.join();
    EXPECT_EQ(together.load(), 6) << "round " << round;
    EXPECT_EQ(nested.load(), 150) << "round " << round;
  }
}

TEST(ParallelForTest, RunBothRunsTheTwoAtOnceWithTwoJobsAndInTurnWithOne) {
  std::atomic<int> begun{0};
  bool first_saw_second = false, second_saw_first = false;
  RunBoth(
      2, [&] { begun.fetch_add(1); first_saw_second = AwaitCount(begun, 2); },
      [&] { begun.fetch_add(1); second_saw_first = AwaitCount(begun, 2); });
  EXPECT_TRUE(first_saw_second && second_saw_first);
  std::vector<int> order;
  std::thread::id first_on, second_on;
  RunBoth(
      1, [&] { order.push_back(1); first_on = std::this_thread::get_id(); },
      [&] { order.push_back(2); second_on = std::this_thread::get_id(); });
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
  EXPECT_EQ(first_on, std::this_thread::get_id());
  EXPECT_EQ(second_on, std::this_thread::get_id());
}

TEST(ParallelForTest, JobCountZeroMeansEveryCore) {
  EXPECT_EQ(JobCount(3), 3);
  EXPECT_GE(JobCount(0), 1);
  EXPECT_EQ(JobCount(0), JobCount(-5));
}

}  // namespace
}  // namespace crosscheck
