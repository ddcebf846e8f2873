// Reading a train-duration table from a rule file (see docs/rules-schema.md, "Tables").

#include "safety/rules/rules_reader.hpp"

namespace tmsc::safety::detail {

using nlohmann::json;

namespace {

std::vector<Rational> ascending(const json& value, const std::string& pointer) {
    if (!value.is_array() || value.empty()) {
        throw SchemaError(pointer, "expected a non-empty list of numbers");
    }
    std::vector<Rational> out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        out.push_back(json_number(value[i], pointer + "/" + std::to_string(i)));
        if (out.back() <= Rational(0) || (i > 0 && out[i - 1] >= out[i])) {
            throw SchemaError(pointer, "values must be above zero and strictly ascending");
        }
    }
    return out;
}

TableCell read_cell(const json& value, const std::string& pointer) {
    TableCell cell;
    if (value.is_string() && value.get<std::string>().rfind('>', 0) == 0) {
        cell.tested_only = true;
        cell.seconds = json_number(json(value.get<std::string>().substr(1)), pointer);
    } else {
        cell.seconds = json_number(value, pointer);
    }
    if (cell.seconds <= Rational(0)) {
        throw SchemaError(pointer, "a duration must be above zero");
    }
    return cell;
}

std::size_t index_of(const std::vector<Rational>& axis, const Rational& value,
                     const std::string& pointer) {
    for (std::size_t i = 0; i < axis.size(); ++i) {
        if (axis[i] == value) {
            return i;
        }
    }
    throw SchemaError(pointer, "names a row or column the table does not have");
}

} // namespace

DurationTable read_table(const std::string& id, const json& value, const std::string& pointer) {
    ObjectReader in(value, pointer);
    DurationTable table;
    table.id = id;
    table.text = in.string("text");
    table.citation = in.string("citation");
    table.confidence = in.confidence("confidence");
    table.reference = in.reference("reference");
    table.frequencies = ascending(in.at("frequencies_hz"), in.child("frequencies_hz"));
    table.intensities = ascending(in.at("intensities_percent"), in.child("intensities_percent"));
    const json& rows = in.at("cells");
    if (!rows.is_array() || rows.size() != table.frequencies.size()) {
        throw SchemaError(in.child("cells"), "expected one row per frequency");
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const std::string row_pointer = in.child("cells") + "/" + std::to_string(r);
        if (!rows[r].is_array() || rows[r].size() != table.intensities.size()) {
            throw SchemaError(row_pointer, "expected one cell per intensity");
        }
        table.cells.emplace_back();
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            table.cells.back().push_back(read_cell(rows[r][c], row_pointer + "/" + std::to_string(c)));
        }
    }
    if (in.has("disputed_cells")) {
        for (const json& pair : in.at("disputed_cells")) {
            const std::string p = in.child("disputed_cells");
            if (!pair.is_array() || pair.size() != 2) {
                throw SchemaError(p, "expected [frequency, intensity] pairs");
            }
            const std::size_t r = index_of(table.frequencies, json_number(pair[0], p), p);
            const std::size_t c = index_of(table.intensities, json_number(pair[1], p), p);
            table.cells[r][c].disputed = true;
        }
        table.disputed_note = in.string("disputed_note");
    }
    if (in.has("unverified_rows_hz")) {
        // Rows whose transcription could not be checked at all (not one cell: the alignment
        // of the whole row); every report that uses one says so.
        const std::string p = in.child("unverified_rows_hz");
        if (!in.at("unverified_rows_hz").is_array()) {
            throw SchemaError(p, "expected an array of frequencies");
        }
        for (const json& f : in.at("unverified_rows_hz")) {
            table.unverified_rows.insert(index_of(table.frequencies, json_number(f, p), p));
        }
        table.unverified_note = in.string("unverified_note");
    }
    in.finish();
    return table;
}

} // namespace tmsc::safety::detail
