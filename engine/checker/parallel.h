// Work over many articles on several threads.
//
//   ParallelFor(articles.size(), jobs, [&](size_t i) { Analyse(articles[i]); });
//
// Each index is handed out once, in rising order, to whichever thread is
// free (articles differ in size, so a fixed split would leave one thread
// idle); the call returns when every body has returned. Results go into
// slots the caller sized beforehand, so the output does not depend on the
// thread count.
#ifndef CROSSCHECK_ENGINE_CHECKER_PARALLEL_H_
#define CROSSCHECK_ENGINE_CHECKER_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace crosscheck {

// The threads `jobs` asks for: itself when > 0, every core when 0 (at least
// one).
int JobCount(int jobs);

// Runs body(i) for every i in [0, n) on up to JobCount(jobs) threads, the
// calling thread one of them. REQUIRES: body(i) and body(j) may run at the
// same time for i != j. The first exception a body throws is rethrown here,
// after the other threads have stopped taking work.
void ParallelFor(size_t n, int jobs, const std::function<void(size_t)>& body);

// ParallelFor, and in_order(i) once body(i) has returned: for every i, in
// rising order, never two at once, on whichever thread finished the body
// that let it go next (the other threads keep running bodies meanwhile).
// For a stage that must see the results in order, such as an index built
// as articles come in.
void ParallelForOrdered(size_t n, int jobs, const std::function<void(size_t)>& body,
                        const std::function<void(size_t)>& in_order);

// Runs first() and second(): at the same time, the calling thread one of the
// two, when JobCount(jobs) > 1; else one after the other. For two serial
// steps that share nothing. Exceptions as ParallelFor's.
void RunBoth(int jobs, const std::function<void()>& first, const std::function<void()>& second);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_CHECKER_PARALLEL_H_
