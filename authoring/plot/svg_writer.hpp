#pragma once
// A minimal SVG writer: self-contained documents (no scripts, no external fonts or images),
// with text escaped and numbers printed the same way on every machine.

#include <string>
#include <string_view>

namespace tmsc::plot {

/// Builds one SVG document element by element.
class SvgWriter {
  public:
    /// Starts a document of `width` × `height` user units with an accessible title.
    SvgWriter(double width, double height, std::string_view title);

    void rect(double x, double y, double w, double h, std::string_view fill,
              std::string_view stroke = "none", std::string_view extra = "");
    void line(double x1, double y1, double x2, double y2, std::string_view stroke,
              double width = 1, std::string_view dash = "");
    /// Text at (x, y); `anchor` is start, middle or end.
    void text(double x, double y, std::string_view content, double size = 12,
              std::string_view anchor = "start", std::string_view fill = "#222222",
              std::string_view weight = "normal");
    /// Text turned 90° counter-clockwise about (x, y), for a vertical axis label.
    void vertical_text(double x, double y, std::string_view content, double size = 12);
    /// Verbatim markup for <defs> and the like; the caller guarantees it is well-formed.
    void raw(std::string_view markup);
    /// Closes the document and returns it.
    std::string finish();

  private:
    std::string out_;
};

/// Escapes &, <, >, " and ' for XML text and attributes.
std::string xml_escape(std::string_view text);

/// A coordinate with two decimals ("12.50"), locale-independent.
std::string number(double value);

/// A tick step of 1, 2 or 5 × 10^k giving about `target` ticks over `span`.
double nice_step(double span, int target);

} // namespace tmsc::plot
