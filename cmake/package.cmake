# `cpack -G DEB` (run in the build tree): a Debian package of what cmake/install.cmake installs,
# under /usr. Its dependencies are found by dpkg-shlibdeps from the libraries the binary links
# (libz3, libssl's libcrypto, libstdc++, libc), not written by hand. docs/install.md.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tmsc)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_CONTACT "tmsc developers <tmsc@tmsc.dev>")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "tmsc developers <tmsc@tmsc.dev>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "compiler and safety verifier for TMS protocols")
# The extended description (CPack puts the summary above it and indents each line).
set(CPACK_PACKAGE_DESCRIPTION
    "tmsc reads transcranial magnetic stimulation protocols written in a small
language, checks units, values and timing with exact arithmetic, proves with
the Z3 solver that every session stays inside a cited safety rule set, and
only then writes pulse tables and stimulator programs with a detached,
optionally signed attestation.")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE https://tmsc.dev/)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Installed directories root:root 0755, as Debian policy asks.
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
# Stripped binary in the package (the debug information stays in the build tree).
set(CPACK_STRIP_FILES ON)
include(CPack)
