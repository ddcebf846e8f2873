// tmsc plot: the SVG is well-formed, self-contained, shows what the schedule holds, and the
// bundled examples match their checked-in golden pictures (tests/golden-plots, refresh.sh).

#include "authoring/plot/plot.hpp"
#include "authoring/plot/svg_writer.hpp"
#include "cli/driver/lower_pipeline.hpp"
#include "support/source_loader.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace tmsc::plot {
namespace {

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string render_example(const std::string& name, PlotView view,
                           const LowerOptions& options = {}) {
    LoadResult loaded = load_source(std::string(TMSC_SOURCE_DIR) + "/examples/" + name + ".tms");
    EXPECT_TRUE(loaded.source.has_value());
    auto p = lower_source(std::move(*loaded.source), options, VerdictPolicy::RequireResolved);
    EXPECT_TRUE(p->schedule && p->summary) << render_all(p->diagnostics, p->source);
    std::vector<std::string> findings;
    for (const Diagnostic& d : p->diagnostics) {
        findings.push_back(d.code + ' ' + d.message);
    }
    return render_plot(PlotInput{&*p->schedule, &*p->summary, p->check.verdict, findings}, view);
}

/// A small well-formedness check: balanced tags, quoted attributes, no stray '<' or '&'.
std::string xml_problem(const std::string& xml) {
    std::vector<std::string> open;
    std::size_t i = xml.find("<svg");
    if (xml.rfind("<?xml", 0) != 0 || i == std::string::npos) {
        return "missing XML declaration or <svg>";
    }
    while (i < xml.size()) {
        const std::size_t lt = xml.find('<', i);
        const std::string text = xml.substr(i, (lt == std::string::npos ? xml.size() : lt) - i);
        if (std::regex_search(text, std::regex("&(?!(amp|lt|gt|quot|apos);)"))) {
            return "unescaped & in text: " + text;
        }
        if (lt == std::string::npos) {
            break;
        }
        const std::size_t gt = xml.find('>', lt);
        if (gt == std::string::npos) {
            return "unclosed tag";
        }
        const std::string tag = xml.substr(lt + 1, gt - lt - 1);
        if (tag.find('<') != std::string::npos) {
            return "'<' inside a tag: " + tag;
        }
        if (std::count(tag.begin(), tag.end(), '"') % 2 != 0) {
            return "unbalanced quotes in: " + tag;
        }
        const std::string name = tag.substr(tag[0] == '/' ? 1 : 0, tag.find_first_of(" /", 1) - (tag[0] == '/' ? 1 : 0));
        if (tag[0] == '/') {
            if (open.empty() || open.back() != name) {
                return "mismatched </" + name + ">";
            }
            open.pop_back();
        } else if (tag.back() != '/') {
            open.push_back(name);
        }
        i = gt + 1;
    }
    return open.empty() ? "" : "unclosed <" + open.back() + ">";
}

std::size_t count(const std::string& text, const std::string& pattern) {
    std::size_t n = 0;
    for (std::size_t at = text.find(pattern); at != std::string::npos; at = text.find(pattern, at + 1)) {
        ++n;
    }
    return n;
}

TEST(PlotSvg, EveryViewOfEveryExampleIsWellFormedAndSelfContained) {
    for (const char* name : {"fda-10hz", "itbs-600", "saint-accelerated-itbs", "sici-paired-pulse",
                             "sequential-bilateral", "1hz-right-dlpfc", "deep-tms-h1-18hz"}) {
        for (PlotView view : {PlotView::Session, PlotView::Train, PlotView::Course}) {
            const std::string svg = render_example(name, view);
            EXPECT_EQ(xml_problem(svg), "") << name << " view " << static_cast<int>(view);
            EXPECT_EQ(svg.find("<script"), std::string::npos);
            EXPECT_EQ(svg.find("href"), std::string::npos) << "no external resources";
            EXPECT_NE(svg.find("Verdict: "), std::string::npos);
        }
    }
}

TEST(PlotSvg, SessionViewDrawsOneBarPerTrainAndNamesTheGapInBothConventions) {
    const std::string svg = render_example("fda-10hz", PlotView::Session);
    EXPECT_EQ(count(svg, "fill=\"#1b3a5c\""), 75u);
    EXPECT_NE(svg.find("Gap 26 s after the nominal on-time = 26.1 s after the last pulse"),
              std::string::npos);
    EXPECT_NE(svg.find("74 times"), std::string::npos);
}

TEST(PlotSvg, TrainViewDrawsEveryPulseOfTheFirstThetaBurstTrain) {
    const std::string svg = render_example("itbs-600", PlotView::Train);
    EXPECT_EQ(count(svg, "stroke=\"#8c1d18\""), 30u);
    EXPECT_NE(svg.find("20 ms (50 Hz) in a burst"), std::string::npos);
    EXPECT_NE(svg.find("200 ms (5 Hz) burst slot"), std::string::npos);
}

TEST(PlotSvg, CourseViewDrawsEachSessionOfTheDayAndTheIntervalAnchor) {
    const std::string svg = render_example("saint-accelerated-itbs", PlotView::Course);
    EXPECT_EQ(count(svg, "fill=\"#1b3a5c\""), 10u);
    EXPECT_NE(svg.find("50 min end to start"), std::string::npos);
    EXPECT_NE(svg.find("18000 pulses per day"), std::string::npos);
}

/// The heights of every <rect> with this fill, in document order.
std::vector<double> bar_heights(const std::string& svg, const std::string& fill) {
    std::vector<double> out;
    const std::regex bar("<rect [^>]*height=\"([0-9.]+)\" fill=\"" + fill + "\"");
    for (std::sregex_iterator it(svg.begin(), svg.end(), bar), end; it != end; ++it) {
        out.push_back(std::stod((*it)[1].str()));
    }
    return out;
}

TEST(PlotSvg, SessionViewDrawsOneBarPerReferenceOfEachPair) {
    // SICI: 40 pairs, conditioning 80 %aMT then test 120 %rMT; each pulse has its own bar.
    const std::string svg = render_example("sici-paired-pulse", PlotView::Session);
    const std::vector<double> first = bar_heights(svg, "#1b3a5c");
    const std::vector<double> second = bar_heights(svg, "#e8b04a");
    ASSERT_EQ(first.size(), 40u);
    ASSERT_EQ(second.size(), 40u);
    // Heights are in proportion to 80 and 120 (percent of each pulse's own reference).
    EXPECT_NEAR(second[0] / first[0], 120.0 / 80.0, 1e-3);
    EXPECT_NE(svg.find(">80 %aMT, then 120 %rMT<"), std::string::npos) << "label over the bars";
    EXPECT_NE(svg.find(">Intensity: 80 %aMT, then 120 %rMT<"), std::string::npos);
    EXPECT_NE(svg.find("Paired pulses: two bars side by side"), std::string::npos);
}

TEST(PlotSvg, EveryViewWritesTheIntensityRelativeAndInMsoWhenTheThresholdIsKnown) {
    LowerOptions with_rmt;
    with_rmt.rmt_mso = Rational(55);
    for (PlotView view : {PlotView::Session, PlotView::Train, PlotView::Course}) {
        SCOPED_TRACE(static_cast<int>(view));
        EXPECT_NE(render_example("fda-10hz", view).find("Intensity: 120 %rMT<"), std::string::npos);
        EXPECT_NE(render_example("fda-10hz", view, with_rmt).find("Intensity: 120 %rMT = 66 %MSO<"),
                  std::string::npos);
    }
    const std::string train = render_example("fda-10hz", PlotView::Train, with_rmt);
    EXPECT_EQ(count(train, ">120 %rMT = 66 %MSO<"), 1u) << "the first pulse is labelled once";
}

TEST(PlotSvg, EachBlockNamesItsOwnIntensity) {
    const std::string svg = render_example("sequential-bilateral", PlotView::Session);
    const std::size_t at = svg.find(">Intensity: ");
    ASSERT_NE(at, std::string::npos);
    EXPECT_EQ(svg.substr(at, svg.find('<', at) - at),
              ">Intensity: right DLPFC, 1 Hz (right_dlpfc): 120 %rMT; "
              "left DLPFC, 10 Hz (left_dlpfc): 120 %rMT");
}

TEST(PlotSvg, TextIsEscaped) {
    EXPECT_EQ(xml_escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
}

TEST(PlotSvg, BundledExamplesMatchTheirGoldenPictures) {
    const std::string dir = std::string(TMSC_SOURCE_DIR) + "/tests/golden-plots/";
    const std::pair<const char*, PlotView> cases[] = {{"fda-10hz-session", PlotView::Session},
                                                      {"itbs-600-train", PlotView::Train},
                                                      {"saint-accelerated-itbs-course", PlotView::Course}};
    for (const auto& [file, view] : cases) {
        const std::string name = std::string(file).substr(0, std::string(file).rfind('-'));
        EXPECT_EQ(render_example(name, view), read(dir + file + ".svg"))
            << file << ": run tests/golden-plots/refresh.sh and review the difference";
    }
}

} // namespace
} // namespace tmsc::plot
