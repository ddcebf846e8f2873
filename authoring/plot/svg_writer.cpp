#include "authoring/plot/svg_writer.hpp"

#include <cmath>
#include <cstdio>

namespace tmsc::plot {

std::string xml_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string number(double value) {
    if (!std::isfinite(value)) {
        value = 0;
    }
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    std::string text = buffer;
    return text == "-0.00" ? "0.00" : text;
}

double nice_step(double span, int target) {
    if (!(span > 0) || target < 1) {
        return 1;
    }
    const double raw = span / target;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (raw <= m * magnitude) {
            return m * magnitude;
        }
    }
    return 10 * magnitude;
}

SvgWriter::SvgWriter(double width, double height, std::string_view title) {
    out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + number(width) +
           "\" height=\"" + number(height) + "\" viewBox=\"0 0 " + number(width) + ' ' +
           number(height) + "\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n<title>" +
           xml_escape(title) + "</title>\n";
    rect(0, 0, width, height, "#ffffff");
}

void SvgWriter::rect(double x, double y, double w, double h, std::string_view fill,
                     std::string_view stroke, std::string_view extra) {
    out_ += "<rect x=\"" + number(x) + "\" y=\"" + number(y) + "\" width=\"" + number(w) +
            "\" height=\"" + number(h) + "\" fill=\"" + std::string(fill) + "\" stroke=\"" +
            std::string(stroke) + '"' + (extra.empty() ? "" : " " + std::string(extra)) + "/>\n";
}

void SvgWriter::line(double x1, double y1, double x2, double y2, std::string_view stroke,
                     double width, std::string_view dash) {
    out_ += "<line x1=\"" + number(x1) + "\" y1=\"" + number(y1) + "\" x2=\"" + number(x2) +
            "\" y2=\"" + number(y2) + "\" stroke=\"" + std::string(stroke) +
            "\" stroke-width=\"" + number(width) + '"' +
            (dash.empty() ? "" : " stroke-dasharray=\"" + std::string(dash) + '"') + "/>\n";
}

void SvgWriter::text(double x, double y, std::string_view content, double size,
                     std::string_view anchor, std::string_view fill, std::string_view weight) {
    out_ += "<text x=\"" + number(x) + "\" y=\"" + number(y) + "\" font-size=\"" + number(size) +
            "\" text-anchor=\"" + std::string(anchor) + "\" fill=\"" + std::string(fill) + '"' +
            (weight == "normal" ? "" : " font-weight=\"" + std::string(weight) + '"') + '>' +
            xml_escape(content) + "</text>\n";
}

void SvgWriter::vertical_text(double x, double y, std::string_view content, double size) {
    out_ += "<text x=\"" + number(x) + "\" y=\"" + number(y) + "\" font-size=\"" + number(size) +
            "\" text-anchor=\"middle\" fill=\"#222222\" transform=\"rotate(-90 " + number(x) + ' ' +
            number(y) + ")\">" + xml_escape(content) + "</text>\n";
}

void SvgWriter::raw(std::string_view markup) { out_ += markup; }

std::string SvgWriter::finish() { return out_ + "</svg>\n"; }

} // namespace tmsc::plot
