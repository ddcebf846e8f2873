# `cmake --install build --prefix P`: the binary, its man page, bash completion, the rule sets
# and device profiles, the editor grammar. The rule sets and profiles the binary uses are built
# into it (safety/rules/embed_rules.cmake, targets/devices/embed_profiles.cmake), so it needs no
# data directory and never reads the build tree; the copies in share/tmsc/ are the same bytes,
# for reading, for `--rules PATH` / `--device PATH`, and as a base for a site's own files.
include(GNUInstallDirs)

install(TARGETS tmsc RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Debian keeps manual pages and changelogs compressed (gzip -9n: no name or time stamp, so the
# bytes do not depend on when they were built).
find_program(TMSC_GZIP gzip REQUIRED)
set(TMSC_MAN_GZ ${CMAKE_BINARY_DIR}/install/tmsc.1.gz)
set(TMSC_CHANGELOG_GZ ${CMAKE_BINARY_DIR}/install/changelog.gz)
add_custom_command(
  OUTPUT ${TMSC_MAN_GZ} ${TMSC_CHANGELOG_GZ}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/install
  COMMAND ${TMSC_GZIP} -9n -c ${PROJECT_SOURCE_DIR}/docs/tmsc.1 > ${TMSC_MAN_GZ}
  COMMAND ${TMSC_GZIP} -9n -c ${PROJECT_SOURCE_DIR}/cmake/debian/changelog > ${TMSC_CHANGELOG_GZ}
  DEPENDS ${PROJECT_SOURCE_DIR}/docs/tmsc.1 ${PROJECT_SOURCE_DIR}/cmake/debian/changelog
  COMMENT "Compressing the man page and changelog for installation")
add_custom_target(tmsc_install_files ALL DEPENDS ${TMSC_MAN_GZ} ${TMSC_CHANGELOG_GZ})

install(FILES ${TMSC_MAN_GZ} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES docs/completion/tmsc.bash RENAME tmsc
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${TMSC_CHANGELOG_GZ} cmake/debian/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(TMSC_DATA ${CMAKE_INSTALL_DATADIR}/tmsc)
install(FILES safety/rules/rossi2009.json safety/rules/rossi2009-conservative.json
        DESTINATION ${TMSC_DATA}/rules)
install(FILES safety/rules/examples/site-90min.json DESTINATION ${TMSC_DATA}/rules/examples)
file(GLOB TMSC_INSTALLED_PROFILES ${PROJECT_SOURCE_DIR}/targets/devices/profiles/*.json)
install(FILES ${TMSC_INSTALLED_PROFILES} DESTINATION ${TMSC_DATA}/devices)
install(DIRECTORY editors/vscode-tms DESTINATION ${TMSC_DATA}/editors)
