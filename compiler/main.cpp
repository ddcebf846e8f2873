#include "compiler/driver.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::ifstream f(argv[i], std::ios::binary);
        std::stringstream ss;
        ss << f.rdbuf();
        tmsc::SourceFile src(argv[i], ss.str());
        auto r = tmsc::check_source(src);
        std::cout << tmsc::render_all(r.diagnostics, src) << argv[i] << ": " << tmsc::verdict_name(r.verdict) << "\n";
    }
}
