#include "safety/timeline/burst_shape.hpp"

#include <algorithm>

namespace tmsc::safety::timeline {

void BurstShape::complete_burst(std::int64_t size) {
    if (size_ == 0) {
        size_ = size;
    } else if (size != size_) {
        broken_ = true;
    }
    ++bursts_;
}

void BurstShape::add(const Rational& interval, std::int64_t count) {
    if (count <= 0 || broken_) {
        return;
    }
    if (distinct_ == 0) {
        distinct_ = 1;
        first_ = interval;
        first_count_ = count;
        return;
    }
    if (distinct_ == 1) {
        if (interval == first_) {
            first_count_ += count;
            return;
        }
        distinct_ = 2;
        if (interval < first_) {
            // Every earlier interval separated bursts of one pulse: not a burst pattern.
            broken_ = true;
            return;
        }
        inside_ = first_;
        between_ = interval;
        current_ = first_count_ + 1;
        // fall through to the gap handling below with the first gap
    } else if (interval == inside_) {
        current_ += count;
        return;
    } else if (interval != between_) {
        broken_ = true; // a third distinct interval
        return;
    }
    complete_burst(current_);
    if (count > 1) {
        complete_burst(1); // bursts of one pulse between repeated gaps: sizes differ
    }
    current_ = 1;
}

void BurstShape::add_units(const Rational& between, const Rational& inside,
                           std::int64_t inside_count, std::int64_t times) {
    // Two repetitions settle the state; after them each repetition completes one burst of the
    // same size as the one before, so the rest only counts.
    const std::int64_t direct = std::min<std::int64_t>(times, 2);
    for (std::int64_t i = 0; i < direct; ++i) {
        add(between, 1);
        add(inside, inside_count);
    }
    const std::int64_t rest = times - direct;
    if (rest <= 0 || broken_) {
        return;
    }
    if (distinct_ == 1 && between == first_ && inside == first_) {
        first_count_ += rest * (inside_count + 1); // all one interval: a conventional train
        return;
    }
    if (distinct_ == 2 && between == between_ && inside == inside_ && size_ == inside_count + 1 &&
        current_ == inside_count + 1) {
        bursts_ += rest;
        return;
    }
    for (std::int64_t i = 0; i < rest && !broken_; ++i) {
        add(between, 1);
        add(inside, inside_count);
    }
}

bool BurstShape::extrapolate(const BurstShape& before, std::int64_t times) {
    if (broken_) {
        return true; // a broken shape stays broken whatever follows
    }
    if (before.broken_ || distinct_ != before.distinct_ || size_ != before.size_) {
        return false;
    }
    if (distinct_ == 1) {
        if (first_ != before.first_) {
            return false;
        }
        // Only one interval value so far: the repetition added `d` more of it.
        first_count_ += times * (first_count_ - before.first_count_);
        return true;
    }
    if (distinct_ != 2 || inside_ != before.inside_ || between_ != before.between_) {
        return false;
    }
    const std::int64_t grown = current_ - before.current_;
    const std::int64_t completed = bursts_ - before.bursts_;
    if (completed == 0) {
        current_ += times * grown; // only inside intervals: the burst in progress grows
        return true;
    }
    if (grown == 0) {
        bursts_ += times * completed; // the same bursts, of the same size, each repetition
        return true;
    }
    return false; // bursts completed and the one in progress changed: sizes differ next time
}

std::optional<Bursts> BurstShape::result() const {
    if (broken_ || distinct_ != 2 || current_ != size_ || size_ < 2) {
        return std::nullopt;
    }
    const std::int64_t bursts = bursts_ + 1; // the one in progress is complete at the end
    if (bursts < 2) {
        return std::nullopt;
    }
    return Bursts{size_, bursts, inside_, between_};
}

} // namespace tmsc::safety::timeline
