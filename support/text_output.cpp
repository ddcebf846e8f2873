#include "support/text_output.hpp"

#include "support/atomic_file.hpp"
#include "support/output_sink.hpp"

#include <optional>
#include <unistd.h>

namespace tmsc {

bool write_text_output(const std::string& path, const std::string& text, std::string& error) {
    try {
        if (path == "-") {
            OutputSink sink(STDOUT_FILENO);
            sink.write(text);
            sink.flush();
            return true;
        }
        std::optional<AtomicFile> file = AtomicFile::create(path, error);
        if (!file) {
            return false;
        }
        OutputSink sink(file->fd());
        sink.write(text);
        sink.flush();
        return file->commit(error);
    } catch (const OutputError& e) {
        error = e.what();
        return false;
    }
}

} // namespace tmsc
