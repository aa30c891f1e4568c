# nsx_add_test_as_nobody(NAME <test> TEST <target> TMP <prefix> COPY <VAR>=<target>... [ARGS...])
# Runs <target> as uid 65534 through run-as-nobody.sh. The build tree may not be reachable for
# that user, so each COPY target is first copied to a private world-readable folder
# (/tmp/<prefix>.XXXXXX, removed afterwards) and its copy's path exported as VAR.
# Used by tests/helper and tests/security.
function(nsx_add_test_as_nobody)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;TEST;TMP" "COPY;ARGS")
    set(files "")
    set(exports "")
    foreach(pair IN LISTS arg_COPY)
        string(FIND "${pair}" "=" eq)
        string(SUBSTRING "${pair}" 0 ${eq} var)
        math(EXPR from "${eq} + 1")
        string(SUBSTRING "${pair}" ${from} -1 target)
        string(APPEND files " '$<TARGET_FILE:${target}>'")
        string(APPEND exports " ${var}=\"$d/$<TARGET_FILE_NAME:${target}>\"")
    endforeach()
    list(JOIN arg_ARGS " " args)
    add_test(NAME ${arg_NAME} COMMAND sh -c
        "d=$(mktemp -d /tmp/${arg_TMP}.XXXXXX) && trap 'rm -rf \"$d\"' EXIT && chmod 755 \"$d\" && cp${files} \"$d/\" && export${exports} && chmod -R a+rX \"$d\" && '${NSX_RUN_AS_NOBODY}' '$<TARGET_FILE:${arg_TEST}>' ${args}")
endfunction()
